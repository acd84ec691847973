package io.roomtone.platform.web;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@RoomtoneTest
class IdempotencyTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private Response createRoom(String body, String key, String token) {
        return api.send("POST", "/api/admin/rooms", body, token, Map.of("Idempotency-Key", key));
    }

    private long roomsNamed(String name) {
        return api.get("/api/admin/rooms", api.ownerToken())
                .json()
                .valueStream()
                .filter(room -> room.get("name").asString().equals(name))
                .count();
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheFirstResponseWithoutDoingTheWorkAgain() {
        String name = Api.unique("Once");
        String key = UUID.randomUUID().toString();

        Response first = createRoom(json("name", name), key, api.ownerToken());
        Response retry = createRoom(json("name", name), key, api.ownerToken());

        first.expect(201);
        retry.expect(201);
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(roomsNamed(name)).isEqualTo(1);
        Map<String, Object> stored = jdbc.sql(
                        """
                        SELECT count(*) FILTER (WHERE status = 'completed') AS completed,
                               count(*) FILTER (WHERE key = :key) AS plain_keys,
                               count(*) FILTER (WHERE position(convert_to(:name, 'UTF8') IN response_body) > 0) AS plain_bodies
                          FROM idempotency_key
                        """)
                .param("key", key)
                .param("name", name)
                .query()
                .singleRow();
        assertThat((Long) stored.get("completed"))
                .as("responses are kept in PostgreSQL")
                .isPositive();
        assertThat(stored.get("plain_keys")).as("keys are stored as digests").isEqualTo(0L);
        assertThat(stored.get("plain_bodies")).as("responses are stored sealed").isEqualTo(0L);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        String other = Api.unique("Other");
        createRoom(json("name", Api.unique("First")), key, api.ownerToken());

        Response reused = createRoom(json("name", other), key, api.ownerToken());

        reused.expect(422);
        assertThat(reused.problem().code()).isEqualTo("idempotency_conflict");
        assertThat(roomsNamed(other)).isZero();
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = UUID.randomUUID().toString();
        String name = Api.unique("Mine");
        Response mine = createRoom(json("name", name), key, api.ownerToken());
        Api.OtherStudio other = api.newStudio();

        Response theirs = createRoom(json("name", name), key, other.ownerToken());

        theirs.expect(201);
        assertThat(theirs.header("Idempotent-Replayed")).isEmpty();
        assertThat(theirs.json().get("id")).isNotEqualTo(mine.json().get("id"));
    }

    @Test
    void refusalsAreReplayedToo() {
        String key = UUID.randomUUID().toString();
        Response first = createRoom(json("name", ""), key, api.ownerToken());
        Response retry = createRoom(json("name", ""), key, api.ownerToken());

        first.expect(400);
        retry.expect(400);
        assertThat(retry.json().get("errors")).isEqualTo(first.json().get("errors"));
    }

    @Test
    void anOversizedKeyIsABadRequest() {
        Response response = createRoom(json("name", Api.unique("K")), "k".repeat(300), api.ownerToken());
        response.expect(400);
        assertThat(response.problem().field()).isEqualTo("Idempotency-Key");
    }

    /**
     * Closures have no uniqueness constraint: identical requests would each create one, so only the
     * key can make them create exactly one (room names are unique, and would hide a missing key).
     */
    @Test
    void concurrentRetriesOfOneKeyCreateExactlyOneClosure() throws Exception {
        String reason = Api.unique("Raced");
        String body = json(
                "target_type", "studio",
                "start_at", "2031-02-03T10:00:00Z",
                "end_at", "2031-02-03T12:00:00Z",
                "reason", reason);
        String key = UUID.randomUUID().toString();
        String token = api.ownerToken();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Response>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return api.send("POST", "/api/admin/exceptions", body, token, Map.of("Idempotency-Key", key));
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> result : results) {
            responses.add(result.get());
        }
        pool.shutdown();

        List<Response> done = responses.stream()
                .filter(r ->
                        r.status() == 201 && r.header("Idempotent-Replayed").isEmpty())
                .toList();
        assertThat(done).as("requests that did the work").hasSize(1);
        String id = done.get(0).json().get("id").asString();
        for (Response other : responses) {
            if (other == done.get(0)) {
                continue;
            }
            if (other.status() == 201) {
                assertThat(other.header("Idempotent-Replayed")).contains("true");
                assertThat(other.json().get("id").asString()).isEqualTo(id);
            } else {
                other.expect(409);
                assertThat(other.problem().code()).isEqualTo("idempotency_in_progress");
            }
        }
        long closures = api.get("/api/admin/exceptions", token)
                .json()
                .valueStream()
                .filter(closure -> reason.equals(closure.path("reason").stringValue(null)))
                .count();
        assertThat(closures).isEqualTo(1);
    }
}
