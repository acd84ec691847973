package io.roomtone.booking;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.MyBookingsView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Booking requests are limited per account and per network (the address a reverse proxy reports in
 * {@code X-Forwarded-For}), and a refused request leaves no trace: no booking, no occupied slot, no
 * stored idempotency key.
 */
@RoomtoneTest
@TestPropertySource(
        properties = {"roomtone.rate-limits.booking-per-user=2/1h", "roomtone.rate-limits.booking-per-ip=3/1h"})
class BookingRateLimitTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private Response book(String token, String network, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("X-Forwarded-For", network);
        return api.send("POST", "/api/bookings", body, token, all);
    }

    private long storedIdempotencyKeys() {
        return jdbc.sql("SELECT count(*) FROM idempotency_key")
                .query(Long.class)
                .single();
    }

    @Test
    void oneClientIsLimitedWithoutAffectingAnotherAndARefusedBookingWritesNothing() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        String network = "198.51.100.7";
        String eager = studio.client();
        String other = studio.client();
        String third = studio.client();

        book(eager, network, booking(room, service, at(5, 10), at(5, 11)).json(), Map.of())
                .expect(201);
        book(eager, network, booking(room, service, at(5, 12), at(5, 13)).json(), Map.of())
                .expect(201);
        long keysBefore = storedIdempotencyKeys();

        Response refused = book(
                eager,
                network,
                booking(room, service, at(5, 14), at(5, 15)).json(),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        refused.expect(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.problem().code()).isEqualTo("rate_limited");
        assertThat(refused.json().get("limit").asString()).isEqualTo("booking_per_user");
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(storedIdempotencyKeys()).as("no idempotency key stored").isEqualTo(keysBefore);
        assertThat(api.get("/api/me/bookings", eager).as(MyBookingsView.class).upcoming())
                .as("the refused booking was not made")
                .hasSize(2);
        // holds count with bookings
        Response hold = api.send(
                "POST",
                "/api/holds",
                booking(room, service, at(6, 10), at(6, 11)).json(),
                eager,
                Map.of("X-Forwarded-For", network));
        hold.expect(429);

        // another client on the same network books the very slot: the refused request left it free
        book(other, network, booking(room, service, at(5, 14), at(5, 15)).json(), Map.of())
                .expect(201);
        // the refused requests did not use up the network's allowance (3): that request was its third
        Response networkFull = book(
                third, network, booking(room, service, at(5, 16), at(5, 17)).json(), Map.of());
        networkFull.expect(429);
        assertThat(networkFull.json().get("limit").asString()).isEqualTo("booking_per_ip");
        book(third, "198.51.100.8", booking(room, service, at(5, 16), at(5, 17)).json(), Map.of())
                .expect(201);
    }
}
