package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Double booking is impossible: requests really race, over HTTP, against the real PostgreSQL, and
 * the database's exclusion constraint decides.
 */
@RoomtoneTest
class DoubleBookingTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    TestStudio studio;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
    }

    /** Runs every task at the same moment on its own thread and returns the responses. */
    private static List<Response> race(List<Callable<Response>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (Callable<Response> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return responses;
    }

    @Test
    void fiftyClientsRaceForOneSlotAndExactlyOneGetsIt() throws Exception {
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(studio.client());
        }
        String body = booking(room, service, at(12, 10), at(12, 11)).json();

        List<Response> responses = race(clients.stream()
                .map(token -> (Callable<Response>) () -> api.post("/api/bookings", body, token))
                .toList());

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(49).allMatch(r -> r.problem()
                .code()
                .equals("slot_unavailable"));
        assertThat(overlaps()).isZero();
    }

    @Test
    void twoRoomsOneEngineerOnlyOneSessionGetsHim() throws Exception {
        String roomA = studio.room("tracking");
        String roomB = studio.room("tracking");
        String service = studio.service()
                .inRoomsTagged("tracking")
                .withEngineerSkilled("drums")
                .create();
        studio.engineer("drums");
        List<Callable<Response>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String room = i % 2 == 0 ? roomA : roomB;
            String token = studio.client();
            // overlapping, not identical, times: 10:00-11:00 against 10:00-12:00
            String end = i % 2 == 0 ? at(13, 11) : at(13, 12);
            String body = booking(room, service, at(13, 10), end).json();
            tasks.add(() -> api.post("/api/bookings", body, token));
        }

        List<Response> responses = race(tasks);

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 201).allMatch(r -> r.status() == 409);
        assertThat(overlaps()).isZero();
    }

    /**
     * Several threads book, hold, reschedule, cancel and reject at random over a small grid of rooms,
     * engineers and hours. Every answer must be a success or a clean 4xx, and afterwards no room and
     * no engineer has overlapping sessions, and occupancy matches the bookings exactly.
     */
    @Test
    void aRandomConcurrentHistoryNeverDoubleBooks() throws Exception {
        List<String> rooms = List.of(studio.room("mix"), studio.room("mix"), studio.room("mix"));
        String withEngineer =
                studio.service().inRoomsTagged("mix").withEngineerSkilled("mix").create();
        String roomOnly = studio.service().inRoomsTagged("mix").create();
        studio.engineer("mix");
        studio.engineer("mix");
        studio.bufferAroundService(withEngineer, 0, 30);
        String owner = studio.owner();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(studio.client());
        }
        List<String> booked = new CopyOnWriteArrayList<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<Callable<Response>> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            long seed = 42 + w;
            String client = clients.get(w);
            workers.add(() -> {
                Random random = new Random(seed);
                Response last = null;
                for (int step = 0; step < 25; step++) {
                    int hour = 9 + random.nextInt(10);
                    String room = rooms.get(random.nextInt(rooms.size()));
                    String service = random.nextBoolean() ? withEngineer : roomOnly;
                    int kind = random.nextInt(10);
                    if (kind < 4 || booked.isEmpty()) {
                        last = studio.request(booking(room, service, at(14, hour), at(14, hour + 1)), client);
                        if (last.status() == 201) {
                            booked.add(last.as(BookedView.class).bookingId());
                        }
                    } else if (kind < 6) {
                        last = api.post(
                                "/api/holds",
                                json(
                                        "room_id",
                                        room,
                                        "service_id",
                                        service,
                                        "start_at",
                                        at(14, hour),
                                        "end_at",
                                        at(14, hour + 1)),
                                client);
                    } else if (kind < 8) {
                        String id = booked.get(random.nextInt(booked.size()));
                        last = api.post(
                                "/api/bookings/" + id + "/reschedule",
                                json("new_start_at", at(14, hour), "new_end_at", at(14, hour + 1)),
                                owner);
                    } else if (kind < 9) {
                        last = api.post(
                                "/api/bookings/" + booked.get(random.nextInt(booked.size())) + "/cancel", "{}", owner);
                    } else {
                        last = api.post(
                                "/api/admin/bookings/" + booked.get(random.nextInt(booked.size())) + "/reject",
                                json("reason", "random"),
                                owner);
                    }
                    statuses.merge(last.status(), 1, Integer::sum);
                    if (last.status() >= 500) {
                        return last;
                    }
                }
                return last;
            });
        }

        List<Response> results = race(workers);

        assertThat(results).allMatch(r -> r.status() < 500);
        assertThat(statuses.keySet()).as("statuses seen: %s", statuses).allMatch(s -> s < 500);
        assertThat(statuses).containsKey(201).containsKey(409);
        assertThat(overlaps()).isZero();
        assertThat(occupancyMismatches()).isZero();
    }

    /** Active sessions of one room, or of one staff member, whose blocked ranges overlap. */
    private long overlaps() {
        return inStudio(
                """
                WITH active AS (
                  SELECT b.id, b.room_id, tstzrange(b.start_at - make_interval(mins => b.buffer_before_min),
                                                   b.end_at + make_interval(mins => b.buffer_after_min), '[)') AS blocked
                    FROM booking b WHERE b.status IN ('awaiting_approval', 'confirmed'))
                SELECT (SELECT count(*) FROM active a JOIN active b ON a.room_id = b.room_id AND a.id < b.id
                                                                 AND a.blocked && b.blocked)
                     + (SELECT count(*) FROM active a JOIN booking_staff sa ON sa.booking_id = a.id
                                                JOIN booking_staff sb ON sb.staff_id = sa.staff_id
                                                JOIN active b ON b.id = sb.booking_id AND a.id < b.id
                                               WHERE a.blocked && b.blocked)
                """);
    }

    /** Active bookings without their room's occupancy row, and occupancy rows of inactive bookings. */
    private long occupancyMismatches() {
        return inStudio(
                """
                SELECT (SELECT count(*) FROM booking b
                         WHERE b.status IN ('awaiting_approval', 'confirmed')
                           AND NOT EXISTS (SELECT 1 FROM occupancy o WHERE o.booking_id = b.id AND o.resource_kind = 'room'))
                     + (SELECT count(*) FROM occupancy o JOIN booking b ON b.id = o.booking_id
                         WHERE b.status NOT IN ('awaiting_approval', 'confirmed'))
                """);
    }

    private long inStudio(String sql) {
        return Tenancy.callAs(
                java.util.UUID.fromString(studio.id()),
                () -> transactions.execute(tx -> jdbc.sql(sql).query(Long.class).single()));
    }
}
