package io.roomtone.booking;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.HoldRequest.hold;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.AccountMailbox;
import io.roomtone.support.Api;
import io.roomtone.support.FreshDatabase;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every transition publishes its event through Spring Modulith's publication registry: stored with
 * the transaction, delivered to listeners after commit, marked completed once they ran.
 *
 * <p>Each test drives the studio over HTTP as the stimulus of a {@link Scenario}, which waits for
 * the event (or for the listeners' state) instead of polling. The stimuli are functions of the
 * scenario's transaction operations that do not use them: the requests run in the server's own
 * transactions, and the test thread must not hold one open meanwhile.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "roomtone.multi-studio=true",
            "roomtone.operator-email=" + Api.OPERATOR_EMAIL,
            "roomtone.operator-password=" + Api.OPERATOR_PASSWORD
        })
@ContextConfiguration(initializers = FreshDatabase.class)
@Import({Api.class, AccountMailbox.class, BookingEventsTests.Recorder.class})
@EnableScenarios
class BookingEventsTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** A listener like the ones notifications and calendars will have; it keeps what it heard by studio. */
    @TestConfiguration
    static class Recorder {
        final Map<UUID, List<Object>> received = new ConcurrentHashMap<>();

        @Bean
        Listener listener() {
            return new Listener(received);
        }

        List<String> heardAt(TestStudio studio) {
            return received.getOrDefault(UUID.fromString(studio.id()), List.of()).stream()
                    .map(e -> e.getClass().getSimpleName())
                    .toList();
        }
    }

    static class Listener {
        private final Map<UUID, List<Object>> received;

        Listener(Map<UUID, List<Object>> received) {
            this.received = received;
        }

        private void heard(UUID studioId, Object event) {
            received.computeIfAbsent(studioId, id -> new CopyOnWriteArrayList<>())
                    .add(event);
        }

        @ApplicationModuleListener
        void on(BookingEvents.BookingRequested event) {
            heard(event.studioId(), event);
        }

        @ApplicationModuleListener
        void on(BookingEvents.BookingApproved event) {
            heard(event.studioId(), event);
        }

        @ApplicationModuleListener
        void on(BookingEvents.BookingRescheduled event) {
            heard(event.studioId(), event);
        }

        @ApplicationModuleListener
        void on(BookingEvents.BookingCanceled event) {
            heard(event.studioId(), event);
        }

        @ApplicationModuleListener
        void on(BookingEvents.HoldPlaced event) {
            heard(event.studioId(), event);
        }
    }

    /** What the registry holds about one studio's events. */
    record Publications(long completed, long bookingRequested) {}

    /** What the recorder heard at one studio, and what the registry holds about it. */
    record Delivery(List<String> heard, Publications publications) {}

    @Autowired
    Api api;

    @Autowired
    Recorder recorder;

    @Autowired
    JdbcClient jdbc;

    TestStudio studio;
    UUID studioId;
    String room;
    String service;
    String client;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        studioId = UUID.fromString(studio.id());
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        client = studio.client();
    }

    private String requestAt(int hour) {
        return studio.book(booking(room, service, at(5, hour), at(5, hour + 1)), client)
                .bookingId();
    }

    private Publications publications() {
        String studioInEvent = "%" + studioId + "%";
        return new Publications(
                jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NOT NULL"
                                + " AND serialized_event LIKE ?")
                        .param(studioInEvent)
                        .query(Long.class)
                        .single(),
                // the most publications any one listener got of the request: once each, however many listen
                jdbc.sql("SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM event_publication"
                                + " WHERE event_type LIKE '%BookingRequested' AND serialized_event LIKE ?"
                                + " GROUP BY listener_id) per_listener")
                        .param(studioInEvent)
                        .query(Long.class)
                        .single());
    }

    @Test
    void placingAHoldPublishesHoldPlaced(Scenario scenario) {
        scenario.stimulate(tx -> studio.hold(hold(room, at(5, 8), at(5, 9)), client))
                .andWaitAtMost(PATIENCE)
                .andWaitForEventOfType(BookingEvents.HoldPlaced.class)
                .matching(event -> event.studioId().equals(studioId))
                .toArriveAndVerify((event, held) -> {
                    assertThat(event.holdId().toString()).isEqualTo(held.holdId());
                    assertThat(event.startAt().toString()).isEqualTo(at(5, 8));
                });
    }

    @Test
    void aRequestPublishesBookingRequestedAwaitingApproval(Scenario scenario) {
        scenario.stimulate(tx -> requestAt(10))
                .andWaitAtMost(PATIENCE)
                .andWaitForEventOfType(BookingEvents.BookingRequested.class)
                .matching(event -> event.studioId().equals(studioId))
                .toArriveAndVerify((event, id) -> {
                    assertThat(event.bookingId().toString()).isEqualTo(id);
                    assertThat(event.status()).isEqualTo(BookingStatus.AWAITING_APPROVAL);
                });
    }

    @Test
    void anApprovalPublishesBookingApprovedWithTheStudiosMessage(Scenario scenario) {
        String id = requestAt(10);

        scenario.stimulate(tx -> studio.approve(id, "See you!"))
                .andWaitAtMost(PATIENCE)
                .andWaitForEventOfType(BookingEvents.BookingApproved.class)
                .matchingMappedValue(event -> event.bookingId().toString(), id)
                .toArriveAndVerify(event -> assertThat(event.message()).isEqualTo("See you!"));
    }

    @Test
    void aMovePublishesBookingRescheduledFromTheOldSlotToTheNew(Scenario scenario) {
        String id = requestAt(10);

        scenario.stimulate(tx -> studio.reschedule(id, at(5, 12), at(5, 13), client))
                .andWaitAtMost(PATIENCE)
                .andWaitForEventOfType(BookingEvents.BookingRescheduled.class)
                .matchingMappedValue(event -> event.bookingId().toString(), id)
                .toArriveAndVerify(event -> {
                    assertThat(event.previousStartAt().toString()).isEqualTo(at(5, 10));
                    assertThat(event.startAt().toString()).isEqualTo(at(5, 12));
                });
    }

    @Test
    void aCancellationPublishesBookingCanceledWithItsRefund(Scenario scenario) {
        String id = requestAt(10);

        scenario.stimulate(tx -> studio.cancel(id, "Band split up", client))
                .andWaitAtMost(PATIENCE)
                .andWaitForEventOfType(BookingEvents.BookingCanceled.class)
                .matchingMappedValue(event -> event.bookingId().toString(), id)
                .toArriveAndVerify((event, canceled) -> {
                    assertThat(event.reason()).isEqualTo("Band split up");
                    assertThat(event.refundPercent()).isEqualTo(canceled.refundPercent());
                });
    }

    @Test
    void aBookingsDayReachesItsListenersAfterCommitAndTheRegistryMarksItDone(Scenario scenario) {
        scenario.stimulate(tx -> {
                    studio.hold(hold(room, at(5, 8), at(5, 9)), client);
                    String id = requestAt(10);
                    studio.approve(id, "ok");
                    studio.reschedule(id, at(5, 12), at(5, 13), client);
                    studio.cancel(id, null, client);
                    return id;
                })
                .andWaitAtMost(PATIENCE)
                .andWaitForStateChange(
                        () -> new Delivery(recorder.heardAt(studio), publications()),
                        delivery -> delivery.heard().size() >= 5
                                && delivery.publications().completed() >= 5)
                .andVerify(delivery -> {
                    assertThat(delivery.heard())
                            .containsExactlyInAnyOrder(
                                    "HoldPlaced",
                                    "BookingRequested",
                                    "BookingApproved",
                                    "BookingRescheduled",
                                    "BookingCanceled");
                    assertThat(delivery.publications().bookingRequested()).isEqualTo(1);
                });
    }
}
