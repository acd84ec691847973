package io.roomtone.payments;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookingView;
import io.roomtone.support.CancellationView;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The studio records money received at the studio and gives money back: what a booking shows as
 * paid, its payment status, the refunds that cancellations and rejections make, and the ledger
 * behind them (1 h session: 100.00 + 13 % tax = 113.00, deposit 25 % = 28.25).
 */
@RoomtoneTest
class ManualPaymentTests {

    static final long TOTAL = 11_300;

    @Autowired
    Api api;

    TestStudio studio;
    String room;
    String service;
    String client;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        client = studio.client();
    }

    private String requested(int daysAhead) {
        return studio.book(booking(room, service, at(daysAhead, 10), at(daysAhead, 11)), client)
                .bookingId();
    }

    private String confirmed(int daysAhead) {
        String id = requested(daysAhead);
        studio.approve(id, "See you");
        return id;
    }

    private Response pay(String id, long cents, String method) {
        return api.post(
                "/api/admin/bookings/" + id + "/payments",
                json("amount_cents", cents, "method", method, "note", "at the desk"),
                studio.owner());
    }

    private Response refund(String id, long cents) {
        return api.post(
                "/api/admin/bookings/" + id + "/refund",
                json("amount_cents", cents, "reason", "Goodwill"),
                studio.owner());
    }

    private BookingView bookingOf(String id) {
        return studio.booking(id, studio.owner());
    }

    @Test
    void aPaymentReceivedAtTheStudioShowsOnTheBooking() {
        String id = confirmed(9);
        assertThat(bookingOf(id).paymentStatus()).isEqualTo("unpaid");

        BookingView deposit = pay(id, 2_825, "cash").expect(201).as(BookingView.class);
        assertThat(deposit.paidCents()).isEqualTo(2_825);
        assertThat(deposit.paymentStatus()).isEqualTo("deposit_paid");

        BookingView rest = pay(id, TOTAL - 2_825, "card_terminal").expect(201).as(BookingView.class);
        assertThat(rest.paidCents()).isEqualTo(TOTAL);
        assertThat(rest.paymentStatus()).isEqualTo("paid");

        JsonNode payments = api.get("/api/admin/bookings/" + id + "/payments", studio.owner())
                .expect(200)
                .json();
        assertThat(payments).hasSize(2);
        assertThat(payments.get(0).get("kind").asText()).isEqualTo("receipt");
        assertThat(payments.get(0).get("method").asText()).isEqualTo("cash");
        assertThat(payments.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(payments.get(0).get("note").asText()).isEqualTo("at the desk");
    }

    @Test
    void noMoreThanIsOwedCanBeRecordedAndNothingIsWrittenOtherwise() {
        String id = confirmed(9);

        Response over = pay(id, TOTAL + 1, "cash");

        assertThat(over.expect(400).invalidFields()).containsExactly("amount_cents");
        assertThat(bookingOf(id).paidCents()).isZero();
        assertThat(api.get("/api/admin/bookings/" + id + "/payments", studio.owner())
                        .expect(200)
                        .json())
                .isEmpty();
    }

    @Test
    void badPaymentsAreRefusedByName() {
        String id = confirmed(9);
        assertThat(pay(id, 0, "cash").expect(400).invalidFields()).containsExactly("amount_cents");
        assertThat(pay(id, -1, "cash").expect(400).invalidFields()).containsExactly("amount_cents");
        assertThat(pay(id, Long.MAX_VALUE, "cash").expect(400).invalidFields()).containsExactly("amount_cents");
        assertThat(pay(id, 100, "bitcoin").expect(400).invalidFields()).containsExactly("method");
        assertThat(pay(id, 100, "card_online").expect(400).invalidFields()).containsExactly("method");
        assertThat(api.post("/api/admin/bookings/" + id + "/payments", json("method", "cash"), studio.owner())
                        .expect(400)
                        .invalidFields())
                .containsExactly("amount_cents");
        String future = Instant.now().plus(Duration.ofDays(2)).toString();
        assertThat(api.post(
                                "/api/admin/bookings/" + id + "/payments",
                                json("amount_cents", 100, "method", "cash", "received_at", future),
                                studio.owner())
                        .expect(400)
                        .invalidFields())
                .containsExactly("received_at");
        assertThat(api.post(
                                "/api/admin/bookings/" + id + "/payments",
                                json(
                                        "amount_cents",
                                        100,
                                        "method",
                                        "cash",
                                        "received_at",
                                        "+999999999-01-01T00:00:00Z"),
                                studio.owner())
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/admin/bookings/" + id + "/payments",
                                json("amount_cents", 100, "method", "cash", "note", "x".repeat(501)),
                                studio.owner())
                        .expect(400)
                        .invalidFields())
                .containsExactly("note");
        assertThat(pay(Api.UNKNOWN_ID, 100, "cash").status()).isEqualTo(404);
        assertThat(bookingOf(id).paidCents()).isZero();
    }

    @Test
    void onlyTheStudioRecordsPaymentsAndOnlyItsOwnBookings() {
        String id = confirmed(9);
        Api.OtherStudio other = api.newStudio();

        assertThat(api.post(
                                "/api/admin/bookings/" + id + "/payments",
                                json("amount_cents", 100, "method", "cash"),
                                client)
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/admin/bookings/" + id + "/payments",
                                json("amount_cents", 100, "method", "cash"),
                                other.ownerToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/admin/bookings/" + id + "/refund",
                                json("amount_cents", 1, "reason", "x"),
                                other.ownerToken())
                        .status())
                .isEqualTo(404);
        assertThat(bookingOf(id).paidCents()).isZero();
    }

    @Test
    void aRefundAboveWhatWasPaidIsAConflictAndNothingMoves() {
        String id = confirmed(9);
        pay(id, 5_000, "cash").expect(201);

        Response tooMuch = refund(id, 5_001);

        assertThat(tooMuch.expect(409).problem().code()).isEqualTo("refund_exceeds_paid");
        assertThat(tooMuch.json().get("refundable_cents").asLong()).isEqualTo(5_000);
        assertThat(bookingOf(id).paidCents()).isEqualTo(5_000);
        assertThat(bookingOf(id).paymentStatus()).isEqualTo("deposit_paid");
    }

    @Test
    void partialAndFullRefundsMoveThePaymentStatus() {
        String id = confirmed(9);
        pay(id, TOTAL, "bank_transfer").expect(201);

        BookingView partly = refund(id, 1_300).expect(200).as(BookingView.class);
        assertThat(partly.paidCents()).isEqualTo(TOTAL - 1_300);
        assertThat(partly.refundedCents()).isEqualTo(1_300);
        assertThat(partly.paymentStatus()).isEqualTo("partially_refunded");

        BookingView fully = refund(id, TOTAL - 1_300).expect(200).as(BookingView.class);
        assertThat(fully.paidCents()).isZero();
        assertThat(fully.refundedCents()).isEqualTo(TOTAL);
        assertThat(fully.paymentStatus()).isEqualTo("refunded");
        assertThat(refund(id, 1).expect(409).problem().code()).isEqualTo("refund_exceeds_paid");
    }

    @Test
    void aRefundNeedsAReasonAndAnAmountWithinRange() {
        String id = confirmed(9);
        pay(id, 1_000, "cash").expect(201);
        assertThat(api.post("/api/admin/bookings/" + id + "/refund", json("amount_cents", 10), studio.owner())
                        .expect(400)
                        .invalidFields())
                .containsExactly("reason");
        assertThat(refund(id, 0).expect(400).invalidFields()).containsExactly("amount_cents");
        assertThat(refund(id, Long.MAX_VALUE).expect(400).invalidFields()).containsExactly("amount_cents");
        assertThat(bookingOf(id).paidCents()).isEqualTo(1_000);
    }

    @Test
    void aDozenRefundsRacingForTheSameMoneyNeverReturnMoreThanWasPaid() {
        String id = confirmed(9);
        pay(id, 5_000, "cash").expect(201);

        List<Response> answers = Parallel.send(12, i -> refund(id, 1_000));

        assertThat(Parallel.count(answers, 200)).isEqualTo(5);
        assertThat(Parallel.count(answers, 409)).isEqualTo(7);
        assertThat(bookingOf(id).paidCents()).isZero();
        assertThat(bookingOf(id).paymentStatus()).isEqualTo("refunded");
    }

    @Test
    void paymentsRecordedAtOnceNeverExceedWhatIsOwed() {
        String id = confirmed(9);

        List<Response> answers = Parallel.send(12, i -> pay(id, 5_000, "cash"));

        assertThat(Parallel.count(answers, 201)).isEqualTo(2); // 2 × 50.00 of 113.00
        assertThat(Parallel.count(answers, 400)).isEqualTo(10);
        assertThat(bookingOf(id).paidCents()).isEqualTo(10_000);
    }

    @Test
    void cancelling30HoursAheadRefundsHalfOfWhatWasPaid() {
        Instant start = Instant.now().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.HOURS);
        String id = studio.book(
                        booking(
                                        room,
                                        service,
                                        start.toString(),
                                        start.plusSeconds(3600).toString())
                                .forClient(studio.userId(client))
                                .overridingRules(),
                        studio.owner())
                .bookingId();
        pay(id, 4_000, "cash").expect(201);

        CancellationView canceled = studio.cancel(id, "Sick", client);

        assertThat(canceled.refundPercent()).isEqualTo(50);
        assertThat(canceled.refundCents()).isEqualTo(2_000);
        BookingView after = bookingOf(id);
        assertThat(after.paidCents()).isEqualTo(2_000);
        assertThat(after.paymentStatus()).isEqualTo("partially_refunded");
        JsonNode payments = api.get("/api/admin/bookings/" + id + "/payments", studio.owner())
                .expect(200)
                .json();
        assertThat(payments.get(1).get("kind").asText()).isEqualTo("refund");
        assertThat(payments.get(1).get("amount_cents").asLong()).isEqualTo(2_000);
        assertThat(payments.get(1).get("method").asText()).isEqualTo("cash");
    }

    @Test
    void rejectingARequestReturnsWhatWasPaidForIt() {
        String id = requested(9);
        pay(id, 2_825, "card_terminal").expect(201);

        api.post("/api/admin/bookings/" + id + "/reject", json("reason", "Room flooded"), studio.owner())
                .expect(200);

        BookingView after = bookingOf(id);
        assertThat(after.paidCents()).isZero();
        assertThat(after.paymentStatus()).isEqualTo("refunded");
    }

    @Test
    void aRequestWithADepositPaidNoLongerCountsAsAnUnpaidPendingRequest() {
        studio.updateSettings("max_pending_per_client", 1);
        String first = requested(9);
        assertThat(studio.request(booking(room, service, at(10, 10), at(10, 11)), client)
                        .status())
                .isEqualTo(409);

        pay(first, 2_825, "cash").expect(201);

        studio.request(booking(room, service, at(10, 10), at(10, 11)), client).expect(201);
    }

    @Test
    void theLedgerBalancesAndShowsWhereTheMoneyIs() {
        Instant from = Instant.now().minus(Duration.ofMinutes(5));
        String id = confirmed(9);
        pay(id, 5_000, "cash").expect(201);
        pay(id, 3_000, "bank_transfer").expect(201);
        refund(id, 3_500).expect(200); // newest first: 30.00 of the transfer, then 5.00 cash

        JsonNode balances = api.get(
                        "/api/admin/ledger/balances?from=" + from + "&to="
                                + Instant.now().plusSeconds(60),
                        studio.owner())
                .expect(200)
                .json();

        assertThat(balances.get("totals").properties())
                .singleElement()
                .satisfies(total -> assertThat(total.getValue().asLong()).isZero());
        assertThat(balanceOf(balances, "cash")).isEqualTo(4_500);
        assertThat(balanceOf(balances, "bank")).isZero();
    }

    @Test
    void ledgerBalancesNeedAPeriodWithinRange() {
        assertThat(api.get("/api/admin/ledger/balances?from=2026-01-01T00:00:00Z", studio.owner())
                        .expect(400)
                        .invalidFields())
                .containsExactly("to");
        assertThat(api.get(
                                "/api/admin/ledger/balances?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                                studio.owner())
                        .expect(400)
                        .invalidFields())
                .containsExactly("to");
        assertThat(api.get("/api/admin/ledger/balances?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", client)
                        .status())
                .isEqualTo(403);
    }

    private static long balanceOf(JsonNode balances, String account) {
        for (JsonNode a : balances.get("accounts")) {
            if (a.get("account").asText().equals(account)) {
                return a.get("balance_cents").asLong();
            }
        }
        return 0;
    }
}
