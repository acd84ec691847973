package io.roomtone.identity;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.AccountMailbox;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.NewStaff;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StaffView;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Passwords follow NIST SP 800-63B: 8 to 128 characters of anything, not a common or breached
 * one; a signed-in user changes theirs, and an invitation link works exactly once.
 */
@RoomtoneTest
class PasswordRulesTests {

    @Autowired
    Api api;

    @Autowired
    AccountMailbox mailbox;

    private static String email() {
        return "pw-" + UUID.randomUUID() + "@example.test";
    }

    private Response register(String password) {
        return api.post("/api/auth/register", json("email", email(), "password", password, "name", "Pat"), null);
    }

    @Test
    void passwordsOf8To128CharactersAreAccepted() {
        register("x7#kQ2!m").expect(202);
        register("ü".repeat(128)).expect(202); // 256 bytes: more than bcrypt itself reads
        register("😀".repeat(100)).expect(202); // 100 characters, 400 bytes
    }

    @Test
    void tooShortTooLongAndMissingPasswordsNameTheField() {
        for (String password : new String[] {"x7#kQ2!", "k".repeat(129), "", "   "}) {
            Response refused = register(password);
            assertThat(refused.invalidFields()).as(password).containsExactly("password");
        }
        assertThat(api.post("/api/auth/register", json("email", email(), "name", "Pat"), null)
                        .invalidFields())
                .containsExactly("password");
    }

    @Test
    void commonAndBreachedPasswordsAreRefusedWhateverTheirCase() {
        for (String password : List.of("password", "PASSWORD", "12345678", "qwertyuiop", "iloveyou", "Football")) {
            Response refused = register(password);
            assertThat(refused.invalidFields()).as(password).containsExactly("password");
            assertThat(refused.problem().message()).contains("common");
        }
    }

    @Test
    void aLongPasswordCountsWhole() {
        String email = email();
        String password = "a".repeat(100) + "-tail-one";
        api.register(email, password, "Long", null);

        // the same first 72 bytes with another tail must not sign in (plain bcrypt would let it)
        api.post("/api/auth/login", json("email", email, "password", "a".repeat(100) + "-tail-two"), null)
                .expect(401);
        api.post("/api/auth/login", json("email", email, "password", password), null)
                .expect(200);
    }

    @Test
    void aSignedInUserChangesTheirPasswordAndOtherSessionsEnd() {
        String email = email();
        String first = api.register(email, "first-pass-9", "C", null)
                .json()
                .get("token")
                .asString();
        String other = api.login(email, "first-pass-9", null);

        Response changed = api.post(
                "/api/auth/password", json("current_password", "first-pass-9", "new_password", "second-pass-9"), first);

        changed.expect(200);
        String renewed = changed.json().get("token").asString();
        assertThat(changed.cookie("roomtone_session")).contains(renewed);
        api.get("/api/auth/session", renewed).expect(200);
        api.get("/api/auth/session", first).expect(401);
        api.get("/api/auth/session", other).expect(401);
        api.post("/api/auth/login", json("email", email, "password", "first-pass-9"), null)
                .expect(401);
        api.login(email, "second-pass-9", null);
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndAGoodNewOne() {
        String email = email();
        String token = api.register(email, "first-pass-9", "D", null)
                .json()
                .get("token")
                .asString();

        assertThat(api.post(
                                "/api/auth/password",
                                json("current_password", "wrong-pass-9", "new_password", "second-pass-9"),
                                token)
                        .invalidFields())
                .containsExactly("current_password");
        assertThat(api.post("/api/auth/password", json("new_password", "second-pass-9"), token)
                        .invalidFields())
                .containsExactly("current_password");
        assertThat(api.post(
                                "/api/auth/password",
                                json("current_password", "first-pass-9", "new_password", "password1"),
                                token)
                        .invalidFields())
                .containsExactly("new_password");
        assertThat(api.post(
                                "/api/auth/password",
                                json("current_password", "first-pass-9", "new_password", "short"),
                                token)
                        .invalidFields())
                .containsExactly("new_password");
        assertThat(api.post(
                                "/api/auth/password",
                                json("current_password", "first-pass-9", "new_password", "first-pass-9"),
                                token)
                        .invalidFields())
                .containsExactly("new_password");
        // nothing changed: the session still works, the old password still signs in
        api.get("/api/auth/session", token).expect(200);
        api.login(email, "first-pass-9", null);
        api.post("/api/auth/password", json("current_password", "x", "new_password", "second-pass-9"), null)
                .expect(401);
    }

    @Test
    void anInvitationIsAcceptedExactlyOnceUnder12ParallelAccepts() {
        StaffView invited = NewStaff.invited(api);
        String invitation = mailbox.invitationToken(invited.email());

        List<Response> answers = Parallel.send(
                12,
                i -> api.post(
                        "/api/auth/accept-invitation", json("token", invitation, "password", "racer-pass-" + i), null));

        assertThat(Parallel.count(answers, 200)).as(answers.toString()).isEqualTo(1);
        assertThat(answers).allMatch(r -> r.status() == 200 || (r.status() >= 400 && r.status() < 500));
        int winner = answers.indexOf(
                answers.stream().filter(r -> r.status() == 200).findFirst().orElseThrow());
        // the password set is the winner's, and theirs alone
        for (int i = 0; i < 12; i++) {
            Response login =
                    api.post("/api/auth/login", json("email", invited.email(), "password", "racer-pass-" + i), null);
            login.expect(i == winner ? 200 : 401, "racer " + i);
        }
    }

    @Test
    void aRefusedPasswordLeavesTheInvitationUsable() {
        StaffView invited = NewStaff.invited(api);
        String invitation = mailbox.invitationToken(invited.email());

        api.post("/api/auth/accept-invitation", json("token", invitation, "password", "password"), null)
                .expect(400);
        api.post("/api/auth/accept-invitation", json("token", invitation, "password", "invited-pass-1"), null)
                .expect(200);
        api.post("/api/auth/accept-invitation", json("token", invitation, "password", "invited-pass-2"), null)
                .expect(400);
    }
}
