package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingView;
import io.roomtone.support.MovableClock;
import io.roomtone.support.MyBookingsView;
import io.roomtone.support.RescheduledView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SlotsView;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.TestPropertySource;

/** The two ends studios needed: requests that expire undecided, and confirmed sessions nobody came to. */
@RoomtoneTest
// the tests run the timeouts themselves, at the moments they choose; the job must not beat them to it
@TestPropertySource(properties = "roomtone.booking.completion-interval=PT1H")
class BookingStatesTests {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }

        @Bean
        Published published() {
            return new Published();
        }
    }

    /** The events as published, in the transaction of their move. */
    static class Published {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(BookingEvents.BookingExpired event) {
            events.add(event);
        }

        @EventListener
        void on(BookingEvents.BookingNoShow event) {
            events.add(event);
        }

        long count(Class<?> type, String bookingId) {
            return events.stream()
                    .filter(type::isInstance)
                    .filter(e -> e.toString().contains(bookingId))
                    .count();
        }
    }

    @Autowired
    Published events;

    @Autowired
    Api api;

    @Autowired
    MovableClock clock;

    @Autowired
    BookingTimeouts timeouts;

    TestStudio studio;
    String owner;
    String room;
    String service;

    @BeforeEach
    void openStudio() {
        clock.reset();
        studio = new TestStudio(api).openWithApproval();
        owner = studio.owner();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        settings("approval_deadline_hours", 24);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRequestNotDecidedBeforeItsDeadlineExpiresAndFreesItsSlot() {
        String client = studio.client();
        String start = at(3, 10);
        BookedView requested = studio.book(booking(room, service, start, at(3, 11)), client);
        String id = requested.bookingId();
        Instant due = Instant.parse(requested.decisionDueAt());
        assertThat(due).isEqualTo(Instant.parse(start).minus(Duration.ofHours(24)));

        clock.moveTo(due.minusSeconds(60));
        timeouts.run();
        assertThat(status(id, client)).isEqualTo("awaiting_approval");

        clock.moveTo(due.plusSeconds(1));
        timeouts.run();

        assertThat(status(id, client)).isEqualTo("expired");
        assertThat(events.count(BookingEvents.BookingExpired.class, id)).isEqualTo(1);
        Response approve = api.post("/api/admin/bookings/" + id + "/approve", "{}", owner);
        approve.expect(409);
        assertThat(approve.problem().detail()).contains("expired");
        // the slot is free again: the studio books it for someone else
        studio.request(
                        booking(room, service, start, at(3, 11))
                                .forClient(studio.userId(studio.client()))
                                .overridingRules(),
                        owner)
                .expect(201);
        timeouts.run();
        assertThat(events.count(BookingEvents.BookingExpired.class, id))
                .as("expires once")
                .isEqualTo(1);
    }

    @Test
    void theStudioCannotApproveOnceTheDecisionDeadlineHasPassedEvenBeforeTheJobRuns() {
        String client = studio.client();
        BookedView requested = studio.book(booking(room, service, at(3, 10), at(3, 11)), client);
        String id = requested.bookingId();
        clock.moveTo(Instant.parse(requested.decisionDueAt()));

        Response approve = api.post("/api/admin/bookings/" + id + "/approve", "{}", owner);

        approve.expect(409);
        assertThat(approve.problem().code()).isEqualTo("invalid_transition");
        assertThat(status(id, client)).isEqualTo("awaiting_approval");
    }

    @Test
    void slotsInsideTheDecisionWindowCannotBeRequested() {
        settings("approval_deadline_hours", 72);

        Response tooSoon = studio.request(booking(room, service, at(2, 10), at(2, 11)), studio.client());

        tooSoon.expect(400);
        assertThat(tooSoon.problem().fields()).contains("start_at");
        JsonSlots.assertNone(api, studio, room, 2);
    }

    @Test
    void theStudioMarksANoShowOnlyOnceTheSessionHasStartedAndItStaysInTheClientsHistory() {
        String client = studio.client();
        String clientId = studio.userId(client);
        String start = at(3, 10);
        String id = studio.book(booking(room, service, start, at(3, 11)).forClient(clientId), owner)
                .bookingId();
        assertThat(status(id, client))
                .as("the studio's own booking needs no approval")
                .isEqualTo("confirmed");

        Response early = api.post("/api/admin/bookings/" + id + "/no-show", "{}", owner);
        early.expect(409);

        clock.moveTo(Instant.parse(start).plus(Duration.ofMinutes(20)));
        Response marked =
                api.post("/api/admin/bookings/" + id + "/no-show", "{}", owner).expect(200);

        assertThat(marked.as(BookingView.class).status()).isEqualTo("no_show");
        assertThat(events.count(BookingEvents.BookingNoShow.class, id)).isEqualTo(1);
        assertThat(api.get("/api/admin/bookings?client_id=" + clientId + "&status=no_show", owner)
                        .expect(200)
                        .asListOf(BookingView.class))
                .extracting(BookingView::id)
                .containsExactly(id);
        assertThat(api.get("/api/me/bookings", client).as(MyBookingsView.class).past())
                .extracting(BookingView::id)
                .contains(id);
        api.post("/api/admin/bookings/" + id + "/no-show", "{}", client).expect(403);
        api.post("/api/admin/bookings/" + id + "/no-show", "{}", owner).expect(409, "twice");
    }

    @Test
    void aCompletedSessionCanStillBeMarkedANoShow() {
        String client = studio.client();
        String id = studio.book(booking(room, service, at(2, 10), at(2, 11)).forClient(studio.userId(client)), owner)
                .bookingId();
        clock.moveTo(Instant.parse(at(2, 12)));
        timeouts.run();
        assertThat(status(id, client)).isEqualTo("completed");

        api.post("/api/admin/bookings/" + id + "/no-show", "{}", owner).expect(200);

        assertThat(status(id, client)).isEqualTo("no_show");
    }

    @Test
    void aClientsRescheduleAwaitsApprovalAgainUnlessTheStudioAllowsFreeMoves() {
        String client = studio.client();
        String id = studio.book(booking(room, service, at(4, 10), at(4, 11)), client)
                .bookingId();
        api.post("/api/admin/bookings/" + id + "/approve", "{}", owner).expect(200);

        Response moved = api.post(
                        "/api/bookings/" + id + "/reschedule",
                        json("new_start_at", at(5, 10), "new_end_at", at(5, 11)),
                        client)
                .expect(200);

        assertThat(moved.as(RescheduledView.class).booking().status()).isEqualTo("awaiting_approval");
        assertThat(moved.as(RescheduledView.class).booking().decisionDueAt())
                .isEqualTo(Instant.parse(at(5, 10)).minus(Duration.ofHours(24)).toString());
        // the old slot is free, the new one held
        String other = studio.userId(studio.client());
        studio.request(booking(room, service, at(4, 10), at(4, 11)).forClient(other), owner)
                .expect(201);
        studio.request(booking(room, service, at(5, 10), at(5, 11)).forClient(other), owner)
                .expect(409);

        api.post("/api/admin/bookings/" + id + "/approve", "{}", owner).expect(200);
        settings("reschedule_without_approval", true);
        Response free = api.post(
                        "/api/bookings/" + id + "/reschedule",
                        json("new_start_at", at(6, 10), "new_end_at", at(6, 11)),
                        client)
                .expect(200);
        assertThat(free.as(RescheduledView.class).booking().status()).isEqualTo("confirmed");

        settings("reschedule_without_approval", false);
        Response byStudio = api.post(
                        "/api/bookings/" + id + "/reschedule",
                        json("new_start_at", at(7, 10), "new_end_at", at(7, 11)),
                        owner)
                .expect(200);
        assertThat(byStudio.as(RescheduledView.class).booking().status()).isEqualTo("confirmed");
    }

    private void settings(String field, Object value) {
        api.patch("/api/admin/settings", json(field, value), owner).expect(200);
    }

    private String status(String id, String token) {
        return studio.booking(id, token).status();
    }

    /** Searches the day {@code daysAhead} and asserts it offers nothing in {@code room}. */
    static final class JsonSlots {
        static void assertNone(Api api, TestStudio studio, String room, int daysAhead) {
            Response found = studio.anonymous(
                            "/api/availability/search",
                            json(
                                    "date",
                                    Instant.parse(at(daysAhead, 12))
                                            .atZone(TestStudio.ZONE)
                                            .toLocalDate()
                                            .toString(),
                                    "duration_min",
                                    60,
                                    "room_id",
                                    room))
                    .expect(200);
            assertThat(found.as(SlotsView.class).slots()).isEmpty();
        }
    }
}
