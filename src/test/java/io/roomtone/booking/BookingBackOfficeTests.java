package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookingView;
import io.roomtone.support.HoldView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import io.roomtone.support.TestStudio.Engineer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What the studio does with bookings: staffing, the calendar board, and sessions that end. */
@RoomtoneTest
class BookingBackOfficeTests {

    @Autowired
    Api api;

    @Autowired
    BookingTimeouts timeouts;

    TestStudio studio;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
    }

    @Test
    void staffIsReassignedOnlyToSkilledAndFreeEngineers() {
        String room = studio.room("tracking");
        String otherRoom = studio.room("tracking");
        String service = studio.service()
                .inRoomsTagged("tracking")
                .withEngineerSkilled("vocals")
                .create();
        Engineer first = studio.engineer("vocals");
        Engineer second = studio.engineer("vocals");
        Engineer unskilled = studio.engineer("lighting");
        String owner = studio.owner();
        String id = studio.book(booking(room, service, at(15, 10), at(15, 11)).withStaff(first.id()), studio.client())
                .bookingId();

        Response moved =
                api.post("/api/admin/bookings/" + id + "/assign-staff", json("staff_ids", List.of(second.id())), owner);

        moved.expect(200);
        assertThat(moved.as(BookingView.class).staffIds().get(0)).isEqualTo(second.id());
        // the first engineer is free again, the second is not
        studio.request(booking(otherRoom, service, at(15, 10), at(15, 11)).withStaff(first.id()), studio.client())
                .expect(201);
        Response busy = studio.request(
                booking(studio.room("tracking"), service, at(15, 10), at(15, 11))
                        .withStaff(second.id()),
                studio.client());
        busy.expect(409);
        Response wrongSkill = api.post(
                "/api/admin/bookings/" + id + "/assign-staff", json("staff_ids", List.of(unskilled.id())), owner);
        wrongSkill.expect(400);
        assertThat(wrongSkill.problem().field()).isEqualTo("staff_ids");
        Response taken =
                api.post("/api/admin/bookings/" + id + "/assign-staff", json("staff_ids", List.of(first.id())), owner);
        taken.expect(409);
        assertThat(api.get("/api/bookings/" + id, owner)
                        .as(BookingView.class)
                        .staffIds()
                        .get(0))
                .isEqualTo(second.id());
    }

    @Test
    void theCalendarBoardShowsBookingsAndHoldsPerRoomAndPerStaff() {
        String room = studio.room("tracking");
        String service = studio.service()
                .inRoomsTagged("tracking")
                .withEngineerSkilled("keys")
                .create();
        Engineer engineer = studio.engineer("keys");
        String client = studio.client();
        String owner = studio.owner();
        String id = studio.book(booking(room, service, at(16, 10), at(16, 11)), client)
                .bookingId();
        String hold = api.post(
                        "/api/holds",
                        json("room_id", room, "service_id", service, "start_at", at(16, 14), "end_at", at(16, 15)),
                        client)
                .expect(201)
                .as(HoldView.class)
                .holdId();
        String query = "from=" + at(16, 0) + "&to=" + at(17, 0);

        JsonNode byRoom = api.get("/api/admin/calendar?" + query + "&groupBy=room", owner)
                .expect(200)
                .json();
        JsonNode row = byRoom.get("rows")
                .valueStream()
                .filter(r -> r.get("id").asString().equals(room))
                .findFirst()
                .orElseThrow();
        assertThat(row.get("entries").findValuesAsString("id")).containsExactly(id, hold);
        assertThat(row.get("entries").findValuesAsString("type")).containsExactly("booking", "hold");
        assertThat(row.get("entries").valueStream().map(e -> e.get("conflict").asBoolean()))
                .containsOnly(false);
        JsonNode byStaff = api.get("/api/admin/calendar?" + query + "&groupBy=staff", owner)
                .expect(200)
                .json();
        assertThat(byStaff.get("group_by").asString()).isEqualTo("staff");
        JsonNode staffRow = byStaff.get("rows")
                .valueStream()
                .filter(r -> r.get("id").asString().equals(engineer.id()))
                .findFirst()
                .orElseThrow();
        assertThat(staffRow.get("entries").findValuesAsString("id")).contains(id, hold);

        api.get("/api/admin/calendar?" + query + "&groupBy=moon", owner).expect(400);
        api.get("/api/admin/calendar?groupBy=room", owner).expect(400);
        api.get("/api/admin/calendar?from=" + at(1, 0) + "&to=" + at(90, 0), owner)
                .expect(400);
        api.get("/api/admin/calendar?" + query, client).expect(403);
    }

    @Test
    void confirmedSessionsThatEndedBecomeCompletedAndFreeTheirRoom() {
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        String client = studio.client();
        String clientId = studio.userId(client);
        String owner = studio.owner();
        Instant hourStart = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String start = hourStart.minus(Duration.ofHours(3)).toString();
        String end = hourStart.minus(Duration.ofHours(2)).toString();
        String id = studio.book(
                        booking(room, service, start, end).forClient(clientId).overridingRules(), owner)
                .bookingId();
        timeouts.run();

        assertThat(studio.booking(id, client).status()).isEqualTo("completed");
        JsonNode mine = api.get("/api/me/bookings", client).json();
        assertThat(mine.get("past").findValuesAsString("id")).contains(id);
        Response again = api.post("/api/bookings/" + id + "/cancel", "{}", client);
        assertThat(again.problem().code()).isEqualTo("invalid_transition");
        studio.request(booking(room, service, start, end).forClient(clientId).overridingRules(), owner)
                .expect(201);
    }
}
