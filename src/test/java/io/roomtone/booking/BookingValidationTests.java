package io.roomtone.booking;

import static io.roomtone.support.Api.UNKNOWN_ID;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.HoldRequest.hold;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.MyBookingsView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Requests the studio cannot honour are 4xx answers that name the field at fault, never server errors. */
@RoomtoneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingValidationTests {

    /** A bad request, built from the studio's room, service and add-on. */
    interface BadRequest {
        BookingRequest of(String room, String service, String addOn);
    }

    @Autowired
    Api api;

    TestStudio studio;
    String room;
    String service;
    String addOn;
    String client;

    /** Nothing here is ever booked or held, so the tests share one studio and one client. */
    @BeforeAll
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        addOn = studio.addOn(1_000);
        client = studio.client();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad(
                        "a session shorter than the service",
                        "end_at",
                        (room, service, addOn) -> booking(room, service, at(3, 10), at(3, 10, 30))),
                bad(
                        "an end before the start",
                        "end_at",
                        (room, service, addOn) -> booking(room, service, at(3, 11), at(3, 10))),
                bad(
                        "an add-on on its own",
                        "service_items",
                        (room, service, addOn) -> booking(room, addOn, at(3, 10), at(3, 11))),
                bad(
                        "a session before opening",
                        "start_at",
                        (room, service, addOn) -> booking(room, service, at(3, 3), at(3, 4))),
                bad(
                        "a session beyond the horizon",
                        "start_at",
                        (room, service, addOn) -> booking(room, service, at(400, 10), at(400, 11))),
                bad(
                        "a start off the slot grid",
                        "start_at",
                        (room, service, addOn) -> booking(room, service, at(3, 10, 7), at(3, 11, 7))),
                bad("an unknown client", "client_id", (room, service, addOn) -> booking(
                                room, service, at(3, 10), at(3, 11))
                        .forClient(UNKNOWN_ID)),
                bad(
                        "an unknown room",
                        "room_id",
                        (room, service, addOn) -> booking(UNKNOWN_ID, service, at(3, 10), at(3, 11))));
    }

    private static Arguments bad(String what, String field, BadRequest request) {
        return Arguments.of(what, field, request);
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @MethodSource("badRequests")
    void aBadRequestIsRefusedNamingItsFieldAndBooksNothing(String what, String field, BadRequest bad) {
        BookingRequest request = bad.of(room, service, addOn);

        assertThat(studio.request(request, client).expect(400).problem().field())
                .as(request.toString())
                .startsWith(field);
        assertThat(api.get("/api/me/bookings", client).as(MyBookingsView.class).upcoming())
                .isEmpty();
    }

    @Test
    void anAnonymousVisitorMustSignInToBook() {
        studio.request(booking(room, service, at(3, 10), at(3, 11)), null).expect(401);
    }

    @Test
    void aClientCannotOverrideTheStudiosRules() {
        studio.request(booking(room, service, at(10, 23), at(11, 0)).overridingRules(), client)
                .expect(400);
    }

    @Test
    void aSessionShorterThanAMinuteIsRefusedNamingItsEnd() {
        String end = Instant.parse(at(5, 10)).plusSeconds(30).toString();

        assertThat(api.post("/api/holds", hold(room, at(5, 10), end).json(), client)
                        .expect(400)
                        .problem()
                        .field())
                .isEqualTo("end_at");
    }

    @Test
    void aSessionEndingInTheYear10000IsRefused() {
        api.post("/api/holds", hold(room, at(5, 10), "+10000-01-01T00:00:00Z").json(), client)
                .expect(400);
    }

    @Test
    void aMissingStaffMemberInTheListIsRefusedNamingTheList() {
        String nullStaff = "{\"room_id\":\"" + room + "\",\"start_at\":\"" + at(5, 10) + "\",\"end_at\":\"" + at(5, 11)
                + "\",\"staff_ids\":[null]}";

        assertThat(api.post("/api/holds", nullStaff, client)
                        .expect(400)
                        .problem()
                        .field())
                .isEqualTo("staff_ids");
    }
}
