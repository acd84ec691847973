package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.catalog.Service;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Input at the edges of its type is a 4xx problem naming the field, never a 500. */
@RoomtoneTest
class EdgeInputsTests {

    @Autowired
    Api api;

    TestStudio studio;
    String owner;
    String room;
    String service;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        owner = studio.owner();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
    }

    @Test
    void datesAtTheEdgesOfTimeAreRefusedNamingTheirField() {
        String client = studio.client();
        Map<String, Response> answers = Map.of(
                "from",
                api.get("/api/admin/bookings?from=-999999999-01-01T00:00:00Z", owner),
                "to",
                api.get("/api/admin/bookings?to=%2B999999999-12-31T23:59:59Z", owner),
                "start_at",
                studio.request(
                        booking(room, service, "+999999999-12-31T10:00:00Z", "+999999999-12-31T11:00:00Z"), client),
                "new_start_at",
                api.post(
                        "/api/bookings/" + UUID.randomUUID() + "/reschedule",
                        json("new_start_at", "-999999999-01-01T00:00:00Z", "new_end_at", at(3, 11)),
                        client));

        answers.forEach((field, answer) -> {
            answer.expect(400, field);
            assertThat(answer.contentType()).as(field).startsWith("application/problem+json");
            assertThat(answer.body()).as(field).contains(field);
        });
    }

    @Test
    void theErrorPageAskedForDirectlyIsANotFoundProblem() {
        Response error = api.get("/error", null);

        error.expect(404);
        assertThat(error.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aSlotStepOfZeroIsRefusedNotDividedBy() {
        Response zero = api.patch("/api/admin/settings", json("slot_step_min", 0), owner);

        zero.expect(400);
        assertThat(zero.problem().fields()).containsExactly("slot_step_min");
    }

    @Test
    void pricesAreCappedSoThatNoSessionPriceOverflows() {
        Map<Long, Integer> answers =
                Map.of(Long.MAX_VALUE, 400, Service.MAX_PRICE_CENTS + 1, 400, Service.MAX_PRICE_CENTS, 201);
        answers.forEach((price, status) -> {
            Response created = api.post(
                    "/api/admin/services",
                    json(
                            "name",
                            Api.unique("Pricey"),
                            "default_duration_min",
                            15,
                            "base_price_cents",
                            price,
                            "pricing_model",
                            "per_block",
                            "room_tags",
                            java.util.List.of("vocal")),
                    owner);
            created.expect(status, "price " + price);
        });
        String pricey = api.get("/api/services", owner).json().findParents("base_price_cents").stream()
                .filter(s -> s.get("base_price_cents").asLong() == Service.MAX_PRICE_CENTS)
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();

        // a whole day of 15-minute blocks at the highest price, with tax: priced, not overflowed
        Response quote = studio.anonymous(
                        "/api/quote",
                        json("room_id", room, "service_id", pricey, "start_at", at(3, 8), "duration_min", 1440))
                .expect(200);
        assertThat(quote.json().get("subtotal_cents").asLong()).isEqualTo(Service.MAX_PRICE_CENTS * 96);
    }
}
