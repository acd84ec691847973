package io.roomtone.booking;

import static io.roomtone.booking.Studio.at;
import static io.roomtone.booking.Studio.booking;
import static io.roomtone.booking.Studio.expect;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The studio booking for a client: who may be the client, and whose hold it may convert. */
@RoomtoneTest
class BookingOnBehalfTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    Studio studio;
    String room;
    String service;

    @BeforeEach
    void openStudio() {
        studio = new Studio(api);
        studio.open(true);
        room = studio.room("vocal");
        service = studio.service(false, null, "vocal");
    }

    @Test
    void theStudioBooksOnlyForClientsOfItsOwn() {
        String owner = studio.owner();
        Map<String, String> notClients = Map.of(
                "a staff member", studio.userId(studio.engineer("mixing").get("token")),
                "the owner", studio.userId(owner),
                "another admin", admin(),
                "a client of another studio", studio.userId(api.newClient(null)),
                "no account", UUID.randomUUID().toString());

        notClients.forEach((who, id) -> {
            Response refused =
                    api.post("/api/bookings", booking(room, service, at(3, 10), at(3, 11), "client_id", id), owner);
            assertThat(refused.status()).as(who).isEqualTo(400);
            assertThat(refused.contentType()).as(who).startsWith("application/problem+json");
            assertThat(refused.json().at("/errors/0/field").asString()).as(who).isEqualTo("client_id");
        });

        assertThat(api.get("/api/admin/bookings?from=" + at(3, 0) + "&to=" + at(4, 0), owner)
                        .json())
                .isEmpty();
        String client = studio.client();
        Response booked = expect(
                api.post(
                        "/api/bookings",
                        booking(room, service, at(3, 10), at(3, 11), "client_id", studio.userId(client)),
                        owner),
                201);
        assertThat(api.get("/api/bookings/" + bookingId(booked), owner)
                        .json()
                        .get("client_id")
                        .asString())
                .isEqualTo(studio.userId(client));
    }

    @Test
    void theStudioConvertsTheHoldItsClientPlaced() {
        String client = studio.client();
        String hold = hold(client, at(4, 11), at(4, 12));

        Response booked = api.post(
                "/api/bookings",
                booking(room, service, at(4, 11), at(4, 12), "client_id", studio.userId(client), "hold_id", hold),
                studio.owner());

        expect(booked, 201);
        assertThat(api.get("/api/me/bookings", client).body()).contains(bookingId(booked));
        Response again =
                api.post("/api/bookings", booking(room, service, at(4, 11), at(4, 12), "hold_id", hold), client);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void theStudioConvertsItsOwnHoldForAClient() {
        String client = studio.client();
        String hold = hold(studio.owner(), at(4, 13), at(4, 14));

        Response booked = api.post(
                "/api/bookings",
                booking(room, service, at(4, 13), at(4, 14), "client_id", studio.userId(client), "hold_id", hold),
                studio.owner());

        expect(booked, 201);
        assertThat(api.get("/api/me/bookings", client).body()).contains(bookingId(booked));
    }

    @Test
    void aHoldConvertsOnlyForItsHolderOrTheStudioBookingForThem() {
        String holder = studio.client();
        String other = studio.client();
        String hold = hold(holder, at(4, 15), at(4, 16));

        Response byOther =
                api.post("/api/bookings", booking(room, service, at(4, 15), at(4, 16), "hold_id", hold), other);
        assertThat(byOther.status()).isEqualTo(409);
        assertThat(byOther.json().get("code").asString()).isEqualTo("conflict");
        Response forOther = api.post(
                "/api/bookings",
                booking(room, service, at(4, 15), at(4, 16), "client_id", studio.userId(other), "hold_id", hold),
                studio.owner());
        assertThat(forOther.status()).isEqualTo(409);
        Response elsewhen = api.post(
                "/api/bookings",
                booking(room, service, at(4, 16), at(4, 17), "client_id", studio.userId(holder), "hold_id", hold),
                studio.owner());
        assertThat(elsewhen.status()).isEqualTo(400);
        assertThat(elsewhen.json().at("/errors/0/field").asString()).isEqualTo("hold_id");
        assertThat(api.get("/api/me/bookings", other).json().get("upcoming")).isEmpty();
        assertThat(api.get("/api/me/bookings", holder).json().get("upcoming")).isEmpty();

        expect(
                api.post(
                        "/api/bookings",
                        booking(
                                room,
                                service,
                                at(4, 15),
                                at(4, 16),
                                "client_id",
                                studio.userId(holder),
                                "hold_id",
                                hold),
                        studio.owner()),
                201);
    }

    private String hold(String token, String start, String end) {
        return expect(
                        api.post(
                                "/api/holds",
                                json("room_id", room, "start_at", start, "end_at", end, "service_id", service),
                                token),
                        201)
                .json()
                .get("hold_id")
                .asString();
    }

    /** An admin of the studio: the API makes none (only the owner exists), so a client is promoted. */
    private String admin() {
        String id = studio.userId(studio.client());
        Tenancy.runAs(
                UUID.fromString(studio.id()),
                () -> transactions.executeWithoutResult(
                        tx -> jdbc.sql("UPDATE app_user SET role = 'admin' WHERE id = ?::uuid")
                                .param(id)
                                .update()));
        return id;
    }

    private static String bookingId(Response booked) {
        return booked.json().get("booking_id").asString();
    }
}
