package io.roomtone.identity;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.AccountMailbox;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.MovableClock;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The ways into an account by mail (password reset, sign-in links, confirming a registration) on
 * the real server and PostgreSQL: answers that do not tell whether an address has an account,
 * single-use links under concurrency, expiry on the application's clock, and a known account that
 * a guesser cannot lock out. Clients come from networks of their own ({@code X-Forwarded-For}, as
 * a trusted proxy sets it), so the low limits set here count only this class's requests.
 */
@RoomtoneTest
@TestPropertySource(
        properties = {
            "roomtone.rate-limits.login-per-email=" + AccountLinkTests.LOGIN_PER_EMAIL + "/1h",
            "roomtone.rate-limits.account-mail-per-email=" + AccountLinkTests.MAIL_PER_EMAIL + "/1h",
            "roomtone.rate-limits.account-mail-per-ip=" + AccountLinkTests.MAIL_PER_IP + "/1h"
        })
class AccountLinkTests {

    static final int LOGIN_PER_EMAIL = 5;
    static final int MAIL_PER_EMAIL = 3;
    static final int MAIL_PER_IP = 4;
    private static final AtomicInteger NETWORKS = new AtomicInteger();

    /** The application clock, moved forward to let a link expire without waiting for it. */
    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    Api api;

    @Autowired
    AccountMailbox mailbox;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    TestStudio studio;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A client address nobody else in this class uses (TEST-NET-2, RFC 5737). */
    private static String newNetwork() {
        return "198.51.100." + NETWORKS.incrementAndGet();
    }

    private static String email() {
        return "artist-" + UUID.randomUUID() + "@example.test";
    }

    private Response post(String path, String body) {
        return post(path, body, newNetwork());
    }

    private Response post(String path, String body, String network) {
        return api.send("POST", path, body, null, Map.of("X-Studio", studio.slug(), "X-Forwarded-For", network));
    }

    /** A confirmed client of the studio with {@code password}. */
    private String client(String email, String password) {
        return api.register(email, password, "Artist", studio.slug())
                .json()
                .get("token")
                .asString();
    }

    private Response session(String token) {
        return api.send("GET", "/api/auth/session", null, token, Map.of("X-Studio", studio.slug()));
    }

    /** {@code work} in a transaction of the test's studio (row-level security shows no rows otherwise). */
    private <T> T inStudio(java.util.function.Supplier<T> work) {
        return Tenancy.callAs(
                UUID.fromString(studio.id()),
                () -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                        .execute(status -> work.get()));
    }

    private long accountsWith(String email) {
        return inStudio(() -> jdbc.sql("SELECT count(*) FROM app_user WHERE email = ?")
                .param(email)
                .query(Long.class)
                .single());
    }

    // --- no enumeration ---

    @Test
    void requestsForAKnownAndAnUnknownAddressGetTheSameAnswer() {
        String known = email();
        client(known, "known-pass-9");
        String unknown = email();

        for (String route : List.of("/api/auth/password-reset", "/api/auth/sign-in-link")) {
            Response forKnown = post(route, json("email", known));
            Response forUnknown = post(route, json("email", unknown));

            forKnown.expect(202, route);
            assertThat(forUnknown.status()).isEqualTo(forKnown.status());
            assertThat(forUnknown.body()).as(route).isEqualTo(forKnown.body());
        }
        assertThat(mailbox.sent(AccountEvents.PasswordResetRequested.class, known))
                .hasSize(1);
        assertThat(mailbox.sent(AccountEvents.SignInLinkRequested.class, known)).hasSize(1);
        assertThat(mailbox.sent(AccountEvents.PasswordResetRequested.class, unknown))
                .isEmpty();
        assertThat(mailbox.sent(AccountEvents.SignInLinkRequested.class, unknown))
                .isEmpty();
    }

    @Test
    void registeringAnAddressThatHasAnAccountAnswersAsForANewOneAndCreatesNothing() {
        String known = email();
        client(known, "known-pass-9");
        String fresh = email();

        Response forKnown = post(
                "/api/auth/register",
                json("email", known, "password", "taken-pass-9", "name", "Mallory", "phone", "+14165550100"));
        Response forNew = post(
                "/api/auth/register",
                json("email", fresh, "password", "taken-pass-9", "name", "Mallory", "phone", "+14165550100"));

        forKnown.expect(202);
        assertThat(forNew.status()).isEqualTo(forKnown.status());
        assertThat(forNew.body()).isEqualTo(forKnown.body());
        assertThat(forKnown.cookie("roomtone_session")).isEmpty();
        assertThat(forNew.cookie("roomtone_session")).isEmpty();
        // the owner of the known address is told; their account is untouched
        var attempt = mailbox.last(AccountEvents.RegistrationAttemptedForExistingAccount.class, known);
        assertThat(attempt.studioId()).hasToString(studio.id());
        assertThat(accountsWith(known)).isEqualTo(1);
        assertThat(inStudio(() -> jdbc.sql(
                                "SELECT name || '|' || coalesce(phone, '') || '|' || (pending_password_hash IS NULL)"
                                        + " FROM app_user WHERE email = ?")
                        .param(known)
                        .query(String.class)
                        .single()))
                .isEqualTo("Artist||true");
        post("/api/auth/login", json("email", known, "password", "taken-pass-9"))
                .expect(401);
        post("/api/auth/login", json("email", known, "password", "known-pass-9"))
                .expect(200);
    }

    @Test
    void aNewAccountSignsInOnlyOnceItsAddressIsConfirmedAndReturnsToWhereItStarted() {
        String email = email();
        post(
                        "/api/auth/register",
                        json("email", email, "password", "first-pass-9", "name", "Ada", "next", "/book?room=x"))
                .expect(202);
        post("/api/auth/login", json("email", email, "password", "first-pass-9"))
                .expect(401, "nobody signs in to an unconfirmed registration");
        // registering again before confirming: the latest password is the one that will work
        post("/api/auth/register", json("email", email, "password", "second-pass-9", "name", "Ada"))
                .expect(202);
        assertThat(mailbox.sent(AccountEvents.EmailConfirmationNeeded.class, email))
                .hasSize(2);
        assertThat(mailbox.sent(AccountEvents.EmailConfirmationNeeded.class, email)
                        .get(0)
                        .next())
                .contains("/book?room=x");
        assertThat(mailbox.confirmationLink(email)).startsWith("/account/confirm?token=");

        Response confirmed = post("/api/auth/confirm-email", json("token", mailbox.confirmationToken(email)));

        confirmed.expect(200);
        session(confirmed.json().get("token").asString()).expect(200);
        post("/api/auth/login", json("email", email, "password", "first-pass-9"))
                .expect(401);
        post("/api/auth/login", json("email", email, "password", "second-pass-9"))
                .expect(200);
        assertThat(inStudio(() -> jdbc.sql("SELECT email_confirmed_at IS NOT NULL FROM app_user WHERE email = ?")
                        .param(email)
                        .query(Boolean.class)
                        .single()))
                .isTrue();
    }

    // --- single use, expiry ---

    @Test
    void aLinkUsedByADozenCallersAtOnceWorksExactlyOnce() {
        String email = email();
        client(email, "first-pass-9");
        post("/api/auth/sign-in-link", json("email", email)).expect(202);
        String link = mailbox.signInToken(email);

        List<Response> answers = Parallel.send(12, i -> post("/api/auth/sign-in-link/confirm", json("token", link)));

        assertThat(Parallel.count(answers, 200)).isEqualTo(1);
        assertThat(Parallel.count(answers, 400)).isEqualTo(11);
        assertThat(answers.stream().filter(r -> r.status() == 400).map(r -> r.problem()
                        .field()))
                .containsOnly("token");
    }

    @Test
    void aPasswordResetUsedByADozenCallersAtOnceSetsOnePassword() {
        String email = email();
        client(email, "first-pass-9");
        post("/api/auth/password-reset", json("email", email)).expect(202);
        String link = mailbox.resetToken(email);

        List<Response> answers = Parallel.send(
                12,
                i -> post("/api/auth/password-reset/confirm", json("token", link, "password", "parallel-pass-" + i)));

        assertThat(Parallel.count(answers, 200)).isEqualTo(1);
        assertThat(Parallel.count(answers, 400)).isEqualTo(11);
        int winner = answers.indexOf(
                answers.stream().filter(r -> r.status() == 200).findFirst().orElseThrow());
        post("/api/auth/login", json("email", email, "password", "parallel-pass-" + winner))
                .expect(200);
    }

    @Test
    void anExpiredLinkIsRefusedOnTheApplicationsClock() {
        String email = email();
        client(email, "first-pass-9");
        post("/api/auth/sign-in-link", json("email", email)).expect(202);
        String signIn = mailbox.signInToken(email);
        post("/api/auth/password-reset", json("email", email)).expect(202);
        String reset = mailbox.resetToken(email);

        clock.shift(Duration.ofMinutes(16)); // a sign-in link lasts 15 minutes, a reset link 30

        Response expired = post("/api/auth/sign-in-link/confirm", json("token", signIn));
        expired.expect(400);
        assertThat(expired.problem().field()).isEqualTo("token");
        post("/api/auth/password-reset/confirm", json("token", reset, "password", "second-pass-9"))
                .expect(200, "the reset link still has 14 minutes");
    }

    @Test
    void aResetEndsEverySessionAndEveryOtherLinkOfTheAccount() {
        String email = email();
        String first = client(email, "first-pass-9");
        String second = api.login(email, "first-pass-9", studio.slug());
        post("/api/auth/sign-in-link", json("email", email)).expect(202);
        String signIn = mailbox.signInToken(email);
        post("/api/auth/password-reset", json("email", email)).expect(202);
        String reset = mailbox.resetToken(email);

        Response refused = post("/api/auth/password-reset/confirm", json("token", reset, "password", "short"));
        assertThat(refused.invalidFields()).containsExactly("password");
        session(first).expect(200, "a refused password changes nothing");
        Response done = post("/api/auth/password-reset/confirm", json("token", reset, "password", "second-pass-9"));

        done.expect(200);
        assertThat(done.cookie("roomtone_session"))
                .contains(done.json().get("token").asString());
        session(first).expect(401);
        session(second).expect(401);
        session(done.json().get("token").asString()).expect(200);
        post("/api/auth/sign-in-link/confirm", json("token", signIn)).expect(400, "older links end too");
        post("/api/auth/login", json("email", email, "password", "first-pass-9"))
                .expect(401);
        post("/api/auth/login", json("email", email, "password", "second-pass-9"))
                .expect(200);
    }

    @Test
    void aLinkWorksOnlyInItsOwnStudioAndForItsOwnPurpose() {
        String email = email();
        client(email, "first-pass-9");
        post("/api/auth/sign-in-link", json("email", email)).expect(202);
        String link = mailbox.signInToken(email);
        Api.OtherStudio other = api.newStudio();

        api.send("POST", "/api/auth/sign-in-link/confirm", json("token", link), null, Map.of("X-Studio", other.slug()))
                .expect(400, "another studio");
        post("/api/auth/confirm-email", json("token", link)).expect(400, "another purpose");
        post("/api/auth/password-reset/confirm", json("token", link, "password", "second-pass-9"))
                .expect(400, "another purpose");
        post("/api/auth/sign-in-link/confirm", json("token", link)).expect(200, "still unused after all that");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndSendsNothing() {
        String tooLong = "a".repeat(400) + "@example.test";
        assertThat(post("/api/auth/password-reset", json("email", tooLong)).invalidFields())
                .containsExactly("email");
        assertThat(post("/api/auth/sign-in-link", json()).invalidFields()).containsExactly("email");
        assertThat(post("/api/auth/sign-in-link", json("email", 5)).status()).isEqualTo(400);
        assertThat(post("/api/auth/password-reset/confirm", json("password", "second-pass-9"))
                        .invalidFields())
                .containsExactly("token");
        assertThat(post("/api/auth/confirm-email", json("token", "x".repeat(10_000)))
                        .invalidFields())
                .containsExactly("token");
        assertThat(post("/api/auth/sign-in-link/confirm", json("token", "nonsense"))
                        .invalidFields())
                .containsExactly("token");
        assertThat(post("/api/auth/register", json("email", "no", "password", "x", "name", ""))
                        .invalidFields())
                .containsExactlyInAnyOrder("email", "password", "name");
        assertThat(mailbox.sent(AccountEvents.PasswordResetRequested.class, tooLong))
                .isEmpty();
    }

    // --- rate limits ---

    @Test
    void mailRequestsForOneAddressAreLimitedUnderADozenParallelRequests() {
        String email = email();
        client(email, "first-pass-9");

        List<Response> answers =
                Parallel.send(12, i -> post("/api/auth/sign-in-link", json("email", email.toUpperCase())));

        assertThat(Parallel.count(answers, 202)).isEqualTo(MAIL_PER_EMAIL);
        assertThat(Parallel.count(answers, 429)).isEqualTo(12 - MAIL_PER_EMAIL);
        assertThat(mailbox.sent(AccountEvents.SignInLinkRequested.class, email)).hasSize(MAIL_PER_EMAIL);
        Response refused =
                answers.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(refused.json().get("limit").asString()).isEqualTo("account_mail_per_email");
    }

    @Test
    void mailRequestsFromOneNetworkAreLimitedUnderADozenParallelRequests() {
        String network = newNetwork();

        List<Response> answers =
                Parallel.send(12, i -> post("/api/auth/password-reset", json("email", email()), network));

        assertThat(Parallel.count(answers, 202)).isEqualTo(MAIL_PER_IP);
        assertThat(Parallel.count(answers, 429)).isEqualTo(12 - MAIL_PER_IP);
    }

    // --- no lockout ---

    @Test
    void guessesThatUseUpAnOwnersSignInLimitDoNotKeepTheOwnerOut() {
        String owner = studio.ownerEmail();

        // a dozen guesses at once, each from another network: the address's limit holds
        List<Response> guesses = Parallel.send(
                12, i -> post("/api/auth/login", json("email", owner, "password", "guess-" + i), newNetwork()));
        // (the owner signed in once already, when the test created the studio)
        assertThat(Parallel.count(guesses, 401)).isEqualTo(LOGIN_PER_EMAIL - 1);
        assertThat(Parallel.count(guesses, 429)).isEqualTo(12 - (LOGIN_PER_EMAIL - 1));

        // the owner's own password is refused for now, and the answer says how to get in anyway
        Response refused = post("/api/auth/login", json("email", owner, "password", Api.OtherStudio.OWNER_PASSWORD));
        refused.expect(429);
        assertThat(refused.json().get("limit").asString()).isEqualTo("login_per_email");
        assertThat(refused.json().get("detail").asString()).contains("sign-in link");
        assertThat(refused.json().get("sign_in_link").asString()).isEqualTo("/api/auth/sign-in-link");

        post("/api/auth/sign-in-link", json("email", owner)).expect(202);
        var requested = mailbox.last(AccountEvents.SignInLinkRequested.class, owner);
        assertThat(requested.studioId()).hasToString(studio.id());
        Response signedIn = post("/api/auth/sign-in-link/confirm", json("token", mailbox.signInToken(owner)));

        signedIn.expect(200);
        assertThat(signedIn.json().at("/user/role").asString()).isEqualTo("owner");
        assertThat(signedIn.cookie("roomtone_session")).isPresent();
        api.get("/api/admin/team", signedIn.json().get("token").asString()).expect(200);
        // and a password reset still works for the address too
        post("/api/auth/password-reset", json("email", owner)).expect(202);
    }

    @Test
    void theSignInPageSaysWhenTheLimitIsReachedAndOffersALinkByMail() {
        String email = email();
        client(email, "first-pass-9");
        for (int i = 0; i < LOGIN_PER_EMAIL; i++) {
            signInPage(email, "guess-" + i).expect(401);
        }

        Response limited = signInPage(email, "first-pass-9");

        limited.expect(429);
        assertThat(limited.contentType()).startsWith("text/html");
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(limited.body())
                .contains("Signing in with a password is paused")
                .contains("Too many sign-in attempts for this e-mail address")
                .contains("Send me a sign-in link")
                .contains("value=\"" + email + "\"")
                .contains("value=\"/me/bookings\"");
        Response requested =
                api.send("POST", "/signin/link/request", "email=" + email + "&next=/me/bookings", null, form());
        requested.expect(302);
        assertThat(requested.header("Location").orElseThrow()).endsWith("/signin/link?sent");
        assertThat(mailbox.last(AccountEvents.SignInLinkRequested.class, email).next())
                .contains("/me/bookings");
        assertThat(mailbox.signInLink(email)).startsWith("/signin/link?token=").endsWith("&next=/me/bookings");
    }

    @Test
    void pageFormsRefuseDeadLinksWith400AndWriteNothing() {
        String email = email();
        client(email, "first-pass-9");

        Response reset = api.send("POST", "/password/reset", "token=nonsense&password=second-pass-9", null, form());
        reset.expect(400);
        assertThat(reset.body()).contains("This reset link does not work any more");
        Response link = api.send("POST", "/signin/link", "token=nonsense&next=/me/bookings", null, form());
        link.expect(400);
        assertThat(link.body()).contains("This sign-in link does not work any more");
        assertThat(link.header("Set-Cookie").orElse("")).doesNotContain("roomtone_session=");
        Response confirm = api.send("POST", "/account/confirm", "token=" + "x".repeat(300), null, form());
        confirm.expect(400);
        Response forgot = api.send("POST", "/password/forgot", "email=", null, form());
        forgot.expect(400);
        assertThat(forgot.body()).contains("email-error");
        post("/api/auth/login", json("email", email, "password", "first-pass-9"))
                .expect(200);
    }

    private Response signInPage(String email, String password) {
        Map<String, String> headers = new HashMap<>(form());
        headers.put("X-Forwarded-For", newNetwork());
        return api.send(
                "POST", "/signin", "email=" + email + "&password=" + password + "&next=/me/bookings", null, headers);
    }

    /** The headers of a browser's form post: a page of the studio, with the CSRF cookie and token. */
    private Map<String, String> form() {
        String csrf = api.send("GET", "/signin", null, null, Map.of("X-Studio", studio.slug(), "Accept", "text/html"))
                .cookie("XSRF-TOKEN")
                .orElseThrow();
        return Map.of(
                "X-Studio",
                studio.slug(),
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Accept",
                "text/html",
                "Cookie",
                "XSRF-TOKEN=" + csrf,
                "X-XSRF-TOKEN",
                csrf);
    }
}
