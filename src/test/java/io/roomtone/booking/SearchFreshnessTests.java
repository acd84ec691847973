package io.roomtone.booking;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Searches are cached, yet the next search after any change shows it. */
@RoomtoneTest
class SearchFreshnessTests {

    @Autowired
    Api api;

    TestStudio studio;
    String room;
    String service;

    /** A first search fills the cache for day 24. */
    @BeforeEach
    void openStudioAndSearchOnce() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        assertThat(studio.slotStarts(room, service, 24)).contains(at(24, 10));
    }

    @Test
    void aClosedRoomVanishesFromTheNextSearch() {
        studio.closeRoom(room, at(24, 8), at(24, 13), "Flooded");

        assertThat(studio.slotStarts(room, service, 24))
                .doesNotContain(at(24, 10))
                .contains(at(24, 14));
    }

    @Test
    void aBookedSlotVanishesFromTheNextSearch() {
        assertThat(studio.slotStarts(room, service, 24)).contains(at(24, 14));

        studio.book(booking(room, service, at(24, 14), at(24, 15)), studio.client());

        assertThat(studio.slotStarts(room, service, 24)).doesNotContain(at(24, 14));
    }
}
