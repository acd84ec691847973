package io.roomtone.booking;

import static io.roomtone.booking.Studio.at;
import static io.roomtone.booking.Studio.booking;
import static io.roomtone.booking.Studio.expect;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.FreshDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every transition publishes its event through Spring Modulith's publication registry: stored with
 * the transaction, delivered to listeners after commit, marked completed once they ran.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "roomtone.multi-studio=true",
            "roomtone.operator-email=" + Api.OPERATOR_EMAIL,
            "roomtone.operator-password=" + Api.OPERATOR_PASSWORD
        })
@ContextConfiguration(initializers = FreshDatabase.class)
@Import({Api.class, BookingEventsTests.Recorder.class})
class BookingEventsTests {

    /** A listener like the ones notifications and calendars will have. */
    @TestConfiguration
    static class Recorder {
        final List<Object> received = new CopyOnWriteArrayList<>();

        @Bean
        Listener listener() {
            return new Listener(received);
        }
    }

    static class Listener {
        private final List<Object> received;

        Listener(List<Object> received) {
            this.received = received;
        }

        @ApplicationModuleListener
        void on(BookingEvents.BookingRequested event) {
            received.add(event);
        }

        @ApplicationModuleListener
        void on(BookingEvents.BookingApproved event) {
            received.add(event);
        }

        @ApplicationModuleListener
        void on(BookingEvents.BookingRescheduled event) {
            received.add(event);
        }

        @ApplicationModuleListener
        void on(BookingEvents.BookingCanceled event) {
            received.add(event);
        }

        @ApplicationModuleListener
        void on(BookingEvents.HoldPlaced event) {
            received.add(event);
        }
    }

    @Autowired
    Api api;

    @Autowired
    Recorder recorder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void transitionsPublishTheirEventsThroughTheRegistry() throws Exception {
        Studio studio = new Studio(api);
        studio.open(true);
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String client = studio.client();
        String owner = studio.owner();

        expect(api.post("/api/holds", json("room_id", room, "start_at", at(5, 8), "end_at", at(5, 9)), client), 201);
        String id = studio.book(booking(room, service, at(5, 10), at(5, 11)), client);
        expect(api.post("/api/admin/bookings/" + id + "/approve", json("message", "ok"), owner), 200);
        expect(
                api.post(
                        "/api/bookings/" + id + "/reschedule",
                        json("new_start_at", at(5, 12), "new_end_at", at(5, 13)),
                        client),
                200);
        expect(api.post("/api/bookings/" + id + "/cancel", "{}", client), 200);

        await(() -> recorder.received.size() >= 5);
        assertThat(recorder.received)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactlyInAnyOrder(
                        "HoldPlaced", "BookingRequested", "BookingApproved", "BookingRescheduled", "BookingCanceled");
        BookingEvents.BookingRequested requested = recorder.received.stream()
                .filter(BookingEvents.BookingRequested.class::isInstance)
                .map(BookingEvents.BookingRequested.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(requested.bookingId().toString()).isEqualTo(id);
        assertThat(requested.status()).isEqualTo(BookingStatus.AWAITING_APPROVAL);
        await(() -> jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NOT NULL")
                        .query(Long.class)
                        .single()
                >= 5);
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE '%BookingRequested'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
