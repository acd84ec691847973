package io.roomtone.booking;

import static io.roomtone.booking.Studio.at;
import static io.roomtone.booking.Studio.booking;
import static io.roomtone.booking.Studio.expect;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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

    Studio studio;

    @BeforeEach
    void openStudio() {
        studio = new Studio(api);
        studio.open(true);
    }

    @Test
    void staffIsReassignedOnlyToSkilledAndFreeEngineers() {
        String room = studio.room("tracking");
        String otherRoom = studio.room("tracking");
        String service = studio.service(true, "vocals", "tracking");
        Map<String, String> first = studio.engineer("vocals");
        Map<String, String> second = studio.engineer("vocals");
        Map<String, String> unskilled = studio.engineer("lighting");
        String owner = studio.owner();
        String id = expect(
                        api.post(
                                "/api/bookings",
                                booking(room, service, at(15, 10), at(15, 11), "staff_ids", List.of(first.get("id"))),
                                studio.client()),
                        201)
                .json()
                .get("booking_id")
                .asString();

        Response moved = api.post(
                "/api/admin/bookings/" + id + "/assign-staff", json("staff_ids", List.of(second.get("id"))), owner);

        expect(moved, 200);
        assertThat(moved.json().get("staff_ids").get(0).asString()).isEqualTo(second.get("id"));
        // the first engineer is free again, the second is not
        expect(
                api.post(
                        "/api/bookings",
                        booking(otherRoom, service, at(15, 10), at(15, 11), "staff_ids", List.of(first.get("id"))),
                        studio.client()),
                201);
        Response busy = api.post(
                "/api/bookings",
                booking(
                        studio.room("tracking"),
                        service,
                        at(15, 10),
                        at(15, 11),
                        "staff_ids",
                        List.of(second.get("id"))),
                studio.client());
        assertThat(busy.status()).isEqualTo(409);
        Response wrongSkill = api.post(
                "/api/admin/bookings/" + id + "/assign-staff", json("staff_ids", List.of(unskilled.get("id"))), owner);
        assertThat(wrongSkill.status()).isEqualTo(400);
        assertThat(wrongSkill.json().at("/errors/0/field").asString()).isEqualTo("staff_ids");
        Response taken = api.post(
                "/api/admin/bookings/" + id + "/assign-staff", json("staff_ids", List.of(first.get("id"))), owner);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(api.get("/api/bookings/" + id, owner)
                        .json()
                        .get("staff_ids")
                        .get(0)
                        .asString())
                .isEqualTo(second.get("id"));
    }

    @Test
    void theCalendarBoardShowsBookingsAndHoldsPerRoomAndPerStaff() {
        String room = studio.room("tracking");
        String service = studio.service(true, "keys", "tracking");
        Map<String, String> engineer = studio.engineer("keys");
        String client = studio.client();
        String owner = studio.owner();
        String id = studio.book(booking(room, service, at(16, 10), at(16, 11)), client);
        String hold = expect(
                        api.post(
                                "/api/holds",
                                json(
                                        "room_id",
                                        room,
                                        "service_id",
                                        service,
                                        "start_at",
                                        at(16, 14),
                                        "end_at",
                                        at(16, 15)),
                                client),
                        201)
                .json()
                .get("hold_id")
                .asString();
        String query = "from=" + at(16, 0) + "&to=" + at(17, 0);

        JsonNode byRoom = expect(api.get("/api/admin/calendar?" + query + "&groupBy=room", owner), 200)
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
        JsonNode byStaff = expect(api.get("/api/admin/calendar?" + query + "&groupBy=staff", owner), 200)
                .json();
        assertThat(byStaff.get("group_by").asString()).isEqualTo("staff");
        JsonNode staffRow = byStaff.get("rows")
                .valueStream()
                .filter(r -> r.get("id").asString().equals(engineer.get("id")))
                .findFirst()
                .orElseThrow();
        assertThat(staffRow.get("entries").findValuesAsString("id")).contains(id, hold);

        assertThat(api.get("/api/admin/calendar?" + query + "&groupBy=moon", owner)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/admin/calendar?groupBy=room", owner).status()).isEqualTo(400);
        assertThat(api.get("/api/admin/calendar?from=" + at(1, 0) + "&to=" + at(90, 0), owner)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/admin/calendar?" + query, client).status()).isEqualTo(403);
    }

    @Test
    void confirmedSessionsThatEndedBecomeCompletedAndFreeTheirRoom() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String client = studio.client();
        String clientId = studio.userId(client);
        String owner = studio.owner();
        Instant hourStart = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String start = hourStart.minus(Duration.ofHours(3)).toString();
        String end = hourStart.minus(Duration.ofHours(2)).toString();
        String id = expect(
                        api.post(
                                "/api/bookings",
                                booking(room, service, start, end, "client_id", clientId, "override_rules", true),
                                owner),
                        201)
                .json()
                .get("booking_id")
                .asString();
        timeouts.run();

        assertThat(api.get("/api/bookings/" + id, client).json().get("status").asString())
                .isEqualTo("completed");
        JsonNode mine = api.get("/api/me/bookings", client).json();
        assertThat(mine.get("past").findValuesAsString("id")).contains(id);
        Response again = api.post("/api/bookings/" + id + "/cancel", "{}", client);
        assertThat(again.json().get("code").asString()).isEqualTo("invalid_transition");
        expect(
                api.post(
                        "/api/bookings",
                        booking(room, service, start, end, "client_id", clientId, "override_rules", true),
                        owner),
                201);
    }
}
