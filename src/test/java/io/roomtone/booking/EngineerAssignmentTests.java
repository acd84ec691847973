package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import io.roomtone.support.TestStudio.Engineer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sessions that need an engineer get one, and an engineer with sessions ahead stays on the team. */
@RoomtoneTest
class EngineerAssignmentTests {

    @Autowired
    Api api;

    TestStudio studio;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
    }

    @Test
    void anEngineerIsAssignedAutomaticallyWhenTheServiceNeedsOne() {
        String room = studio.room("tracking");
        String service = studio.service()
                .inRoomsTagged("tracking")
                .withEngineerSkilled("mastering")
                .create();
        Engineer engineer = studio.engineer("mastering");

        BookedView booked = studio.book(booking(room, service, at(7, 10), at(7, 11)), studio.client());

        assertThat(studio.booking(booked.bookingId(), studio.owner()).staffIds())
                .first()
                .isEqualTo(engineer.id());
    }

    @Test
    void aSessionNeedingAnEngineerIsRefusedWhenNoneIsFree() {
        String service = studio.service()
                .inRoomsTagged("tracking")
                .withEngineerSkilled("mastering")
                .create();
        studio.engineer("mastering");
        studio.book(booking(studio.room("tracking"), service, at(7, 10), at(7, 11)), studio.client());

        Response nobodyLeft =
                studio.request(booking(studio.room("tracking"), service, at(7, 10), at(7, 11)), studio.client());

        assertThat(nobodyLeft.expect(409).problem().code()).isEqualTo("slot_unavailable");
    }

    @Test
    void anEngineerCannotBeDeactivatedWhileASessionIsAhead() {
        String room = studio.room("tracking");
        String service = studio.service()
                .inRoomsTagged("tracking")
                .withEngineerSkilled("recording")
                .create();
        Engineer engineer = studio.engineer("recording");
        BookedView booked =
                studio.book(booking(room, service, at(6, 10), at(6, 11)).withStaff(engineer.id()), studio.client());

        Response deactivate = api.patch("/api/admin/staff/" + engineer.id(), json("active", false), studio.owner());

        assertThat(deactivate.expect(409).body()).contains(booked.code());
    }
}
