package io.roomtone.identity;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Callers;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The owner invites admins and staff, changes their roles and removes their access; the last owner stays. */
@RoomtoneTest
class TeamApiTests {

    @Autowired
    io.roomtone.support.AccountMailbox mailbox;

    @Autowired
    Api api;

    TestStudio studio;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api);
    }

    private Response invite(String email, String role, String token) {
        return api.post(
                "/api/admin/team/invitations", json("email", email, "name", "New " + role, "role", role), token);
    }

    private Response changeRole(String userId, String role, String token) {
        return api.send("PATCH", "/api/admin/team/" + userId, json("role", role), token, Map.of());
    }

    /** Invites {@code role}, accepts the invitation and returns the member's user id and token. */
    private String[] member(String role) {
        String email = role + "-" + UUID.randomUUID() + "@example.test";
        JsonNode invited = invite(email, role, studio.owner()).expect(201).json();
        assertThat(invited.has("invitation_token"))
                .as("the link goes out by mail only")
                .isFalse();
        assertThat(invited.get("invitation_mailed").asBoolean()).isTrue();
        String token = api.send(
                        "POST",
                        "/api/auth/accept-invitation",
                        json("token", mailbox.invitationToken(email), "password", "team-pass-9"),
                        null,
                        Map.of("X-Studio", studio.slug()))
                .expect(200)
                .json()
                .get("token")
                .asString();
        return new String[] {invited.at("/member/id").asString(), token};
    }

    private List<String> roles() {
        return roles(studio.owner());
    }

    /** The team's roles, as the first of {@code tokens} still allowed to see them reads them. */
    private List<String> roles(String... tokens) {
        for (String token : tokens) {
            Response team = api.get("/api/admin/team", token);
            if (team.status() == 200) {
                List<String> roles = new ArrayList<>();
                team.json().forEach(m -> roles.add(m.get("role").asString()));
                return roles;
            }
        }
        throw new AssertionError("no token may read the team any more");
    }

    @Test
    void theOwnerInvitesAnAdminWhoAcceptsAndSeesTheBackOffice() {
        String[] admin = member("admin");

        api.get("/api/admin/team", admin[1]).expect(200);
        api.get("/api/admin/clients", admin[1]).expect(200);
        assertThat(roles()).containsExactly("owner", "admin");
        // but only the owner manages the team
        invite("x-" + UUID.randomUUID() + "@example.test", "staff", admin[1]).expect(403);
        changeRole(admin[0], "owner", admin[1]).expect(403);
        api.delete("/api/admin/team/" + admin[0], admin[1]).expect(403);
    }

    @Test
    void invitationsNameBadFieldsAndRefuseTheTeamTwice() {
        assertThat(invite("x@example.test", "owner", studio.owner()).invalidFields())
                .containsExactly("role");
        assertThat(invite("x@example.test", "client", studio.owner()).invalidFields())
                .containsExactly("role");
        assertThat(invite("x@example.test", null, studio.owner()).invalidFields())
                .containsExactly("role");
        assertThat(invite("not-mail", "staff", studio.owner()).invalidFields()).containsExactly("email");
        assertThat(invite(studio.ownerEmail(), "staff", studio.owner())
                        .expect(409)
                        .problem()
                        .code())
                .isEqualTo("conflict");
        assertThat(roles()).containsExactly("owner");
    }

    @Test
    void aClientOfTheStudioIsPromotedAndKeepsTheirPassword() {
        String client = studio.client();
        String email =
                api.get("/api/auth/session", client).json().at("/user/email").asString();

        JsonNode invited = invite(email, "staff", studio.owner()).expect(201).json();

        assertThat(invited.get("invitation_mailed").asBoolean()).isFalse();
        var mailed = mailbox.last(io.roomtone.identity.AccountEvents.StaffInvited.class, email);
        assertThat(mailed.needsPassword()).isFalse();
        assertThat(mailed.role()).isEqualTo(Role.STAFF);
        assertThat(invited.at("/member/can_sign_in").asBoolean()).isTrue();
        assertThat(api.get("/api/auth/session", client).json().at("/user/role").asString())
                .isEqualTo("staff");
    }

    @Test
    void removingAccessMakesAClientAndSignsThemOut() {
        String[] staff = member("staff");

        api.delete("/api/admin/team/" + staff[0], studio.owner()).expect(204);

        api.get("/api/auth/session", staff[1]).expect(401);
        String again = api.login(
                api.get("/api/admin/clients/" + staff[0], studio.owner())
                        .expect(200)
                        .json()
                        .get("email")
                        .asString(),
                "team-pass-9",
                studio.slug());
        assertThat(api.get("/api/auth/session", again).json().at("/user/role").asString())
                .isEqualTo("client");
        api.delete("/api/admin/team/" + staff[0], studio.owner()).expect(404);
        changeRole(staff[0], "admin", studio.owner()).expect(404);
    }

    @Test
    void theLastOwnerCannotBeDemotedOrRemoved() {
        String owner = studio.userId(studio.owner());

        changeRole(owner, "admin", studio.owner()).expect(409);
        api.delete("/api/admin/team/" + owner, studio.owner()).expect(409);
        assertThat(roles()).containsExactly("owner");

        String[] second = member("admin");
        changeRole(second[0], "owner", studio.owner()).expect(200);
        // with two owners, one may step down
        changeRole(owner, "staff", studio.owner()).expect(200);
        changeRole(second[0], "admin", second[1]).expect(409);
    }

    @Test
    void twelveParallelDemotionsOfTwoOwnersLeaveOneOwner() {
        String first = studio.userId(studio.owner());
        String[] second = member("admin");
        changeRole(second[0], "owner", studio.owner()).expect(200);

        // each owner demotes the other and themselves, all at once
        List<Response> answers = Parallel.send(12, i -> {
            String token = i % 2 == 0 ? studio.owner() : second[1];
            String target = i % 4 < 2 ? first : second[0];
            return changeRole(target, "admin", token);
        });

        assertThat(answers).allMatch(r -> r.status() == 200 || r.status() == 409 || r.status() == 403);
        assertThat(answers).noneMatch(r -> r.status() >= 500);
        long owners = roles().stream().filter("owner"::equals).count();
        assertThat(owners).as(answers.toString()).isEqualTo(1);
    }

    @Test
    void twelveParallelRemovalsOfTwoOwnersLeaveOneOwner() {
        String first = studio.userId(studio.owner());
        String[] second = member("admin");
        changeRole(second[0], "owner", studio.owner()).expect(200);

        List<Response> answers = Parallel.send(12, i -> {
            String target = i % 2 == 0 ? first : second[0];
            String token = i % 4 < 2 ? studio.owner() : second[1];
            return api.delete("/api/admin/team/" + target, token);
        });

        assertThat(answers).noneMatch(r -> r.status() >= 500);
        assertThat(Parallel.count(answers, 204)).as(answers.toString()).isEqualTo(1);
        // whichever owner was removed is signed out: read as the one who stayed
        assertThat(roles(studio.owner(), second[1]).stream()
                        .filter("owner"::equals)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anotherStudiosMembersAreNotFound() {
        TestStudio other = new TestStudio(api);
        String theirOwner = other.userId(other.owner());

        changeRole(theirOwner, "staff", studio.owner()).expect(404);
        api.delete("/api/admin/team/" + theirOwner, studio.owner()).expect(404);
        changeRole(Api.UNKNOWN_ID, "staff", studio.owner()).expect(404);
        changeRole("nope", "staff", studio.owner()).expect(400);

        Callers.assertAdminOnly(
                api,
                json("email", "x@example.test", "name", "X", "role", "staff"),
                "GET /api/admin/team",
                "POST /api/admin/team/invitations",
                "PATCH /api/admin/team/" + Api.UNKNOWN_ID,
                "DELETE /api/admin/team/" + Api.UNKNOWN_ID);
    }
}
