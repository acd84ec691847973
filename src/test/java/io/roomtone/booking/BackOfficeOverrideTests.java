package io.roomtone.booking;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Audit;
import io.roomtone.support.BookedView;
import io.roomtone.support.MyBookingsView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The studio books for a client outside its own rules (a late session, a lockout over several
 * days), but never over another session.
 */
@RoomtoneTest
class BackOfficeOverrideTests {

    @Autowired
    Api api;

    TestStudio studio;
    String room;
    String service;
    String client;
    String clientId;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        client = studio.client();
        clientId = studio.userId(client);
    }

    private BookedView lateSessionForTheClient() {
        return studio.book(
                booking(room, service, at(10, 23), at(11, 0))
                        .forClient(clientId)
                        .overridingRules(),
                studio.owner());
    }

    @Test
    void anAdminBooksALateSessionForAClientWhoThenSeesIt() {
        BookedView late = lateSessionForTheClient();

        assertThat(api.get("/api/me/bookings", client).as(MyBookingsView.class).upcomingIds())
                .contains(late.bookingId());
    }

    @Test
    void anOverrideIsAudited() {
        BookedView late = lateSessionForTheClient();

        assertThat(Audit.of(api, studio.owner(), "booking", late.bookingId()).actions())
                .contains("booking.override_rules");
    }

    @Test
    void anOverrideNeverLandsOnAnotherSession() {
        lateSessionForTheClient();

        studio.request(
                        booking(room, service, at(10, 23), at(11, 0))
                                .forClient(clientId)
                                .overridingRules(),
                        studio.owner())
                .expect(409);
    }

    @Test
    void aLockoutLongerThanADayRefusesBookingsInItsMiddle() {
        studio.book(
                booking(room, service, at(20, 8), at(22, 20))
                        .forClient(clientId)
                        .overridingRules(),
                studio.owner());

        studio.request(booking(room, service, at(21, 15), at(21, 16)), studio.client())
                .expect(409);
    }

    @Test
    void aLockoutLongerThanADayLeavesNoSlotOnTheDaysItCovers() {
        studio.book(
                booking(room, service, at(20, 8), at(22, 20))
                        .forClient(clientId)
                        .overridingRules(),
                studio.owner());

        assertThat(studio.slots(room, service, 21)).isEmpty();
        assertThat(studio.slots(room, service, 23)).isNotEmpty();
    }
}
