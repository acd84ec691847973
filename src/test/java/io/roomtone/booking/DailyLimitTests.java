package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A service the studio offers once a day (a portrait session): new bookings and moves both respect it. */
@RoomtoneTest
class DailyLimitTests {

    @Autowired
    Api api;

    TestStudio studio;
    String room;
    String portrait;
    String client;

    @BeforeEach
    void openStudioWithAOnceADayService() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        portrait = studio.service()
                .named("Portrait")
                .fixedPrice(5_000)
                .inRoomsTagged("vocal")
                .maxPerDay(1)
                .create();
        client = studio.client();
    }

    @Test
    void aSecondSessionThatDayIsRefused() {
        studio.book(booking(room, portrait, at(26, 10), at(26, 11)), client);

        assertThat(studio.request(booking(room, portrait, at(26, 14), at(26, 15)), client)
                        .problem()
                        .code())
                .isEqualTo("slot_unavailable");
    }

    @Test
    void aMoveIntoAFullDayIsRefused() {
        studio.book(booking(room, portrait, at(26, 10), at(26, 11)), client);
        String nextDay = studio.book(booking(room, portrait, at(27, 10), at(27, 11)), client)
                .bookingId();

        api.post(
                        "/api/bookings/" + nextDay + "/reschedule",
                        json("new_start_at", at(26, 14), "new_end_at", at(26, 15)),
                        client)
                .expect(409);
    }

    @Test
    void aMoveWithinItsOwnDayIsAllowed() {
        String id = studio.book(booking(room, portrait, at(26, 10), at(26, 11)), client)
                .bookingId();

        studio.reschedule(id, at(26, 15), at(26, 16), client);
    }
}
