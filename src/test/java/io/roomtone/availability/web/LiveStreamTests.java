package io.roomtone.availability.web;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roomtone.RoomtoneApplication;
import io.roomtone.availability.internal.LiveStreams;
import io.roomtone.support.Api;
import io.roomtone.support.EventStream;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The live streams over real HTTP, with two application nodes on one database: a change made
 * through one node reaches a stream of the other (PostgreSQL LISTEN/NOTIFY), only the streams that
 * watch its room and day hear of it, and a client cannot hold more streams than the cap.
 */
@RoomtoneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveStreamTests {

    /** How long a test waits for an event that must come; the assertion on time is separate. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** How long a test listens for events that must not come. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    @Autowired
    Api api;

    @Autowired
    Environment environment;

    ConfigurableApplicationContext second;
    Api other;

    @BeforeAll
    void startSecondNode() {
        second = new SpringApplicationBuilder(RoomtoneApplication.class)
                .properties(
                        "server.port=0",
                        "roomtone.database.url=" + environment.getProperty("roomtone.database.url"),
                        "roomtone.database.user=postgres",
                        "roomtone.multi-studio=true",
                        "roomtone.admin-email=" + Api.OWNER_EMAIL,
                        "roomtone.admin-password=" + Api.OWNER_PASSWORD,
                        "roomtone.operator-email=" + Api.OPERATOR_EMAIL,
                        "roomtone.operator-password=" + Api.OPERATOR_PASSWORD,
                        // finds closed test streams quickly, so the cap test can see them given back
                        "roomtone.live.heartbeat=300ms")
                .run();
        other = new Api(second.getEnvironment());
    }

    @AfterAll
    void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aBookingOnOneNodeReachesAStreamOnTheOtherWithinASecond() throws Exception {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room();
        String service = studio.service().create();
        String client = studio.client();
        try (EventStream stream = watch(other, studio, room, 3)) {
            // the first booking warms both nodes up; the second one is timed
            studio.book(booking(room, service, at(3, 9), at(3, 10)), client);
            assertThat(stream.next(PATIENCE)).as("a first notice").isNotNull();
            stream.drain();

            studio.book(booking(room, service, at(3, 14), at(3, 15)), client);
            // timed from the booking's answer (it is committed then), not from the request: the
            // request's own work on a busy two-core machine is not the fan-out's delay
            long booked = System.nanoTime();
            EventStream.Event event = stream.next(PATIENCE);

            assertThat(event).as("the notice of the second booking").isNotNull();
            assertThat(event.name()).isEqualTo("availability");
            assertThat(event.data()).isEqualTo("{\"room_id\":\"" + room + "\",\"date\":\"" + day(3) + "\"}");
            assertThat(Duration.ofNanos(event.arrivedNanos() - booked)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void streamsHearOnlyOfTheirRoomDayAndStudio() throws Exception {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room();
        String otherRoom = studio.room();
        String service = studio.service().create();
        String client = studio.client();
        TestStudio elsewhere = new TestStudio(api).openWithoutApproval();
        String theirRoom = elsewhere.room();
        String theirService = elsewhere.service().create();
        try (EventStream stream = watch(other, studio, room, 4);
                EventStream anyRoom = watchAnyRoom(other, studio, 4)) {
            studio.book(booking(room, service, at(5, 10), at(5, 11)), client); // another day
            studio.book(booking(otherRoom, service, at(4, 10), at(4, 11)), client); // another room
            elsewhere.book(booking(theirRoom, theirService, at(4, 10), at(4, 11)), elsewhere.client());

            EventStream.Event forAnyRoom = anyRoom.next(PATIENCE);
            assertThat(forAnyRoom)
                    .as("the stream of every room hears of the other room")
                    .isNotNull();
            assertThat(forAnyRoom.data()).contains(otherRoom);
            assertThat(stream.next(QUIET))
                    .as("nothing for another room, day or studio")
                    .isNull();

            studio.book(booking(room, service, at(4, 10), at(4, 11)), client);
            EventStream.Event event = stream.next(PATIENCE);
            assertThat(event).isNotNull();
            assertThat(event.data()).contains(room).contains(day(4).toString());
            assertThat(stream.next(QUIET)).isNull();
            assertThat(anyRoom.next(PATIENCE)).isNotNull();
            assertThat(anyRoom.drain()).extracting(EventStream.Event::data).noneMatch(d -> d.contains(theirRoom));
        }
    }

    @Test
    void aCancellationAndAnApprovalAreToldToo() throws Exception {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room();
        String service = studio.service().create();
        String client = studio.client();
        try (EventStream desk = EventStream.open(
                        api.uri("/api/admin/stream"), Map.of("Authorization", "Bearer " + studio.owner()));
                EventStream stream = watch(api, studio, room, 6)) {
            assertThat(desk.status()).isEqualTo(200);
            String id = studio.book(booking(room, service, at(6, 10), at(6, 12)), client)
                    .bookingId();
            assertThat(stream.next(PATIENCE)).as("requested").isNotNull();
            assertThat(names(desk, 2)).contains("changed", "day-" + day(6));

            studio.approve(id, "See you");
            assertThat(names(desk, 2)).as("approved: the queue count moves").contains("changed", "day-" + day(6));
            stream.drain();

            studio.cancel(id, "plans changed", client);
            assertThat(stream.next(PATIENCE))
                    .as("canceled: the slot is free again")
                    .isNotNull();
        }
    }

    @Test
    void aDozenParallelStreamsFromOneClientMeetTheCap() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room();
        LiveStreams streams = second.getBean(LiveStreams.class);
        await().atMost(PATIENCE).until(() -> streams.openStreams() == 0);

        List<EventStream> opened = EventStream.openAll(
                12,
                other.uri("/api/availability/stream?room_id=" + room + "&date=" + day(1)),
                Map.of("X-Studio", studio.slug()));
        try {
            assertThat(opened).filteredOn(s -> s.status() == 200).hasSize(8);
            List<EventStream> refused =
                    opened.stream().filter(s -> s.status() != 200).toList();
            assertThat(refused).hasSize(4).allSatisfy(s -> {
                assertThat(s.status()).isEqualTo(429);
                assertThat(s.header("Retry-After")).isPresent();
                assertThat(s.header("Content-Type"))
                        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(s.body()).contains("\"code\":\"rate_limited\"");
            });
            assertThat(streams.openStreams()).isEqualTo(8);
        } finally {
            opened.forEach(EventStream::close);
        }
        // closed streams are noticed at the next heartbeat and given back
        await().atMost(PATIENCE).until(() -> streams.openStreams() == 0);
        try (EventStream again = watch(other, studio, room, 1)) {
            assertThat(again.status()).isEqualTo(200);
        }
    }

    @Test
    void badInputIsRefusedBeforeAStreamOpens() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room();
        TestStudio elsewhere = new TestStudio(api).openWithoutApproval();
        String theirRoom = elsewhere.room();
        Map<String, String> here = Map.of("X-Studio", studio.slug());

        assertRefused(stream("?room_id=not-an-id&date=" + day(1), here), 400, "room_id");
        assertRefused(stream("?room_id=1-2-3-4-5&date=" + day(1), here), 400, "room_id");
        assertRefused(stream("?room_id=" + room, here), 400, "date");
        assertRefused(stream("?room_id=" + room + "&date=tomorrow", here), 400, "date");
        assertRefused(stream("?room_id=" + room + "&date=%2B999999999-12-31", here), 400, "date");
        assertRefused(stream("?room_id=" + room + "&date=1999-12-31", here), 400, "date");
        assertRefused(stream("?room_id=" + theirRoom + "&date=" + day(1), here), 404, null);
        assertRefused(stream("?room_id=" + Api.UNKNOWN_ID + "&date=" + day(1), here), 404, null);
        assertRefused(stream("?date=" + day(1), Map.of("X-Studio", "no-such-studio")), 404, null);
        // the desk's stream is for owners and admins
        assertRefused(EventStream.open(api.uri("/api/admin/stream"), here), 401, null);
        assertRefused(
                EventStream.open(api.uri("/api/admin/stream"), Map.of("Authorization", "Bearer " + studio.client())),
                403,
                null);
    }

    private EventStream stream(String query, Map<String, String> headers) {
        return EventStream.open(api.uri("/api/availability/stream" + query), headers);
    }

    private static void assertRefused(EventStream stream, int status, String field) {
        try (stream) {
            assertThat(stream.status()).isEqualTo(status);
            String body = stream.body();
            assertThat(body).contains("\"code\"");
            if (field != null) {
                assertThat(body).contains("\"" + field + "\"");
            }
        }
    }

    private static EventStream watch(Api node, TestStudio studio, String room, int daysAhead) {
        EventStream stream = EventStream.open(
                node.uri("/api/availability/stream?room_id=" + room + "&date=" + day(daysAhead)),
                Map.of("X-Studio", studio.slug()));
        assertThat(stream.status()).as("the stream opens").isEqualTo(200);
        return stream;
    }

    private static EventStream watchAnyRoom(Api node, TestStudio studio, int daysAhead) {
        EventStream stream = EventStream.open(
                node.uri("/api/availability/stream?date=" + day(daysAhead)), Map.of("X-Studio", studio.slug()));
        assertThat(stream.status()).isEqualTo(200);
        return stream;
    }

    private static List<String> names(EventStream stream, int atLeast) throws InterruptedException {
        List<String> names = new java.util.ArrayList<>();
        while (names.size() < atLeast) {
            EventStream.Event event = stream.next(PATIENCE);
            if (event == null) {
                break;
            }
            names.add(event.name());
        }
        return names;
    }

    private static LocalDate day(int daysAhead) {
        return LocalDate.now(TestStudio.ZONE).plusDays(daysAhead);
    }
}
