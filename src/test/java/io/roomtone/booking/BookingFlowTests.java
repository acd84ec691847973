package io.roomtone.booking;

import static io.roomtone.booking.Studio.at;
import static io.roomtone.booking.Studio.booking;
import static io.roomtone.booking.Studio.expect;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@RoomtoneTest
class BookingFlowTests {

    @Autowired
    Api api;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    Studio studio;

    @BeforeEach
    void openStudio() {
        studio = new Studio(api);
        studio.open(true);
    }

    private List<JsonNode> slots(String roomId, String serviceId, int daysAhead) {
        String date = java.time.LocalDate.now(Studio.ZONE).plusDays(daysAhead).toString();
        Response response = studio.anonymous(
                "/api/availability/search",
                json("date", date, "duration_min", 60, "service_id", serviceId, "room_id", roomId));
        expect(response, 200);
        return response.json().get("slots").valueStream().toList();
    }

    @Test
    void quoteAndBookingAgreeOnThePriceComputedOnTheServer() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String addOn = studio.addOn(2_500);

        Response quote = studio.anonymous(
                "/api/quote",
                json(
                        "room_id",
                        room,
                        "service_id",
                        service,
                        "start_at",
                        at(3, 10),
                        "duration_min",
                        120,
                        "add_ons",
                        List.of(Map.of("service_id", addOn, "qty", 2))));

        expect(quote, 200);
        // 2 blocks of 100.00 + 2 x 25.00 = 250.00; 13 % tax = 32.50; total 282.50; deposit 25 % = 70.63 (half-up)
        assertThat(quote.json().get("subtotal_cents").asLong()).isEqualTo(25_000);
        assertThat(quote.json().get("taxes_cents").asLong()).isEqualTo(3_250);
        assertThat(quote.json().get("total_cents").asLong()).isEqualTo(28_250);
        assertThat(quote.json().get("deposit_cents").asLong()).isEqualTo(7_063);
        assertThat(quote.json().get("currency").asString()).isEqualTo("CAD");
        assertThat(quote.json().get("policy_summary").asString()).contains("48 h");

        String client = studio.client();
        Response booked = api.post(
                "/api/bookings",
                json(
                        "room_id",
                        room,
                        "start_at",
                        at(3, 10),
                        "end_at",
                        at(3, 12),
                        "service_items",
                        List.of(Map.of("service_id", service, "qty", 1), Map.of("service_id", addOn, "qty", 2))),
                client);
        expect(booked, 201);
        assertThat(booked.json().get("total_cents").asLong()).isEqualTo(28_250);
        assertThat(booked.json().get("deposit_cents").asLong()).isEqualTo(7_063);
        assertThat(booked.json().get("status").asString()).isEqualTo("awaiting_approval");
        assertThat(booked.json().get("code").asString()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(booked.json().get("client_secret").isNull()).isTrue();
    }

    @Test
    void aHoldTakesTheSlotForEveryoneElseUntilItsHolderBooksIt() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String holder = studio.client();
        String other = studio.client();
        assertThat(slots(room, service, 4))
                .anyMatch(s -> s.get("start_at").asString().equals(at(4, 14)));

        Response hold = api.post(
                "/api/holds",
                json("room_id", room, "start_at", at(4, 14), "end_at", at(4, 15), "service_id", service),
                holder);

        expect(hold, 201);
        assertThat(hold.json().get("expires_at").asString()).isNotBlank();
        assertThat(slots(room, service, 4))
                .noneMatch(s -> s.get("start_at").asString().equals(at(4, 14)));
        Response stolen = api.post("/api/bookings", booking(room, service, at(4, 14), at(4, 15)), other);
        assertThat(stolen.status()).isEqualTo(409);
        assertThat(stolen.json().get("code").asString()).isEqualTo("slot_unavailable");
        Response converted = api.post(
                "/api/bookings",
                booking(
                        room,
                        service,
                        at(4, 14),
                        at(4, 15),
                        "hold_id",
                        hold.json().get("hold_id").asString()),
                holder);
        expect(converted, 201);
        Response again = api.post(
                "/api/bookings",
                booking(
                        room,
                        service,
                        at(4, 14),
                        at(4, 15),
                        "hold_id",
                        hold.json().get("hold_id").asString()),
                holder);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void theStudioApprovesOrRejectsAndIllegalMovesAreRefused() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String client = studio.client();
        String owner = studio.owner();
        String first = studio.book(booking(room, service, at(5, 10), at(5, 11)), client);
        String second = studio.book(booking(room, service, at(5, 12), at(5, 13)), client);

        Response approved = api.post("/api/admin/bookings/" + first + "/approve", json("message", "See you!"), owner);
        expect(approved, 200);
        assertThat(approved.json().get("status").asString()).isEqualTo("confirmed");
        Response twice = api.post("/api/admin/bookings/" + first + "/approve", json("message", "again"), owner);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asString()).isEqualTo("invalid_transition");

        assertThat(api.post("/api/admin/bookings/" + second + "/reject", "{}", owner)
                        .status())
                .isEqualTo(400);
        Response rejected = api.post("/api/admin/bookings/" + second + "/reject", json("reason", "Maintenance"), owner);
        expect(rejected, 200);
        assertThat(rejected.json().get("status").asString()).isEqualTo("rejected");
        // the rejected slot is free again
        assertThat(slots(room, service, 5))
                .anyMatch(s -> s.get("start_at").asString().equals(at(5, 12)));
        assertThat(api.post("/api/bookings/" + second + "/cancel", "{}", client)
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("invalid_transition");

        assertThat(api.get("/api/admin/bookings?status=confirmed", owner).body())
                .contains(first)
                .doesNotContain(second);
        Response audit = api.get("/api/admin/audit?entity=booking&entity_id=" + first, owner);
        assertThat(audit.json().get("items").findValuesAsString("action"))
                .contains("booking.requested", "booking.approved");
    }

    @Test
    void clientsSeeOnlyTheirOwnBookingsAndStaffTheSessionsTheyWork() {
        String room = studio.room("tracking");
        String service = studio.service(true, "recording", "tracking");
        Map<String, String> engineer = studio.engineer("recording");
        Map<String, String> idle = studio.engineer("recording");
        String client = studio.client();
        Response booked = expect(
                api.post(
                        "/api/bookings",
                        booking(room, service, at(6, 10), at(6, 11), "staff_ids", List.of(engineer.get("id"))),
                        client),
                201);
        String id = booked.json().get("booking_id").asString();

        assertThat(api.get("/api/bookings/" + id, client)
                        .json()
                        .get("staff_ids")
                        .get(0)
                        .asString())
                .isEqualTo(engineer.get("id"));
        assertThat(api.get("/api/bookings/" + id, engineer.get("token")).status())
                .isEqualTo(200);
        assertThat(api.get("/api/bookings/" + id, idle.get("token")).status()).isEqualTo(404);
        assertThat(api.get("/api/bookings/" + id, studio.client()).status()).isEqualTo(404);
        assertThat(api.get("/api/bookings/" + id, api.newStudio().ownerToken()).status())
                .isEqualTo(404);
        assertThat(api.post("/api/bookings/" + id + "/cancel", "{}", studio.client())
                        .status())
                .isEqualTo(404);
        JsonNode mine = api.get("/api/me/bookings", client).json();
        assertThat(mine.get("upcoming").findValuesAsString("id")).containsExactly(id);
        assertThat(mine.get("past")).isEmpty();
        // the engineer cannot be deactivated while the session is ahead
        Response deactivate = api.put("/api/admin/staff/" + engineer.get("id"), json("active", false), studio.owner());
        assertThat(deactivate.status()).isEqualTo(409);
        assertThat(deactivate.body()).contains(booked.json().get("code").asString());
    }

    @Test
    void anEngineerIsAssignedAutomaticallyWhenTheServiceNeedsOne() {
        String room = studio.room("tracking");
        String service = studio.service(true, "mastering", "tracking");
        Map<String, String> engineer = studio.engineer("mastering");

        Response booked =
                expect(api.post("/api/bookings", booking(room, service, at(7, 10), at(7, 11)), studio.client()), 201);

        String id = booked.json().get("booking_id").asString();
        assertThat(api.get("/api/bookings/" + id, studio.owner())
                        .json()
                        .get("staff_ids")
                        .get(0)
                        .asString())
                .isEqualTo(engineer.get("id"));
        Response nobodyLeft = api.post(
                "/api/bookings", booking(studio.room("tracking"), service, at(7, 10), at(7, 11)), studio.client());
        assertThat(nobodyLeft.status()).isEqualTo(409);
        assertThat(nobodyLeft.json().get("code").asString()).isEqualTo("slot_unavailable");
    }

    @Test
    void rescheduleMovesTheBookingAndChargesAfterTheFreeMove() {
        expect(
                api.put(
                        "/api/admin/settings",
                        json(
                                "reschedule_policy",
                                Map.of("free_min_hours_before", 24, "free_reschedules", 1, "fee_cents", 2_500)),
                        studio.owner()),
                200);
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String client = studio.client();
        String id = studio.book(booking(room, service, at(8, 10), at(8, 11)), client);

        Response first = api.post(
                "/api/bookings/" + id + "/reschedule",
                json("new_start_at", at(8, 15), "new_end_at", at(8, 16)),
                client);
        expect(first, 200);
        assertThat(first.json().get("fee_cents").asLong()).isZero();
        assertThat(first.json().at("/booking/start_at").asString()).isEqualTo(at(8, 15));
        assertThat(slots(room, service, 8))
                .anyMatch(s -> s.get("start_at").asString().equals(at(8, 10)));
        Response second = api.post(
                "/api/bookings/" + id + "/reschedule",
                json("new_start_at", at(8, 17), "new_end_at", at(8, 18)),
                client);
        expect(second, 200);
        assertThat(second.json().get("fee_cents").asLong()).isEqualTo(2_500);
        Response longer = api.post(
                "/api/bookings/" + id + "/reschedule",
                json("new_start_at", at(8, 10), "new_end_at", at(8, 12)),
                client);
        assertThat(longer.status()).isEqualTo(400);
        expect(
                api.put(
                        "/api/admin/settings",
                        json(
                                "reschedule_policy",
                                Map.of("free_min_hours_before", 24, "free_reschedules", 1, "fee_cents", 0)),
                        studio.owner()),
                200);
    }

    @Test
    void cancellationAppliesTheTieredPolicyAndReleasesTheSlot() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String client = studio.client();
        String id = studio.book(booking(room, service, at(9, 10), at(9, 11)), client);

        Response canceled = api.post("/api/bookings/" + id + "/cancel", json("reason", "Band split up"), client);

        expect(canceled, 200);
        assertThat(canceled.json().get("status").asString()).isEqualTo("canceled");
        assertThat(canceled.json().get("refund_percent").asInt()).isEqualTo(100);
        assertThat(canceled.json().get("refund_cents").asLong()).isZero(); // nothing paid yet
        assertThat(slots(room, service, 9))
                .anyMatch(s -> s.get("start_at").asString().equals(at(9, 10)));
    }

    @Test
    void badBookingRequestsAre4xxNamingTheProblem() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String addOn = studio.addOn(1_000);
        String client = studio.client();

        Map<String, String> cases = Map.of(
                booking(room, service, at(3, 10), at(3, 10, 30)), "end_at",
                booking(room, service, at(3, 11), at(3, 10)), "end_at",
                booking(room, addOn, at(3, 10), at(3, 11)), "service_items",
                booking(room, service, at(3, 3), at(3, 4)), "start_at",
                booking(room, service, at(400, 10), at(400, 11)), "start_at",
                booking(room, service, at(3, 10, 7), at(3, 11, 7)), "start_at",
                booking(room, service, at(3, 10), at(3, 11), "client_id", "8d9b1c1e-0000-4000-8000-000000000000"),
                        "client_id",
                booking("8d9b1c1e-0000-4000-8000-000000000000", service, at(3, 10), at(3, 11)), "room_id");
        cases.forEach((body, field) -> {
            Response response = api.post("/api/bookings", body, client);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().at("/errors/0/field").asString())
                    .as(body)
                    .startsWith(field);
        });
        assertThat(api.get("/api/me/bookings", client).json().get("upcoming")).isEmpty();
        assertThat(api.post("/api/bookings", booking(room, service, at(3, 10), at(3, 11)), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anAdminMayBookOutsideHoursForAClientButNeverOverAnotherSession() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String client = studio.client();
        String clientId = studio.userId(client);
        String owner = studio.owner();

        Response late = api.post(
                "/api/bookings",
                booking(room, service, at(10, 23), at(11, 0), "client_id", clientId, "override_rules", true),
                owner);
        expect(late, 201);
        assertThat(api.get("/api/me/bookings", client).body())
                .contains(late.json().get("booking_id").asString());
        Response overlap = api.post(
                "/api/bookings",
                booking(room, service, at(10, 23), at(11, 0), "client_id", clientId, "override_rules", true),
                owner);
        assertThat(overlap.status()).isEqualTo(409);
        assertThat(api.post(
                                "/api/bookings",
                                booking(room, service, at(10, 23), at(11, 0), "override_rules", true),
                                client)
                        .status())
                .isEqualTo(400);
        assertThat(api.get(
                                "/api/admin/audit?entity=booking&entity_id="
                                        + late.json().get("booking_id").asString(),
                                owner)
                        .json()
                        .get("items")
                        .findValuesAsString("action"))
                .contains("booking.override_rules");
    }

    @Test
    void anExpiredHoldBlocksNothingWithoutAnyJobHavingRun() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String hold = expect(
                        api.post(
                                "/api/holds",
                                json(
                                        "room_id",
                                        room,
                                        "start_at",
                                        at(4, 16),
                                        "end_at",
                                        at(4, 17),
                                        "service_id",
                                        service),
                                studio.client()),
                        201)
                .json()
                .get("hold_id")
                .asString();
        // time passes: the hold's 15 minutes are over (only its expiry moves; no sweeper runs)
        io.roomtone.identity.Tenancy.runAs(
                java.util.UUID.fromString(studio.id()),
                () -> transactions.executeWithoutResult(tx -> {
                    jdbc.sql("UPDATE hold SET expires_at = now() - interval '1 minute' WHERE id = ?::uuid")
                            .param(hold)
                            .update();
                    assertThat(jdbc.sql(
                                            "UPDATE occupancy SET expires_at = now() - interval '1 minute' WHERE hold_id = ?::uuid")
                                    .param(hold)
                                    .update())
                            .isEqualTo(1);
                }));

        assertThat(slots(room, service, 4))
                .anyMatch(s -> s.get("start_at").asString().equals(at(4, 16)));
        expect(api.post("/api/bookings", booking(room, service, at(4, 16), at(4, 17)), studio.client()), 201);
    }

    @Test
    void withoutApprovalRequiredABookingIsConfirmedAtOnce() {
        studio.open(false);
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");

        Response booked = api.post("/api/bookings", booking(room, service, at(6, 16), at(6, 17)), studio.client());

        expect(booked, 201);
        assertThat(booked.json().get("status").asString()).isEqualTo("confirmed");
    }

    @Test
    void cancellingBetween24And48HoursAheadRefundsHalfOfTheTieredPolicy() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String client = studio.client();
        String clientId = studio.userId(client);
        java.time.Instant start = java.time.Instant.now()
                .plus(java.time.Duration.ofHours(30))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String id = expect(
                        api.post(
                                "/api/bookings",
                                booking(
                                        room,
                                        service,
                                        start.toString(),
                                        start.plusSeconds(3600).toString(),
                                        "client_id",
                                        clientId,
                                        "override_rules",
                                        true),
                                studio.owner()),
                        201)
                .json()
                .get("booking_id")
                .asString();

        Response canceled = api.post("/api/bookings/" + id + "/cancel", json("reason", "Sick"), client);

        expect(canceled, 200);
        assertThat(canceled.json().get("refund_percent").asInt()).isEqualTo(50);
    }

    @Test
    void aLockoutLongerThanADayBlocksItsWholeSpan() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String clientId = studio.userId(studio.client());
        expect(
                api.post(
                        "/api/bookings",
                        booking(room, service, at(20, 8), at(22, 20), "client_id", clientId, "override_rules", true),
                        studio.owner()),
                201);

        Response inTheMiddle =
                api.post("/api/bookings", booking(room, service, at(21, 15), at(21, 16)), studio.client());

        assertThat(inTheMiddle.status()).isEqualTo(409);
        assertThat(slots(room, service, 21)).isEmpty();
        assertThat(slots(room, service, 23)).isNotEmpty();
    }

    @Test
    void searchesSeeEveryChangeAtOnceDespiteTheirCache() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        assertThat(slots(room, service, 24))
                .anyMatch(s -> s.get("start_at").asString().equals(at(24, 10)));

        expect(
                api.post(
                        "/api/admin/exceptions",
                        json(
                                "target_type",
                                "room",
                                "target_id",
                                room,
                                "start_at",
                                at(24, 8),
                                "end_at",
                                at(24, 13),
                                "reason",
                                "Flooded"),
                        studio.owner()),
                201);
        assertThat(slots(room, service, 24))
                .noneMatch(s -> s.get("start_at").asString().equals(at(24, 10)))
                .anyMatch(s -> s.get("start_at").asString().equals(at(24, 14)));

        expect(api.post("/api/bookings", booking(room, service, at(24, 14), at(24, 15)), studio.client()), 201);
        assertThat(slots(room, service, 24))
                .noneMatch(s -> s.get("start_at").asString().equals(at(24, 14)));
    }

    @Test
    void oddSessionsAndStaffListsAre400sNotServerErrors() {
        String room = studio.room("vocal");
        String client = studio.client();
        Response subMinute = api.post(
                "/api/holds",
                json(
                        "room_id",
                        room,
                        "start_at",
                        at(5, 10),
                        "end_at",
                        java.time.Instant.parse(at(5, 10)).plusSeconds(30).toString()),
                client);
        assertThat(subMinute.status()).isEqualTo(400);
        assertThat(subMinute.json().at("/errors/0/field").asString()).isEqualTo("end_at");
        Response endless = api.post(
                "/api/holds", json("room_id", room, "start_at", at(5, 10), "end_at", "+10000-01-01T00:00:00Z"), client);
        assertThat(endless.status()).isEqualTo(400);
        Response nullStaff = api.post(
                "/api/holds",
                "{\"room_id\":\"" + room + "\",\"start_at\":\"" + at(5, 10) + "\",\"end_at\":\"" + at(5, 11)
                        + "\",\"staff_ids\":[null]}",
                client);
        assertThat(nullStaff.status()).isEqualTo(400);
        assertThat(nullStaff.json().at("/errors/0/field").asString()).isEqualTo("staff_ids");
    }

    @Test
    void aClientCannotCancelASessionThatHasStarted() {
        String room = studio.room("vocal");
        String service = studio.service(false, null, "vocal");
        String client = studio.client();
        String clientId = studio.userId(client);
        java.time.Instant start = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .minusSeconds(3600);
        String id = expect(
                        api.post(
                                "/api/bookings",
                                booking(
                                        room,
                                        service,
                                        start.toString(),
                                        start.plusSeconds(3 * 3600).toString(),
                                        "client_id",
                                        clientId,
                                        "override_rules",
                                        true),
                                studio.owner()),
                        201)
                .json()
                .get("booking_id")
                .asString();

        Response late = api.post("/api/bookings/" + id + "/cancel", "{}", client);

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("code").asString()).isEqualTo("invalid_transition");
        expect(api.post("/api/bookings/" + id + "/cancel", json("reason", "Power cut"), studio.owner()), 200);
    }

    @Test
    void aDailyLimitHoldsForNewBookingsAndForReschedules() {
        String room = studio.room("vocal");
        String service = expect(
                        api.post(
                                "/api/admin/services",
                                json(
                                        "name",
                                        Api.unique("Portrait"),
                                        "default_duration_min",
                                        60,
                                        "base_price_cents",
                                        5_000,
                                        "pricing_model",
                                        "fixed",
                                        "room_tags",
                                        List.of("vocal"),
                                        "max_per_day",
                                        1),
                                studio.owner()),
                        201)
                .json()
                .get("id")
                .asString();
        String client = studio.client();
        String first = studio.book(booking(room, service, at(26, 10), at(26, 11)), client);
        String second = studio.book(booking(room, service, at(27, 10), at(27, 11)), client);

        assertThat(api.post("/api/bookings", booking(room, service, at(26, 14), at(26, 15)), client)
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("slot_unavailable");
        Response intoAFullDay = api.post(
                "/api/bookings/" + second + "/reschedule",
                json("new_start_at", at(26, 14), "new_end_at", at(26, 15)),
                client);
        assertThat(intoAFullDay.status()).isEqualTo(409);
        expect(
                api.post(
                        "/api/bookings/" + first + "/reschedule",
                        json("new_start_at", at(26, 15), "new_end_at", at(26, 16)),
                        client),
                200);
    }

    @Test
    void aClientCannotHoldTheWholeWeek() {
        String room = studio.room("vocal");
        String client = studio.client();
        for (int hour = 9; hour < 9 + Holds.MAX_ACTIVE_HOLDS; hour++) {
            expect(
                    api.post(
                            "/api/holds",
                            json("room_id", room, "start_at", at(28, hour), "end_at", at(28, hour + 1)),
                            client),
                    201);
        }

        Response oneTooMany =
                api.post("/api/holds", json("room_id", room, "start_at", at(28, 15), "end_at", at(28, 16)), client);

        assertThat(oneTooMany.status()).isEqualTo(409);
        assertThat(oneTooMany.json().get("code").asString()).isEqualTo("conflict");
        expect(
                api.post(
                        "/api/holds",
                        json("room_id", room, "start_at", at(28, 15), "end_at", at(28, 16)),
                        studio.owner()),
                201);
    }
}
