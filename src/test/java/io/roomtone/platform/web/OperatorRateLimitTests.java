package io.roomtone.platform.web;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The platform operator's HTTP Basic is limited per network and per user name tried, counting only
 * failures; and a replay answered from the idempotency store spends no rate-limit token.
 */
@RoomtoneTest
@TestPropertySource(
        properties = {
            "roomtone.rate-limits.operator-per-ip=" + OperatorRateLimitTests.PER_IP + "/1h",
            "roomtone.rate-limits.operator-per-account=" + OperatorRateLimitTests.PER_ACCOUNT + "/1h",
            "roomtone.rate-limits.register-per-ip=2/1h"
        })
class OperatorRateLimitTests {

    static final int PER_IP = 5;
    static final int PER_ACCOUNT = 8;
    private static final AtomicInteger NETWORKS = new AtomicInteger();

    @Autowired
    Api api;

    /** A client address nobody else in this class uses (TEST-NET-2, RFC 5737). */
    private static String newNetwork() {
        return "198.51.100." + NETWORKS.incrementAndGet();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Response listStudios(String network, String authorization) {
        return api.send(
                "GET",
                "/api/platform/studios",
                null,
                null,
                Map.of("Authorization", authorization, "X-Forwarded-For", network));
    }

    @Test
    void twelveParallelGuessesFromOneNetworkStopAtTheLimit() {
        String network = newNetwork();

        List<Response> answers = Parallel.send(12, i -> listStudios(network, basic(Api.OPERATOR_EMAIL, "guess-" + i)));

        assertThat(Parallel.count(answers, 401)).as(answers.toString()).isEqualTo(PER_IP);
        assertThat(Parallel.count(answers, 429)).as(answers.toString()).isEqualTo(12 - PER_IP);
        Response refused =
                answers.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(refused.problem().code()).isEqualTo("rate_limited");
        assertThat(refused.json().get("limit").asString()).isEqualTo("operator_per_ip");
        assertThat(refused.header("Retry-After")).isPresent();
        // even the right password waits now, from that network
        listStudios(network, basic(Api.OPERATOR_EMAIL, Api.OPERATOR_PASSWORD)).expect(429);
        // the actuator is guarded the same way
        api.send(
                        "GET",
                        "/actuator/metrics",
                        null,
                        null,
                        Map.of("Authorization", basic(Api.OPERATOR_EMAIL, "x"), "X-Forwarded-For", network))
                .expect(429);
    }

    @Test
    void guessesSpreadOverNetworksStopAtTheAccountLimit() {
        String account = "mallory-" + UUID.randomUUID() + "@platform.test";

        List<Response> answers = Parallel.send(12, i -> listStudios(newNetwork(), basic(account, "guess-" + i)));

        assertThat(Parallel.count(answers, 401)).as(answers.toString()).isEqualTo(PER_ACCOUNT);
        assertThat(Parallel.count(answers, 429)).as(answers.toString()).isEqualTo(12 - PER_ACCOUNT);
        assertThat(answers.stream()
                        .filter(r -> r.status() == 429)
                        .findFirst()
                        .orElseThrow()
                        .json()
                        .get("limit")
                        .asString())
                .isEqualTo("operator_per_account");
        // another account is not affected
        listStudios(newNetwork(), basic(Api.OPERATOR_EMAIL, Api.OPERATOR_PASSWORD))
                .expect(200);
    }

    @Test
    void theOperatorsOwnRequestsDoNotCount() {
        String network = newNetwork();
        for (int i = 0; i < 3 * PER_IP; i++) {
            listStudios(network, basic(Api.OPERATOR_EMAIL, Api.OPERATOR_PASSWORD))
                    .expect(200, "request " + i);
        }
        // and failures still have their whole allowance
        String account = "typo-" + UUID.randomUUID();
        for (int i = 0; i < PER_IP; i++) {
            listStudios(network, basic(account, "wrong")).expect(401, "guess " + i);
        }
        listStudios(network, basic(account, "wrong")).expect(429);
    }

    @Test
    void aReplayedIdempotencyKeySpendsNoRateLimitToken() {
        String network = newNetwork();
        String key = UUID.randomUUID().toString();
        String body = json(
                "email",
                "replay-" + UUID.randomUUID() + "@example.test",
                "password",
                "replay-pass-9",
                "name",
                "Replay");
        Map<String, String> headers = Map.of("Idempotency-Key", key, "X-Forwarded-For", network);

        api.send("POST", "/api/auth/register", body, null, headers).expect(202);
        List<Response> replays = Parallel.send(12, i -> api.send("POST", "/api/auth/register", body, null, headers));

        assertThat(replays).allSatisfy(r -> {
            r.expect(202);
            assertThat(r.header("Idempotent-Replayed")).contains("true");
        });
        // one of the two registrations an hour is left
        api.send(
                        "POST",
                        "/api/auth/register",
                        json(
                                "email",
                                "second-" + UUID.randomUUID() + "@example.test",
                                "password",
                                "replay-pass-9",
                                "name",
                                "Second"),
                        null,
                        Map.of("X-Forwarded-For", network))
                .expect(202);
        Response third = api.send(
                "POST",
                "/api/auth/register",
                json(
                        "email",
                        "third-" + UUID.randomUUID() + "@example.test",
                        "password",
                        "replay-pass-9",
                        "name",
                        "Third"),
                null,
                Map.of(
                        "X-Forwarded-For",
                        network,
                        "Idempotency-Key",
                        UUID.randomUUID().toString()));
        third.expect(429);
        // a refused request's key is not kept: retried later, it would do the work
        assertThat(third.header("Idempotent-Replayed")).isEmpty();
    }
}
