package io.roomtone.booking;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.CancellationView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A client calls off a session: the tiered policy decides the refund, and the slot is free again. */
@RoomtoneTest
class BookingCancellationTests {

    @Autowired
    Api api;

    TestStudio studio;
    String room;
    String service;
    String client;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        client = studio.client();
    }

    /** Booked by the studio for the client (which may start at any time), from {@code start} for {@code hours}. */
    private String bookedByTheStudio(Instant start, int hours) {
        return studio.book(
                        booking(
                                        room,
                                        service,
                                        start.toString(),
                                        start.plusSeconds(hours * 3600L).toString())
                                .forClient(studio.userId(client))
                                .overridingRules(),
                        studio.owner())
                .bookingId();
    }

    @Test
    void cancellingWellAheadRefundsEverythingPaid() {
        String id = studio.book(booking(room, service, at(9, 10), at(9, 11)), client)
                .bookingId();

        CancellationView canceled = studio.cancel(id, "Band split up", client);

        assertThat(canceled.status()).isEqualTo("canceled");
        assertThat(canceled.refundPercent()).isEqualTo(100);
        assertThat(canceled.refundCents()).isZero(); // nothing paid yet
    }

    @Test
    void aCanceledSessionFreesItsSlot() {
        String id = studio.book(booking(room, service, at(9, 10), at(9, 11)), client)
                .bookingId();

        studio.cancel(id, "Band split up", client);

        assertThat(studio.slotStarts(room, service, 9)).contains(at(9, 10));
    }

    @Test
    void cancellingBetween24And48HoursAheadRefundsHalf() {
        String id = bookedByTheStudio(Instant.now().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.HOURS), 1);

        CancellationView canceled = studio.cancel(id, "Sick", client);

        assertThat(canceled.refundPercent()).isEqualTo(50);
    }

    @Test
    void aClientCannotCancelASessionThatHasStarted() {
        String id =
                bookedByTheStudio(Instant.now().truncatedTo(ChronoUnit.HOURS).minusSeconds(3600), 3);

        Response late = api.post("/api/bookings/" + id + "/cancel", "{}", client);

        assertThat(late.expect(409).problem().code()).isEqualTo("invalid_transition");
    }

    @Test
    void theStudioMayCancelASessionThatHasStarted() {
        String id =
                bookedByTheStudio(Instant.now().truncatedTo(ChronoUnit.HOURS).minusSeconds(3600), 3);

        studio.cancel(id, "Power cut", studio.owner());
    }
}
