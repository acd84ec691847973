package io.roomtone.platform.web;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.RoomtoneApplication;
import io.roomtone.identity.AccountEvents;
import io.roomtone.support.AccountMailbox;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Sign-in and registration limits on the real server and PostgreSQL. Each test comes from networks
 * of its own: the client's address is set the way a reverse proxy sets it ({@code X-Forwarded-For},
 * honoured because the test client connects from loopback, a trusted proxy address).
 */
@RoomtoneTest
@TestPropertySource(
        properties = {
            "roomtone.rate-limits.login-per-ip=" + RateLimitTests.LOGIN_PER_IP + "/1h",
            "roomtone.rate-limits.login-per-email=" + RateLimitTests.LOGIN_PER_EMAIL + "/1h",
            "roomtone.rate-limits.register-per-ip=2/1h",
            "roomtone.rate-limits.booking-per-ip=2/1h",
            "roomtone.rate-limits.booking-per-user=2/1h",
            "roomtone.rate-limits.search-per-ip=" + RateLimitTests.SEARCH_PER_IP + "/1h"
        })
class RateLimitTests {

    static final int LOGIN_PER_IP = 3;
    static final int LOGIN_PER_EMAIL = 4;
    static final int SEARCH_PER_IP = 3;
    private static final AtomicInteger NETWORKS = new AtomicInteger();

    @Autowired
    Api api;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountMailbox mailbox;

    @Autowired
    TokenBuckets buckets;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** A client address nobody else in this class uses (TEST-NET-3, RFC 5737). */
    private static String newNetwork() {
        return "203.0.113." + NETWORKS.incrementAndGet();
    }

    private static String email() {
        return "guess-" + UUID.randomUUID() + "@example.test";
    }

    private static Response login(Api api, String network, String email, String password) {
        return api.send(
                "POST",
                "/api/auth/login",
                json("email", email, "password", password),
                null,
                Map.of("X-Forwarded-For", network));
    }

    private Response register(String network, String email) {
        return api.send(
                "POST",
                "/api/auth/register",
                json("email", email, "password", "long-enough", "name", "Newcomer"),
                null,
                Map.of("X-Forwarded-For", network));
    }

    private static void assertRateLimited(Response response, String limit) {
        response.expect(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problem().code()).isEqualTo("rate_limited");
        assertThat(response.json().get("limit").asString()).isEqualTo(limit);
        long retryAfter = Long.parseLong(response.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(response.json().get("retry_after_seconds").asLong()).isEqualTo(retryAfter);
        assertThat(response.json().get("detail").asString()).contains("try again in " + retryAfter + " second");
    }

    @Test
    void signInAttemptsBeyondTheLimitFromOneNetworkGet429WithRetryAfter() {
        String network = newNetwork();
        for (int i = 0; i < LOGIN_PER_IP; i++) {
            login(api, network, email(), "wrong-password").expect(401);
        }

        Response refused = login(api, network, Api.OWNER_EMAIL, Api.OWNER_PASSWORD);

        assertRateLimited(refused, "login_per_ip");
        // 3 per hour refill one every 20 minutes
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1100L, 1200L);
        assertThat(refused.json().get("detail").asString()).startsWith("Too many sign-in attempts from your network");
        login(api, newNetwork(), Api.OWNER_EMAIL, Api.OWNER_PASSWORD).expect(200, "another network is not affected");
    }

    @Test
    void guessesAtOneEmailAddressAreLimitedWhateverNetworkTheyComeFrom() {
        String email = email();
        api.register(email, "long-enough", "Newcomer", null);
        for (int i = 0; i < LOGIN_PER_EMAIL; i++) {
            login(api, newNetwork(), email, "guess-" + i).expect(401);
        }

        // the address is counted as accounts compare it: case and surrounding spaces do not matter
        Response refused = login(api, newNetwork(), " " + email.toUpperCase() + " ", "long-enough");

        assertRateLimited(refused, "login_per_email");
        assertThat(refused.json().get("detail").asString())
                .startsWith("Too many sign-in attempts for this e-mail address");
        login(api, newNetwork(), email(), "any").expect(401, "other addresses are not affected");
    }

    @Test
    void registrationsAreLimitedPerNetworkAndARefusedOneCreatesNoAccount() {
        String network = newNetwork();
        register(network, email()).expect(202);
        register(network, email()).expect(202);
        String refusedEmail = email();

        assertRateLimited(register(network, refusedEmail), "register_per_ip");

        assertThat(mailbox.sent(AccountEvents.EmailConfirmationNeeded.class, refusedEmail))
                .as("the refused registration created no account")
                .isEmpty();
        register(newNetwork(), refusedEmail).expect(202);
        assertThat(mailbox.sent(AccountEvents.EmailConfirmationNeeded.class, refusedEmail))
                .hasSize(1);
    }

    /**
     * A search of 3 days ahead for a session of {@code minutes}: each test asks for lengths no other
     * asks for, so that its first search of each is not in the answer cache.
     */
    private Response search(String network, String token, int minutes) {
        return api.send(
                "POST",
                "/api/availability/search",
                json("date", java.time.LocalDate.now().plusDays(3).toString(), "duration_min", minutes),
                token,
                Map.of("X-Forwarded-For", network));
    }

    @Test
    void uncachedAnonymousSearchesBeyondTheLimitFromOneNetworkGet429WhileCachedAnswersStillCome() {
        String network = newNetwork();
        for (int i = 0; i < SEARCH_PER_IP; i++) {
            Response search = search(network, null, 900 + i);
            search.expect(200);
        }

        Response refused = search(network, null, 900 + SEARCH_PER_IP);

        assertRateLimited(refused, "search_per_ip");
        assertThat(refused.json().get("detail").asString())
                .startsWith("Too many availability searches from your network");
        search(network, null, 900).expect(200, "an answer already cached is served, limit or not");
        search(newNetwork(), null, 900 + SEARCH_PER_IP).expect(200, "another network is not affected");
    }

    @Test
    void searchesAnsweredFromTheCacheAreNotCounted() {
        String network = newNetwork();
        for (int i = 0; i < 10; i++) {
            Response search = search(network, null, 800);
            search.expect(200);
        }
        // one computed answer so far: the allowance has room for the rest of the limit
        for (int i = 1; i < SEARCH_PER_IP; i++) {
            search(network, null, 800 + i).expect(200);
        }

        assertRateLimited(search(network, null, 800 + SEARCH_PER_IP), "search_per_ip");
    }

    @Test
    void signedInCallersAreNotLimitedOnSearches() {
        String network = newNetwork();
        String owner = api.ownerToken();
        for (int i = 0; i < 3 * SEARCH_PER_IP; i++) {
            Response search = search(network, owner, 700 + i);
            search.expect(200);
        }
    }

    @Test
    void repeatedSearchesAndThePingAreNotLimited() {
        String network = newNetwork();
        for (int i = 0; i < 10; i++) {
            Response search = api.send(
                    "POST",
                    "/api/availability/search",
                    json("date", java.time.LocalDate.now().plusDays(3).toString(), "duration_min", 60),
                    null,
                    Map.of("X-Forwarded-For", network));
            search.expect(200);
            Response ping = api.send("GET", "/api/ping", null, null, Map.of("X-Forwarded-For", network));
            ping.expect(200);
        }
    }

    @Test
    void anonymousQuotesAreLimitedPerNetwork() {
        String network = newNetwork();
        for (int i = 0; i < 2; i++) {
            api.send("POST", "/api/quote", "{}", null, Map.of("X-Forwarded-For", network))
                    .expect(400);
        }

        assertRateLimited(
                api.send("POST", "/api/quote", "{}", null, Map.of("X-Forwarded-For", network)), "booking_per_ip");
    }

    @Test
    void aBrowserBeyondALimitGetsAPageSayingHowLongToWait() {
        String network = newNetwork();
        Map<String, String> browser = Map.of("X-Forwarded-For", network, "Accept", "text/html");
        for (int i = 0; i < 2; i++) {
            assertThat(api.send("GET", "/book/price", null, null, browser).status())
                    .isNotEqualTo(429);
        }

        Response refused = api.send("GET", "/book/price", null, null, browser);

        refused.expect(429);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.body()).contains("Too many tries for now").contains("try again in");
        assertThat(refused.header("Retry-After")).isPresent();
        // a program on the same network still gets the problem it can read
        assertRateLimited(
                api.send("POST", "/api/quote", "{}", null, Map.of("X-Forwarded-For", network)), "booking_per_ip");
    }

    @Test
    void limitsAreSharedByTwoNodesOnOneDatabase() {
        try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(RoomtoneApplication.class)
                // arguments, not default properties: those would lose to the test application.yml
                .run(
                        "--server.port=0",
                        "--roomtone.database.url=" + environment.getProperty("roomtone.database.url"),
                        "--roomtone.database.user=postgres",
                        "--roomtone.multi-studio=true",
                        "--roomtone.rate-limits.login-per-ip=" + LOGIN_PER_IP + "/1h")) {
            Api other = new Api(secondNode.getEnvironment());
            String network = newNetwork();
            login(api, network, email(), "x").expect(401);
            login(other, network, email(), "x").expect(401);
            login(api, network, email(), "x").expect(401);

            assertRateLimited(login(other, network, Api.OWNER_EMAIL, Api.OWNER_PASSWORD), "login_per_ip");
            assertRateLimited(login(api, network, Api.OWNER_EMAIL, Api.OWNER_PASSWORD), "login_per_ip");
        }
    }

    @Test
    void bucketsNameTheStudioAndNeverAnEmailAddress() {
        String email = email();
        login(api, newNetwork(), email, "x");
        String studio = jdbc.sql("SELECT id::text FROM studio WHERE is_default")
                .query(String.class)
                .single();

        assertThat(jdbc.sql("SELECT id FROM rate_limit_bucket WHERE id LIKE 'login_per_email:%'")
                        .query(String.class)
                        .list())
                .contains(String.join(
                        ":",
                        "login_per_email",
                        LOGIN_PER_EMAIL + "/3600000ms",
                        studio,
                        io.roomtone.shared.Secrets.sha256(email)))
                .noneMatch(id -> id.contains("@"));
    }

    @Test
    void bucketsThatAreFullAgainAreForgotten() {
        String network = newNetwork();
        login(api, network, email(), "x");
        login(api, newNetwork(), email(), "x");
        String key = "login_per_ip:" + LOGIN_PER_IP + "/3600000ms:%:" + network;
        // as if its expiry (the time it is full again, plus a margin) had passed
        jdbc.sql("UPDATE rate_limit_bucket SET expires_at = 0 WHERE id LIKE ?")
                .param(key)
                .update();
        long others = jdbc.sql("SELECT count(*) FROM rate_limit_bucket")
                        .query(Long.class)
                        .single()
                - 1;

        buckets.forgetFullBuckets();

        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_bucket WHERE id LIKE ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_bucket")
                        .query(Long.class)
                        .single())
                .isEqualTo(others);
    }

    @Test
    void everyRateLimitRuleNamesAMappedRoute() {
        for (RateLimitRules.Rule rule : RateLimitRules.RULES) {
            boolean mapped = mappings.getHandlerMethods().keySet().stream()
                    .anyMatch(info -> maps(info, rule.method(), rule.pattern()));
            assertThat(mapped)
                    .as("%s %s is a route", rule.method(), rule.pattern())
                    .isTrue();
        }
    }

    private static boolean maps(RequestMappingInfo info, HttpMethod method, String pattern) {
        return info.getPatternValues().contains(pattern)
                && info.getMethodsCondition().getMethods().stream()
                        .anyMatch(m -> m.name().equals(method.name()));
    }
}
