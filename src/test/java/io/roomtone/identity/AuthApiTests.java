package io.roomtone.identity;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.AccountMailbox;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RoomtoneTest
class AuthApiTests {

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Autowired
    Studios studios;

    @Autowired
    AccountMailbox mailbox;

    private static String email() {
        return "artist-" + UUID.randomUUID() + "@example.test";
    }

    @Test
    void registersAClientWhoIsSignedInByTheConfirmationLink() {
        String email = email();
        Response accepted = api.post(
                "/api/auth/register",
                json("email", email, "password", "long-enough", "name", "Ada", "phone", "+1 555 0100"),
                null);

        accepted.expect(202);
        assertThat(accepted.setCookieHeader("roomtone_session"))
                .as("nobody is signed in yet")
                .isEmpty();
        api.post("/api/auth/login", json("email", email, "password", "long-enough"), null)
                .expect(401, "the password works only once the address is confirmed");
        Response registered =
                api.post("/api/auth/confirm-email", json("token", mailbox.confirmationToken(email)), null);
        registered.expect(200);
        assertThat(registered.json().at("/user/email").asString()).isEqualTo(email);
        assertThat(registered.json().at("/user/role").asString()).isEqualTo("client");
        assertThat(registered.setCookieHeader("roomtone_session").orElse(""))
                .contains("HttpOnly")
                .contains("SameSite=Lax");
        String token = registered.json().get("token").asString();
        Response session = api.get("/api/auth/session", token);
        session.expect(200);
        assertThat(session.json().at("/user/id").asString())
                .isEqualTo(registered.json().at("/user/id").asString());
    }

    @Test
    void loginIsCaseInsensitiveOnEmailAndReturnsAWorkingToken() {
        String email = email();
        api.register(email, "long-enough", "Bo", null);

        Response login =
                api.post("/api/auth/login", json("email", email.toUpperCase(), "password", "long-enough"), null);

        login.expect(200);
        api.get("/api/auth/session", login.json().get("token").asString()).expect(200);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSame401() {
        String email = email();
        api.register(email, "long-enough", "Cy", null);

        Response wrongPassword = api.post("/api/auth/login", json("email", email, "password", "not-the-one"), null);
        Response unknownEmail = api.post("/api/auth/login", json("email", email(), "password", "long-enough"), null);

        wrongPassword.expect(401);
        unknownEmail.expect(401);
        assertThat(wrongPassword.json().get("detail"))
                .isEqualTo(unknownEmail.json().get("detail"));
        assertThat(wrongPassword.problem().code()).isEqualTo("unauthenticated");
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
    }

    @Test
    void logoutKillsTheToken() {
        String token = api.newClient(null);

        api.post("/api/auth/logout", null, token).expect(204);

        Response after = api.get("/api/auth/session", token);
        after.expect(401);
        assertThat(after.problem().code()).isEqualTo("unauthenticated");
    }

    @Test
    void anonymousSessionIs401() {
        api.get("/api/auth/session", null).expect(401);
        api.post("/api/auth/logout", null, null).expect(401);
    }

    @Test
    void invalidRegistrationNamesEveryBadFieldAndWritesNothing() {
        Response response =
                api.post("/api/auth/register", json("email", "not-an-email", "password", "short", "name", " "), null);

        response.expect(400);
        assertThat(response.problem().code()).isEqualTo("validation_failed");
        assertThat(response.problem().fields()).containsExactlyInAnyOrder("email", "password", "name");
        api.post("/api/auth/login", json("email", "not-an-email", "password", "short"), null)
                .expect(401);
    }

    @Test
    void aSecondRegistrationOfAnAddressCreatesNothingAndTellsItsOwner() {
        String email = email();
        api.register(email, "long-enough", "Di", null);

        Response again = api.post(
                "/api/auth/register", json("email", email, "password", "other-enough", "name", "Mallory"), null);

        again.expect(202);
        assertThat(mailbox.sent(AccountEvents.RegistrationAttemptedForExistingAccount.class, email))
                .hasSize(1);
        assertThat(mailbox.sent(AccountEvents.EmailConfirmationNeeded.class, email))
                .as("no second confirmation: the account is not touched")
                .hasSize(1);
        api.post("/api/auth/login", json("email", email, "password", "other-enough"), null)
                .expect(401);
        assertThat(api.login(email, "long-enough", null)).isNotBlank();
    }

    @Test
    void malformedAndMistypedBodiesAre400NotServerErrors() {
        assertThat(api.post("/api/auth/register", "{\"email\":", null).problem().code())
                .isEqualTo("malformed_request");
        Response wrongType =
                api.post("/api/auth/register", "{\"email\":[1,2],\"password\":\"x\",\"name\":\"y\"}", null);
        wrongType.expect(400);
        assertThat(wrongType.problem().field()).isEqualTo("email");
        api.post("/api/auth/register", "", null).expect(400);
        assertThat(api.send("POST", "/api/auth/login", "email=a", null, Map.of("Content-Type", "text/plain"))
                        .status())
                .isBetween(400, 499);
    }

    @Test
    void cookieSessionsNeedTheCsrfTokenForWrites() {
        Response login =
                api.post("/api/auth/login", json("email", Api.OWNER_EMAIL, "password", Api.OWNER_PASSWORD), null);
        String cookie = "roomtone_session=" + login.cookie("roomtone_session").orElseThrow();

        Response read = api.send("GET", "/api/auth/session", null, null, Map.of("Cookie", cookie));
        read.expect(200);
        String csrf = read.cookie("XSRF-TOKEN").orElseThrow();

        Response forged = api.send("POST", "/api/auth/logout", null, null, Map.of("Cookie", cookie));
        forged.expect(403);
        api.send("GET", "/api/auth/session", null, null, Map.of("Cookie", cookie))
                .expect(200);

        Response genuine = api.send(
                "POST",
                "/api/auth/logout",
                null,
                null,
                Map.of("Cookie", cookie + "; XSRF-TOKEN=" + csrf, "X-XSRF-TOKEN", csrf));
        genuine.expect(204);
        api.send("GET", "/api/auth/session", null, null, Map.of("Cookie", cookie))
                .expect(401);
    }

    @Test
    void anotherAuthorizationSchemeIsRefusedInsteadOfFallingBackToTheCookie() {
        Response login =
                api.post("/api/auth/login", json("email", Api.OWNER_EMAIL, "password", Api.OWNER_PASSWORD), null);
        String cookie = "roomtone_session=" + login.cookie("roomtone_session").orElseThrow();

        // a forged cross-site request must not escape CSRF protection by adding some Authorization header
        Response forged = api.send(
                "POST", "/api/auth/logout", null, null, Map.of("Cookie", cookie, "Authorization", "Token whatever"));
        forged.expect(403);
        assertThat(forged.json().get("detail").asString()).contains("CSRF");

        // nor is the cookie a fallback for credentials the server does not understand
        Response read = api.send(
                "GET", "/api/auth/session", null, null, Map.of("Cookie", cookie, "Authorization", "Token whatever"));
        read.expect(401);
        assertThat(read.problem().code()).isEqualTo("unauthenticated");
        assertThat(read.json().get("detail").asString()).containsIgnoringCase("unsupported authorization scheme");

        api.send("GET", "/api/auth/session", null, null, Map.of("Cookie", cookie))
                .expect(200);
    }

    @Test
    void theSessionCookieIsSecureBehindATlsTerminatingProxy() {
        String body = json("email", Api.OWNER_EMAIL, "password", Api.OWNER_PASSWORD);
        Response proxied = api.send("POST", "/api/auth/login", body, null, Map.of("X-Forwarded-Proto", "https"));
        Response direct = api.post("/api/auth/login", body, null);

        assertThat(proxied.setCookieHeader("roomtone_session").orElseThrow()).contains("Secure");
        assertThat(direct.setCookieHeader("roomtone_session").orElseThrow()).doesNotContain("Secure");
    }

    @Test
    void aNewPasswordEndsEverySessionOfTheAccount() {
        String email = email();
        Response registered = api.register(email, "first-password", "Artist", null);
        String token = registered.json().get("token").asString();
        UUID id = UUID.fromString(registered.json().at("/user/id").asString());
        api.get("/api/auth/session", token).expect(200);

        Tenancy.runAs(
                studios.defaultStudio().orElseThrow().id(),
                () -> accounts.setPassword(id, "second-password", "password"));

        api.get("/api/auth/session", token).expect(401);
        assertThat(api.login(email, "second-password", null)).isNotBlank();
    }

    @Test
    void everyResponseCarriesARequestId() {
        Response generated = api.get("/api/auth/session", null);
        Response given = api.send("GET", "/api/auth/session", null, null, Map.of("X-Request-Id", "trace-42"));

        assertThat(generated.header("X-Request-Id")).isPresent();
        assertThat(generated.json().get("request_id").asString())
                .isEqualTo(generated.header("X-Request-Id").get());
        assertThat(given.header("X-Request-Id")).contains("trace-42");
    }
}
