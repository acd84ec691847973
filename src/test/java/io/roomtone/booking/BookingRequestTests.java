package io.roomtone.booking;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A client asks for a session; the studio's settings decide whether it is confirmed at once. */
@RoomtoneTest
class BookingRequestTests {

    @Autowired
    Api api;

    TestStudio studio;

    @BeforeEach
    void createStudio() {
        studio = new TestStudio(api);
    }

    @Test
    void aRequestAwaitsTheStudiosApprovalUnderAShortCode() {
        studio.openWithApproval();
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();

        BookedView booked = studio.book(booking(room, service, at(3, 10), at(3, 12)), studio.client());

        assertThat(booked.status()).isEqualTo("awaiting_approval");
        assertThat(booked.code()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(booked.clientSecret()).isNull();
    }

    @Test
    void withoutApprovalRequiredABookingIsConfirmedAtOnce() {
        studio.openWithoutApproval();
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();

        BookedView booked = studio.book(booking(room, service, at(6, 16), at(6, 17)), studio.client());

        assertThat(booked.status()).isEqualTo("confirmed");
    }
}
