package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.RescheduledView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A client moves their session: the first move is free, later ones cost the studio's fee. */
@RoomtoneTest
class BookingRescheduleTests {

    @Autowired
    Api api;

    TestStudio studio;
    String room;
    String service;
    String client;
    String id;

    @BeforeEach
    void bookASessionAtAStudioWithOneFreeMove() {
        studio = new TestStudio(api)
                .openWithApproval()
                .updateSettings(
                        "reschedule_policy",
                        Map.of("free_min_hours_before", 24, "free_reschedules", 1, "fee_cents", 2_500));
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        client = studio.client();
        id = studio.book(booking(room, service, at(8, 10), at(8, 11)), client).bookingId();
    }

    @Test
    void theFirstMoveIsFreeAndReleasesTheOldSlot() {
        RescheduledView moved = studio.reschedule(id, at(8, 15), at(8, 16), client);

        assertThat(moved.feeCents()).isZero();
        assertThat(moved.booking().startAt()).isEqualTo(at(8, 15));
        assertThat(studio.slotStarts(room, service, 8)).contains(at(8, 10));
    }

    @Test
    void aMoveAfterTheFreeOneCostsTheFee() {
        studio.reschedule(id, at(8, 15), at(8, 16), client);

        RescheduledView second = studio.reschedule(id, at(8, 17), at(8, 18), client);

        assertThat(second.feeCents()).isEqualTo(2_500);
    }

    @Test
    void aMoveKeepsTheSessionsLength() {
        api.post(
                        "/api/bookings/" + id + "/reschedule",
                        json("new_start_at", at(8, 10), "new_end_at", at(8, 12)),
                        client)
                .expect(400);
    }
}
