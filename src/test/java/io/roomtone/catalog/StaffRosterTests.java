package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.NewStaff.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Audit;
import io.roomtone.support.AuditView;
import io.roomtone.support.Callers;
import io.roomtone.support.NewStaff;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StaffView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The owner hires, updates and lets go of the people who work at the studio. */
@RoomtoneTest
class StaffRosterTests {

    private static final String PASSWORD = Callers.STAFF_PASSWORD;

    @Autowired
    Api api;

    @Test
    void theOwnerAddsAStaffMemberWithTidySkillsAndTheStudiosCurrency() {
        String email = NewStaff.email();

        StaffView created = NewStaff.added(api, email.toUpperCase(), PASSWORD);

        assertThat(created.email()).isEqualTo(email);
        assertThat(created.name()).isEqualTo("Sam Engineer");
        assertThat(created.skills()).containsExactly("mixing", "mastering");
        assertThat(created.hourlyRateCents()).isEqualTo(4_500);
        assertThat(created.currency()).isEqualTo("CAD");
        assertThat(created.defaultCalendarProvider()).isEqualTo("google");
        assertThat(created.active()).isTrue();
        assertThat(created.canSignIn()).isTrue();
        assertThat(created.icsFeedEnabled()).isFalse();
        assertThat(created.invitationSentAt()).isNull();
        assertThat(api.get("/api/admin/staff/" + created.id(), api.ownerToken())
                        .expect(200)
                        .as(StaffView.class)
                        .name())
                .isEqualTo("Sam Engineer");
        assertThat(api.get("/api/admin/staff", api.ownerToken()).expect(200).body())
                .contains(created.id());
    }

    @Test
    void aStaffMemberAddedWithAPasswordSignsInAsStaff() {
        String email = NewStaff.email();
        StaffView created = NewStaff.added(api, email, PASSWORD);

        String token = api.login(email, PASSWORD, null);

        assertThat(session(api, token).role()).isEqualTo("staff");
        assertThat(session(api, token).userId()).isEqualTo(created.userId());
    }

    @Test
    void theOwnerUpdatesAStaffMemberWhoThenSignsInUnderTheirNewEmail() {
        StaffView created = NewStaff.added(api, NewStaff.email(), PASSWORD);
        String newEmail = NewStaff.email();

        StaffView updated = api.patch(
                        "/api/admin/staff/" + created.id(),
                        json("name", "Sam Mixer", "email", newEmail, "hourly_rate_cents", 5_000),
                        api.ownerToken())
                .expect(200)
                .as(StaffView.class);

        assertThat(updated.name()).isEqualTo("Sam Mixer");
        assertThat(updated.email()).isEqualTo(newEmail);
        assertThat(updated.hourlyRateCents()).isEqualTo(5_000);
        assertThat(updated.skills()).containsExactly("mixing", "mastering");
        assertThat(updated.defaultCalendarProvider()).isEqualTo("google");
        assertThat(api.login(newEmail, PASSWORD, null)).isNotBlank();
        assertThat(api.get("/api/admin/staff/" + created.id(), api.ownerToken())
                        .as(StaffView.class)
                        .name())
                .isEqualTo("Sam Mixer");
    }

    @Test
    void theStudioCannotResetThePasswordOfAStaffMemberWhoSignsIn() {
        StaffView created = NewStaff.added(api, NewStaff.email(), PASSWORD);

        Response reset =
                api.patch("/api/admin/staff/" + created.id(), json("password", "new-password-2"), api.ownerToken());

        // the account can sign in: its password is now its holder's, not the studio's
        assertThat(reset.expect(403).problem().code()).isEqualTo("forbidden");
    }

    @Test
    void aStaffMemberLetGoKeepsTheirAccountAsAClient() {
        String owner = api.ownerToken();
        String email = NewStaff.email();
        StaffView created = NewStaff.added(api, email, PASSWORD);
        String token = api.login(email, PASSWORD, null);

        api.delete("/api/admin/staff/" + created.id(), owner).expect(204);

        api.get("/api/admin/staff/" + created.id(), owner).expect(404);
        assertThat(api.get("/api/admin/staff", owner).body()).doesNotContain(created.id());
        // the account stays, as a client account: its holder may still book, but no longer works here
        assertThat(api.login(email, PASSWORD, null)).isNotBlank();
        assertThat(session(api, token).role()).isEqualTo("client");
    }

    @Test
    void aUserIsStaffOnlyOnce() {
        String email = NewStaff.email();
        NewStaff.added(api, email, null);

        Response again = NewStaff.add(api, " " + email.toUpperCase(), null);

        assertThat(again.expect(409).problem().code()).isEqualTo("conflict");
    }

    @Test
    void theIcsFeedTokenIsShownOnceAndOnlyItsDigestIsKept() {
        String owner = api.ownerToken();
        String id = NewStaff.invited(api).id();

        Response first = api.post("/api/admin/staff/" + id + "/ics-token", null, owner);
        Response second = api.post("/api/admin/staff/" + id + "/ics-token", null, owner);

        String token = first.expect(201).json().get("ics_token").asString();
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(first.json().get("ics_url").asString())
                .isEqualTo("/api/calendar/ics/staff/" + id + ".ics?token=" + token);
        assertThat(second.json().get("ics_token").asString()).isNotEqualTo(token);
        Response member = api.get("/api/admin/staff/" + id, owner);
        assertThat(member.as(StaffView.class).icsFeedEnabled()).isTrue();
        assertThat(member.body()).doesNotContain(token);
    }

    @Test
    void everyChangeIsAuditedWithoutSecrets() {
        String owner = api.ownerToken();
        // without a password yet, so that the studio may set one
        StaffView created = NewStaff.invited(api);
        String id = created.id();
        api.patch("/api/admin/staff/" + id, json("hourly_rate_cents", 6_000, "password", "changed-password"), owner)
                .expect(200);
        String icsToken = api.post("/api/admin/staff/" + id + "/ics-token", null, owner)
                .expect(201)
                .json()
                .get("ics_token")
                .asString();
        api.delete("/api/admin/staff/" + id, owner).expect(204);

        Response raw = Audit.raw(api, owner, "staff", id);
        AuditView audit = raw.as(AuditView.class);

        assertThat(audit.actions())
                .containsExactly("staff.deleted", "staff.ics_token_rotated", "staff.updated", "staff.created");
        assertThat(audit.items().get(2).diff().at("/hourly_rate_cents/before").asLong())
                .isEqualTo(4_500);
        assertThat(audit.items().get(2).diff().at("/hourly_rate_cents/after").asLong())
                .isEqualTo(6_000);
        assertThat(audit.items().get(1).diff().at("/ics_feed_enabled/after").asBoolean())
                .isTrue();
        assertThat(raw.body())
                .doesNotContain(icsToken)
                .doesNotContain("changed-password")
                .doesNotContain(PASSWORD);
    }
}
