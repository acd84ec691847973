package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Audit;
import io.roomtone.support.BookingView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** At a studio that approves its bookings, the owner confirms or turns down each request. */
@RoomtoneTest
class BookingApprovalTests {

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

    private String request(int hour) {
        return studio.book(booking(room, service, at(5, hour), at(5, hour + 1)), client)
                .bookingId();
    }

    private Response reject(String id, String body) {
        return api.post("/api/admin/bookings/" + id + "/reject", body, studio.owner());
    }

    @Test
    void theStudioApprovesARequestAndItIsConfirmed() {
        String id = request(10);

        BookingView approved = studio.approve(id, "See you!");

        assertThat(approved.status()).isEqualTo("confirmed");
        assertThat(Audit.of(api, studio.owner(), "booking", id).actions())
                .contains("booking.requested", "booking.approved");
    }

    @Test
    void aBookingIsApprovedOnlyOnce() {
        String id = request(10);
        studio.approve(id, "See you!");

        Response twice = api.post("/api/admin/bookings/" + id + "/approve", json("message", "again"), studio.owner());

        assertThat(twice.expect(409).problem().code()).isEqualTo("invalid_transition");
    }

    @Test
    void turningARequestDownNeedsAReason() {
        String id = request(12);

        reject(id, "{}").expect(400);
    }

    @Test
    void aTurnedDownRequestFreesItsSlot() {
        String id = request(12);

        Response rejected = reject(id, json("reason", "Maintenance")).expect(200);

        assertThat(rejected.as(BookingView.class).status()).isEqualTo("rejected");
        assertThat(studio.slotStarts(room, service, 5)).contains(at(5, 12));
    }

    @Test
    void aTurnedDownRequestCannotBeCanceledAnyMore() {
        String id = request(12);
        reject(id, json("reason", "Maintenance")).expect(200);

        Response cancel = api.post("/api/bookings/" + id + "/cancel", "{}", client);

        assertThat(cancel.problem().code()).isEqualTo("invalid_transition");
    }

    @Test
    void theConfirmedListShowsApprovedRequestsButNotTurnedDownOnes() {
        String approved = request(10);
        String rejected = request(12);
        studio.approve(approved, "See you!");
        reject(rejected, json("reason", "Maintenance")).expect(200);

        assertThat(api.get("/api/admin/bookings?status=confirmed", studio.owner())
                        .expect(200)
                        .asListOf(BookingView.class))
                .extracting(BookingView::id)
                .contains(approved)
                .doesNotContain(rejected);
    }
}
