package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.HoldView;
import io.roomtone.support.MyBookingsView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Caps a client cannot get past, even with a dozen requests in flight at once. */
@RoomtoneTest
class BookingLimitsTests {

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
    void aClientGetsAtMostThreePendingRequestsFromTwelveParallelOnes() throws Exception {
        String client = studio.client();

        List<Response> answers =
                inParallel(12, i -> () -> studio.request(booking(room, service, at(3 + i, 10), at(3 + i, 11)), client));

        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(3);
        assertThat(answers.stream().filter(r -> r.status() == 409))
                .hasSize(9)
                .allSatisfy(r -> assertThat(r.problem().code()).isEqualTo("conflict"));
        assertThat(api.get("/api/me/bookings", client).as(MyBookingsView.class).upcoming())
                .hasSize(3);
    }

    @Test
    void thePendingCapFollowsTheStudiosSettingAndFreesUpWhenTheStudioDecides() {
        api.patch("/api/admin/settings", json("max_pending_per_client", 1), owner)
                .expect(200);
        String client = studio.client();
        String first = studio.book(booking(room, service, at(3, 10), at(3, 11)), client)
                .bookingId();

        Response second = studio.request(booking(room, service, at(3, 12), at(3, 13)), client);
        second.expect(409);
        assertThat(second.problem().detail()).contains("at most 1");

        api.post("/api/admin/bookings/" + first + "/approve", "{}", owner).expect(200);
        studio.request(booking(room, service, at(3, 12), at(3, 13)), client).expect(201);
        // the studio booking on the client's behalf is not a pending request of theirs
        studio.request(booking(room, service, at(3, 14), at(3, 15)).forClient(studio.userId(client)), owner)
                .expect(201);
    }

    @Test
    void aClientHoldsAtMostThreeSlotsFromTwelveParallelRequests() throws Exception {
        String client = studio.client();

        List<Response> answers = inParallel(
                12,
                i -> () -> api.post(
                        "/api/holds",
                        json(
                                "room_id",
                                room,
                                "service_id",
                                service,
                                "start_at",
                                at(3 + i, 10),
                                "end_at",
                                at(3 + i, 11)),
                        client));

        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(Holds.MAX_ACTIVE_HOLDS);
        assertThat(answers.stream().filter(r -> r.status() == 409)).hasSize(12 - Holds.MAX_ACTIVE_HOLDS);
    }

    @Test
    void aHoldConvertsOnlyIntoABookingOfItsOwnService() {
        String client = studio.client();
        String other = studio.service().inRoomsTagged("vocal").create();
        String hold = api.post(
                        "/api/holds",
                        json("room_id", room, "service_id", service, "start_at", at(3, 10), "end_at", at(3, 11)),
                        client)
                .expect(201)
                .as(HoldView.class)
                .holdId();

        Response refused =
                studio.request(booking(room, other, at(3, 10), at(3, 11)).withHold(hold), client);

        refused.expect(400);
        assertThat(refused.problem().fields()).containsExactly("hold_id");
        studio.request(booking(room, service, at(3, 10), at(3, 11)).withHold(hold), client)
                .expect(201);
    }

    @Test
    void aQuoteTakesTheBasketABookingTakes() {
        String addOn = studio.addOn(2500);
        Response asItems = studio.anonymous(
                        "/api/quote",
                        json(
                                "room_id",
                                room,
                                "start_at",
                                at(3, 10),
                                "duration_min",
                                120,
                                "service_items",
                                List.of(
                                        Map.of("service_id", service, "qty", 1),
                                        Map.of("service_id", addOn, "qty", 2))))
                .expect(200);
        Response asServiceAndAddOns = studio.anonymous(
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
                                List.of(Map.of("service_id", addOn, "qty", 2))))
                .expect(200);

        assertThat(asItems.json()).isEqualTo(asServiceAndAddOns.json());
        assertThat(asItems.json().get("subtotal_cents").asLong()).isEqualTo(2 * 10_000 + 2 * 2500);
        Response both = studio.anonymous(
                "/api/quote",
                json(
                        "room_id",
                        room,
                        "service_id",
                        service,
                        "start_at",
                        at(3, 10),
                        "service_items",
                        List.of(Map.of("service_id", service))));
        both.expect(400);
        assertThat(both.problem().fields()).contains("service_items");
    }

    private static List<Response> inParallel(int count, IntFunction<Callable<Response>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<Response> call = request.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
