package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@RoomtoneTest
class StaffApiTests {

    private static final String UNKNOWN_ID = "8d9b1c1e-0000-4000-8000-000000000000";

    /**
     * Bookings do not exist yet; the booking module will implement {@link StaffAssignments}. Until
     * then this test double of the port stands in for it, so that the refusal can be tested now.
     */
    @TestConfiguration
    static class Assignments {
        @Bean
        FakeAssignments fakeAssignments() {
            return new FakeAssignments();
        }
    }

    static class FakeAssignments implements StaffAssignments {
        final Map<UUID, List<Assignment>> byStaff = new ConcurrentHashMap<>();

        @Override
        public List<Assignment> upcomingFor(UUID staffId) {
            return byStaff.getOrDefault(staffId, List.of());
        }
    }

    @Autowired
    Api api;

    @Autowired
    FakeAssignments assignments;

    private static String email() {
        return Api.unique("staff").replace(' ', '-') + "@example.test";
    }

    private Response createStaff(String email, String password) {
        return api.post(
                "/api/admin/staff",
                json(
                        "email",
                        email,
                        "name",
                        "Sam Engineer",
                        "skills",
                        List.of("Mixing", " mastering ", "mixing"),
                        "hourly_rate_cents",
                        4_500,
                        "default_calendar_provider",
                        "google",
                        "password",
                        password),
                api.ownerToken());
    }

    private String createdId(String email, String password) {
        Response created = createStaff(email, password);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private Response session(String token) {
        return api.get("/api/auth/session", token);
    }

    @Test
    void ownerAddsReadsUpdatesAndRemovesAStaffMemberWhoSignsInWithTheirPassword() {
        String owner = api.ownerToken();
        String email = email();
        Response created = createStaff(email.toUpperCase(), CatalogFixtures.STAFF_PASSWORD);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("email").asString()).isEqualTo(email);
        assertThat(created.json().get("name").asString()).isEqualTo("Sam Engineer");
        assertThat(CatalogFixtures.strings(created, "skills")).containsExactly("mixing", "mastering");
        assertThat(created.json().get("hourly_rate_cents").asLong()).isEqualTo(4_500);
        assertThat(created.json().get("currency").asString()).isEqualTo("CAD");
        assertThat(created.json().get("default_calendar_provider").asString()).isEqualTo("google");
        assertThat(created.json().get("active").asBoolean()).isTrue();
        assertThat(created.json().get("can_sign_in").asBoolean()).isTrue();
        assertThat(created.json().get("ics_feed_enabled").asBoolean()).isFalse();
        assertThat(created.json().get("invitation_token").isNull()).isTrue();

        String staffToken = api.login(email, CatalogFixtures.STAFF_PASSWORD, null);
        assertThat(session(staffToken).json().at("/user/role").asString()).isEqualTo("staff");
        assertThat(session(staffToken).json().at("/user/id").asString())
                .isEqualTo(created.json().get("user_id").asString());

        String newEmail = email();
        Response updated = api.put(
                "/api/admin/staff/" + id,
                json("name", "Sam Mixer", "email", newEmail, "hourly_rate_cents", 5_000),
                owner);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Sam Mixer");
        assertThat(updated.json().get("email").asString()).isEqualTo(newEmail);
        assertThat(updated.json().get("hourly_rate_cents").asLong()).isEqualTo(5_000);
        assertThat(CatalogFixtures.strings(updated, "skills")).containsExactly("mixing", "mastering");
        assertThat(updated.json().get("default_calendar_provider").asString()).isEqualTo("google");
        assertThat(api.login(newEmail, CatalogFixtures.STAFF_PASSWORD, null)).isNotBlank();
        // the account can sign in: its password is now its holder's, not the studio's
        Response reset = api.put("/api/admin/staff/" + id, json("password", "new-password-2"), owner);
        assertThat(reset.status()).as(reset.toString()).isEqualTo(403);
        assertThat(reset.json().get("code").asString()).isEqualTo("forbidden");
        assertThat(api.get("/api/admin/staff/" + id, owner).json().get("name").asString())
                .isEqualTo("Sam Mixer");
        assertThat(api.get("/api/admin/staff", owner).body()).contains(id);

        assertThat(api.delete("/api/admin/staff/" + id, owner).status()).isEqualTo(204);
        assertThat(api.get("/api/admin/staff/" + id, owner).status()).isEqualTo(404);
        assertThat(api.get("/api/admin/staff", owner).body()).doesNotContain(id);
        // the account stays, as a client account: its holder may still book, but no longer works here
        assertThat(api.login(newEmail, CatalogFixtures.STAFF_PASSWORD, null)).isNotBlank();
        assertThat(session(staffToken).json().at("/user/role").asString()).isEqualTo("client");
    }

    @Test
    void everyChangeIsAuditedWithoutSecrets() {
        String owner = api.ownerToken();
        // without a password yet, so that the studio may set one
        Response created = createStaff(email(), null);
        String id = created.json().get("id").asString();
        Response updated = api.put(
                "/api/admin/staff/" + id, json("hourly_rate_cents", 6_000, "password", "changed-password"), owner);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        String icsToken = api.post("/api/admin/staff/" + id + "/ics-token", null, owner)
                .json()
                .get("ics_token")
                .asString();
        api.delete("/api/admin/staff/" + id, owner);

        Response audit = api.get("/api/admin/audit?entity=staff&entity_id=" + id, owner);

        assertThat(audit.json().get("items").findValuesAsString("action"))
                .containsExactly("staff.deleted", "staff.ics_token_rotated", "staff.updated", "staff.created");
        assertThat(audit.json().at("/items/2/diff/hourly_rate_cents/before").asLong())
                .isEqualTo(4_500);
        assertThat(audit.json().at("/items/2/diff/hourly_rate_cents/after").asLong())
                .isEqualTo(6_000);
        assertThat(audit.json().at("/items/1/diff/ics_feed_enabled/after").asBoolean())
                .isTrue();
        assertThat(audit.body())
                .doesNotContain(icsToken)
                .doesNotContain(created.json().get("invitation_token").asString())
                .doesNotContain("changed-password")
                .doesNotContain(CatalogFixtures.STAFF_PASSWORD);
    }

    @Test
    void aStaffMemberWithoutPasswordIsInvitedAndSignsInByAcceptingTheInvitation() {
        Response created = createStaff(email(), null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("can_sign_in").asBoolean()).isFalse();
        String first = created.json().get("invitation_token").asString();
        Instant expires =
                Instant.parse(created.json().get("invitation_expires_at").asString());
        assertThat(expires)
                .isBetween(Instant.now().plus(Duration.ofDays(6)), Instant.now().plus(Duration.ofDays(8)));

        Response reissued = api.post("/api/admin/staff/" + id + "/invitation", null, api.ownerToken());
        assertThat(reissued.status()).isEqualTo(201);
        String second = reissued.json().get("invitation_token").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(reissued.json().get("invitation_expires_at").asString()).isNotBlank();

        // only the latest link works
        assertThat(api.post("/api/auth/accept-invitation", json("token", first, "password", "invited-pass-1"), null)
                        .status())
                .isEqualTo(400);
        Response accepted =
                api.post("/api/auth/accept-invitation", json("token", second, "password", "invited-pass-1"), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        String token = accepted.json().get("token").asString();
        assertThat(session(token).json().at("/user/role").asString()).isEqualTo("staff");
        assertThat(session(token).json().at("/user/id").asString())
                .isEqualTo(created.json().get("user_id").asString());
        assertThat(api.get("/api/admin/staff/" + id, api.ownerToken())
                        .json()
                        .get("can_sign_in")
                        .asBoolean())
                .isTrue();
        // from now on the password is theirs: the studio can neither reset it nor invite them again
        assertThat(api.post("/api/admin/staff/" + id + "/invitation", null, api.ownerToken())
                        .status())
                .isEqualTo(403);
        assertThat(api.put("/api/admin/staff/" + id, json("password", "reset-by-owner"), api.ownerToken())
                        .status())
                .isEqualTo(403);
        assertThat(session(token).status()).isEqualTo(200);
    }

    @Test
    void staffAdministrationCannotTakeOverAClientsAccount() {
        String owner = api.ownerToken();
        String clientToken = api.newClient(null);
        String email = session(clientToken).json().at("/user/email").asString();

        Response takeover =
                api.post("/api/admin/staff", json("email", email, "name", "V", "password", "attacker12"), owner);
        assertThat(takeover.status()).as(takeover.toString()).isEqualTo(403);
        assertThat(takeover.json().get("code").asString()).isEqualTo("forbidden");
        assertThat(takeover.json().get("detail").asString()).contains("account holder manages their own password");
        assertThat(session(clientToken).json().at("/user/role").asString())
                .as("nothing was written")
                .isEqualTo("client");
        assertThat(api.get("/api/admin/staff", owner).body()).doesNotContain(email);

        // linked without a password, they work here, but the studio still cannot set or reset it
        String id = createdId(email, null);
        assertThat(api.post("/api/admin/staff/" + id + "/invitation", null, owner)
                        .status())
                .isEqualTo(403);
        assertThat(api.put("/api/admin/staff/" + id, json("password", "attacker12"), owner)
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/auth/login", json("email", email, "password", "attacker12"), null)
                        .status())
                .isEqualTo(401);
        assertThat(api.login(email, "client-password", null)).isNotBlank();
        assertThat(session(clientToken).status()).isEqualTo(200);
    }

    @Test
    void removingAStaffMemberRevokesTheirPendingInvitation() {
        Response created = createStaff(email(), null);
        String invitation = created.json().get("invitation_token").asString();

        assertThat(api.delete("/api/admin/staff/" + created.json().get("id").asString(), api.ownerToken())
                        .status())
                .isEqualTo(204);

        Response accepted =
                api.post("/api/auth/accept-invitation", json("token", invitation, "password", "too-late-1"), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(400);
        assertThat(accepted.json().at("/errors/0/field").asString()).isEqualTo("token");
    }

    @Test
    void anExistingClientBecomesStaffAndKeepsTheirAccount() {
        String clientToken = api.newClient(null);
        Response before = session(clientToken);
        String clientId = before.json().at("/user/id").asString();
        assertThat(before.json().at("/user/role").asString()).isEqualTo("client");

        Response created = api.post(
                "/api/admin/staff",
                json(
                        "email",
                        before.json().at("/user/email").asString(),
                        "name",
                        "Ignored",
                        "skills",
                        List.of("Vocals")),
                api.ownerToken());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("user_id").asString()).isEqualTo(clientId);
        assertThat(created.json().get("can_sign_in").asBoolean()).isTrue();
        // they already have a password: no invitation, which would let the studio reset it
        assertThat(created.json().get("invitation_token").isNull()).isTrue();
        assertThat(session(clientToken).json().at("/user/id").asString()).isEqualTo(clientId);
        assertThat(session(clientToken).json().at("/user/role").asString()).isEqualTo("staff");
    }

    @Test
    void theOwnerCanWorkAsStaffButStaffAdministrationCannotTakeOverTheirAccount() {
        String owner = api.ownerToken();
        Response created = api.post("/api/admin/staff", json("email", Api.OWNER_EMAIL, "name", "Owner"), owner);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(session(owner).json().at("/user/role").asString()).isEqualTo("owner");
        assertThat(created.json().get("invitation_token").isNull()).isTrue();

        assertThat(api.post("/api/admin/staff/" + id + "/invitation", null, owner)
                        .status())
                .isEqualTo(403);
        assertThat(api.put("/api/admin/staff/" + id, json("password", "taken-over-1"), owner)
                        .status())
                .isEqualTo(403);
        assertThat(api.put("/api/admin/staff/" + id, json("email", email()), owner)
                        .status())
                .isEqualTo(403);
        assertThat(api.put("/api/admin/staff/" + id, json("skills", List.of("Production")), owner)
                        .status())
                .isEqualTo(200);
        assertThat(api.login(Api.OWNER_EMAIL, Api.OWNER_PASSWORD, null)).isNotBlank();
    }

    @Test
    void aUserIsStaffOnlyOnce() {
        String email = email();
        createdId(email, null);
        Response again = createStaff(" " + email.toUpperCase(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("conflict");
    }

    @Test
    void invalidStaffAreRefusedWithTheirFieldsNamedAndNothingWritten() {
        String owner = api.ownerToken();
        Response missing = api.post("/api/admin/staff", json("skills", List.of("x")), owner);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(missing.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("email", "name");

        String email = email();
        Response ranges = api.post(
                "/api/admin/staff",
                json(
                        "email",
                        email,
                        "name",
                        "X",
                        "hourly_rate_cents",
                        -1,
                        "skills",
                        java.util.Collections.nCopies(51, "s")),
                owner);
        assertThat(ranges.status()).isEqualTo(400);
        assertThat(ranges.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("hourly_rate_cents", "skills");

        Response badEmail = api.post("/api/admin/staff", json("email", "not-an-email", "name", "X"), owner);
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().at("/errors/0/field").asString()).isEqualTo("email");

        Response shortPassword =
                api.post("/api/admin/staff", json("email", email, "name", "X", "password", "short"), owner);
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().at("/errors/0/field").asString()).isEqualTo("password");

        Response provider = api.post(
                "/api/admin/staff", json("email", email, "name", "X", "default_calendar_provider", "icloud"), owner);
        assertThat(provider.status()).isEqualTo(400);
        assertThat(provider.json().at("/errors/0/field").asString()).isEqualTo("default_calendar_provider");
        assertThat(provider.json().at("/errors/0/message").asString()).contains("google", "outlook", "apple");

        assertThat(api.get("/api/admin/staff", owner).body()).doesNotContain(email);
        // no account was left behind either: the email is still free to register
        assertThat(api.post(
                                "/api/auth/register",
                                json("email", email, "password", "client-password", "name", "Client"),
                                null)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void invalidUpdatesChangeNothing() {
        String owner = api.ownerToken();
        String id = createdId(email(), null);

        Response response = api.put(
                "/api/admin/staff/" + id, json("name", " ", "hourly_rate_cents", -3, "password", "short"), owner);
        Response provider = api.put("/api/admin/staff/" + id, json("default_calendar_provider", "yahoo"), owner);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "hourly_rate_cents");
        assertThat(provider.status()).isEqualTo(400);
        assertThat(provider.json().at("/errors/0/field").asString()).isEqualTo("default_calendar_provider");
        Response after = api.get("/api/admin/staff/" + id, owner);
        assertThat(after.json().get("name").asString()).isEqualTo("Sam Engineer");
        assertThat(after.json().get("hourly_rate_cents").asLong()).isEqualTo(4_500);
        assertThat(after.json().get("default_calendar_provider").asString()).isEqualTo("google");
        assertThat(after.json().get("can_sign_in").asBoolean()).isFalse();
    }

    @Test
    void theIcsFeedTokenIsShownOnceAndOnlyItsDigestIsKept() {
        String owner = api.ownerToken();
        String id = createdId(email(), null);

        Response first = api.post("/api/admin/staff/" + id + "/ics-token", null, owner);
        Response second = api.post("/api/admin/staff/" + id + "/ics-token", null, owner);

        assertThat(first.status()).isEqualTo(201);
        String token = first.json().get("ics_token").asString();
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(first.json().get("ics_url").asString())
                .isEqualTo("/api/calendar/ics/staff/" + id + ".ics?token=" + token);
        assertThat(second.json().get("ics_token").asString()).isNotEqualTo(token);
        Response member = api.get("/api/admin/staff/" + id, owner);
        assertThat(member.json().get("ics_feed_enabled").asBoolean()).isTrue();
        assertThat(member.body()).doesNotContain(token);
    }

    @Test
    void staffWithUpcomingBookingsCannotBeDeactivatedOrRemoved() {
        String owner = api.ownerToken();
        String id = createdId(email(), null);
        assignments.byStaff.put(
                UUID.fromString(id),
                List.of(
                        new StaffAssignments.Assignment(
                                UUID.randomUUID(), "RT-B2", Instant.parse("2031-05-02T10:00:00Z")),
                        new StaffAssignments.Assignment(
                                UUID.randomUUID(), "RT-A1", Instant.parse("2031-05-01T10:00:00Z"))));

        Response deactivate = api.put("/api/admin/staff/" + id, json("active", false), owner);
        Response delete = api.delete("/api/admin/staff/" + id, owner);

        for (Response refused : List.of(deactivate, delete)) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("code").asString()).isEqualTo("in_use");
            assertThat(refused.json().get("detail").asString())
                    .isEqualTo("Sam Engineer is assigned to 2 upcoming bookings: RT-A1, RT-B2");
            assertThat(refused.json().get("bookings").findValuesAsString("code"))
                    .containsExactly("RT-A1", "RT-B2");
            assertThat(refused.json().at("/bookings/0/start_at").asString()).isEqualTo("2031-05-01T10:00:00Z");
        }
        Response still = api.get("/api/admin/staff/" + id, owner);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().get("active").asBoolean()).isTrue();
        // other changes stay possible
        assertThat(api.put("/api/admin/staff/" + id, json("hourly_rate_cents", 1), owner)
                        .status())
                .isEqualTo(200);

        assignments.byStaff.remove(UUID.fromString(id));
        assertThat(api.put("/api/admin/staff/" + id, json("active", false), owner)
                        .status())
                .isEqualTo(200);
        assertThat(api.delete("/api/admin/staff/" + id, owner).status()).isEqualTo(204);
    }

    @Test
    void unknownAndMalformedIdsAre4xx() {
        String owner = api.ownerToken();
        String path = "/api/admin/staff/" + UNKNOWN_ID;
        assertThat(List.of(
                        api.get(path, owner).status(),
                        api.put(path, json("name", "X"), owner).status(),
                        api.delete(path, owner).status(),
                        api.post(path + "/invitation", null, owner).status(),
                        api.post(path + "/ics-token", null, owner).status()))
                .containsOnly(404);
        Response malformed = api.get("/api/admin/staff/not-a-uuid", owner);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/errors/0/field").asString()).isEqualTo("id");
        assertThat(api.post("/api/admin/staff/not-a-uuid/ics-token", null, owner)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void onlyOwnersAndAdminsManageStaff() {
        String id = createdId(email(), null);
        for (Map.Entry<String, String> caller : CatalogFixtures.nonAdmins(api).entrySet()) {
            int expected = caller.getValue() == null ? 401 : 403;
            String token = caller.getValue();
            String path = "/api/admin/staff/" + id;
            assertThat(List.of(
                            api.get("/api/admin/staff", token).status(),
                            api.post("/api/admin/staff", json("email", email(), "name", "X"), token)
                                    .status(),
                            api.get(path, token).status(),
                            api.put(path, json("name", "X"), token).status(),
                            api.delete(path, token).status(),
                            api.post(path + "/invitation", null, token).status(),
                            api.post(path + "/ics-token", null, token).status()))
                    .as(caller.getKey())
                    .containsOnly(expected);
        }
        Response member = api.get("/api/admin/staff/" + id, api.ownerToken());
        assertThat(member.json().get("name").asString()).isEqualTo("Sam Engineer");
        assertThat(member.json().get("ics_feed_enabled").asBoolean()).isFalse();
    }

    @Test
    void anotherStudioCannotSeeOrTouchTheseStaff() {
        String id = createdId(email(), null);
        String other = api.newStudio().ownerToken();
        String path = "/api/admin/staff/" + id;

        assertThat(List.of(
                        api.get(path, other).status(),
                        api.put(path, json("name", "Theirs"), other).status(),
                        api.delete(path, other).status(),
                        api.post(path + "/invitation", null, other).status(),
                        api.post(path + "/ics-token", null, other).status()))
                .containsOnly(404);
        assertThat(api.get("/api/admin/staff", other).body()).doesNotContain(id);
        Response ours = api.get(path, api.ownerToken());
        assertThat(ours.json().get("name").asString()).isEqualTo("Sam Engineer");
        assertThat(ours.json().get("ics_feed_enabled").asBoolean()).isFalse();
    }
}
