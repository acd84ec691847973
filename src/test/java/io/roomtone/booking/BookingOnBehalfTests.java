package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.HoldView;
import io.roomtone.support.MyBookingsView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
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

    TestStudio studio;
    String room;
    String service;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
    }

    @Test
    void theStudioBooksOnlyForClientsOfItsOwn() {
        String owner = studio.owner();
        Map<String, String> notClients = Map.of(
                "a staff member", studio.userId(studio.engineer("mixing").token()),
                "the owner", studio.userId(owner),
                "another admin", admin(),
                "a client of another studio", studio.userId(api.newClient(null)),
                "no account", UUID.randomUUID().toString());

        notClients.forEach((who, id) -> {
            Response refused =
                    studio.request(booking(room, service, at(3, 10), at(3, 11)).forClient(id), owner);
            refused.expect(400, who);
            assertThat(refused.contentType()).as(who).startsWith("application/problem+json");
            assertThat(refused.problem().field()).as(who).isEqualTo("client_id");
        });

        assertThat(api.get("/api/admin/bookings?from=" + at(3, 0) + "&to=" + at(4, 0), owner)
                        .json())
                .isEmpty();
        String client = studio.client();
        Response booked = studio.request(
                        booking(room, service, at(3, 10), at(3, 11)).forClient(studio.userId(client)), owner)
                .expect(201);
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

        Response booked = studio.request(
                booking(room, service, at(4, 11), at(4, 12))
                        .forClient(studio.userId(client))
                        .withHold(hold),
                studio.owner());

        booked.expect(201);
        assertThat(api.get("/api/me/bookings", client).body()).contains(bookingId(booked));
        Response again =
                studio.request(booking(room, service, at(4, 11), at(4, 12)).withHold(hold), client);
        again.expect(409);
    }

    @Test
    void theStudioConvertsItsOwnHoldForAClient() {
        String client = studio.client();
        String hold = hold(studio.owner(), at(4, 13), at(4, 14));

        Response booked = studio.request(
                booking(room, service, at(4, 13), at(4, 14))
                        .forClient(studio.userId(client))
                        .withHold(hold),
                studio.owner());

        booked.expect(201);
        assertThat(api.get("/api/me/bookings", client).body()).contains(bookingId(booked));
    }

    @Test
    void aHoldConvertsOnlyForItsHolderOrTheStudioBookingForThem() {
        String holder = studio.client();
        String other = studio.client();
        String hold = hold(holder, at(4, 15), at(4, 16));

        Response byOther =
                studio.request(booking(room, service, at(4, 15), at(4, 16)).withHold(hold), other);
        byOther.expect(409);
        assertThat(byOther.problem().code()).isEqualTo("conflict");
        Response forOther = studio.request(
                booking(room, service, at(4, 15), at(4, 16))
                        .forClient(studio.userId(other))
                        .withHold(hold),
                studio.owner());
        forOther.expect(409);
        Response elsewhen = studio.request(
                booking(room, service, at(4, 16), at(4, 17))
                        .forClient(studio.userId(holder))
                        .withHold(hold),
                studio.owner());
        elsewhen.expect(400);
        assertThat(elsewhen.problem().field()).isEqualTo("hold_id");
        assertThat(api.get("/api/me/bookings", other).as(MyBookingsView.class).upcoming())
                .isEmpty();
        assertThat(api.get("/api/me/bookings", holder).as(MyBookingsView.class).upcoming())
                .isEmpty();

        studio.request(
                        booking(room, service, at(4, 15), at(4, 16))
                                .forClient(studio.userId(holder))
                                .withHold(hold),
                        studio.owner())
                .expect(201);
    }

    private String hold(String token, String start, String end) {
        return api.post(
                        "/api/holds",
                        json("room_id", room, "start_at", start, "end_at", end, "service_id", service),
                        token)
                .expect(201)
                .as(HoldView.class)
                .holdId();
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
        return booked.as(BookedView.class).bookingId();
    }
}
