package io.roomtone.booking;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.MyBookingsView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import io.roomtone.support.TestStudio.Engineer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** A booking is its client's, its engineers' and the studio's business, and nobody else's. */
@RoomtoneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingAccessTests {

    @Autowired
    Api api;

    TestStudio studio;
    Engineer engineer;
    String client;
    String id;

    /**
     * A client books a recording session with the engineer they chose. The tests only look at it (or
     * are refused), so they share it.
     */
    @BeforeAll
    void bookASessionWithAnEngineer() {
        studio = new TestStudio(api).openWithApproval();
        String room = studio.room("tracking");
        String service = studio.service()
                .inRoomsTagged("tracking")
                .withEngineerSkilled("recording")
                .create();
        engineer = studio.engineer("recording");
        client = studio.client();
        id = studio.book(booking(room, service, at(6, 10), at(6, 11)).withStaff(engineer.id()), client)
                .bookingId();
    }

    @Test
    void theClientSeesTheEngineerTheyChose() {
        assertThat(studio.booking(id, client).staffIds()).first().isEqualTo(engineer.id());
    }

    @Test
    void theEngineerWorkingTheSessionSeesIt() {
        api.get("/api/bookings/" + id, engineer.token()).expect(200);
    }

    @Test
    void anotherEngineerDoesNotSeeIt() {
        Engineer idle = studio.engineer("recording");

        api.get("/api/bookings/" + id, idle.token()).expect(404);
    }

    @Test
    void anotherClientNeitherSeesNorCancelsIt() {
        api.get("/api/bookings/" + id, studio.client()).expect(404);
        api.post("/api/bookings/" + id + "/cancel", "{}", studio.client()).expect(404);
    }

    @Test
    void anotherStudioDoesNotSeeIt() {
        api.get("/api/bookings/" + id, api.newStudio().ownerToken()).expect(404);
    }

    @Test
    void theClientFindsItAmongTheirUpcomingSessions() {
        MyBookingsView mine = api.get("/api/me/bookings", client).expect(200).as(MyBookingsView.class);

        assertThat(mine.upcomingIds()).containsExactly(id);
        assertThat(mine.past()).isEmpty();
    }
}
