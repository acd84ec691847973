package io.roomtone.payouts;

import static io.roomtone.payouts.PayoutFixtures.day;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.booking.BookingDecisions;
import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.CompletedSessions;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A completed session earns each staff member who worked it their rate of its service revenue, net
 * of tax, once: in the ledger as commission expense against commission payable with the staff
 * member as the party.
 */
@RoomtoneTest
class CommissionTests {

    @Autowired
    Api api;

    @Autowired
    BookingDecisions decisions;

    @Autowired
    Commissions commissions;

    @Autowired
    CommissionReversals reversals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    TestStudio studio;
    CompletedSessions sessions;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithoutApproval();
        sessions = new CompletedSessions(studio, api, decisions, jdbc, transactions);
    }

    private List<Commissions.Accrual> accrueAgain(String bookingId) {
        return Tenancy.callAs(UUID.fromString(studio.id()), () -> commissions.accrue(UUID.fromString(bookingId)));
    }

    @Test
    void aCompletedSessionAccruesTheRateOfItsServiceRevenueNetOfTaxAndAddOns() {
        TestStudio.Engineer sam = sessions.staff(1250);
        String service = sessions.service(10_000);
        String addOn = studio.addOn(2_000);
        String booking = sessions.past(
                booking(studio.room("payouts"), service, at(-2, 10), at(-2, 11)).withAddOn(addOn, 1), sam.id());

        sessions.complete(booking, 1);

        // 12.5 % of the 100.00 service line; the add-on and the 13 % tax earn nothing
        assertThat(sessions.balance("commission_payable", sam.id())).isEqualTo(-1_250);
        assertThat(sessions.balance("commission_expense", sam.id())).isEqualTo(1_250);
        assertThat(sessions.postings(booking, "commission_accrued")).isEqualTo(1);
        JsonNode line = api.get(
                        "/api/admin/payouts/" + sam.id() + "/lines?from=" + day(-3) + "&to=" + day(0), studio.owner())
                .expect(200)
                .json()
                .get(0);
        assertThat(line.get("base_cents").asLong()).isEqualTo(10_000);
        assertThat(line.get("rate_bps").asInt()).isEqualTo(1250);
        assertThat(line.get("commission_cents").asLong()).isEqualTo(1_250);
    }

    @Test
    void commissionsRoundHalfToEvenCents() {
        TestStudio.Engineer sam = sessions.staff(5000);
        // 50 % of 10.01 is 5.005: half-even keeps 5.00; of 10.03 it is 5.015: 5.02
        String down = sessions.past(sessions.service(1_001), sam.id());
        String up = sessions.past(sessions.service(1_003), sam.id());

        sessions.complete(down, 1);
        sessions.complete(up, 1);

        assertThat(line(sam.id(), down).get("commission_cents").asLong()).isEqualTo(500);
        assertThat(line(sam.id(), up).get("commission_cents").asLong()).isEqualTo(502);
        assertThat(sessions.balance("commission_payable", sam.id())).isEqualTo(-1_002);
    }

    @Test
    void staffOfOneSessionShareItsRevenueEachAtTheirOwnRate() {
        TestStudio.Engineer sam = sessions.staff(1000);
        TestStudio.Engineer alex = sessions.staff(2000);
        String booking = sessions.past(sessions.service(10_001), sam.id(), alex.id());

        sessions.complete(booking, 2);

        // 100.01 split 50.01 + 50.00 (the odd cent to the first of the booking's staff): 10 % of
        // either is 5.00 (5.001 rounds down), 20 % is 10.00 (10.002)
        long samBase = line(sam.id(), booking).get("base_cents").asLong();
        long alexBase = line(alex.id(), booking).get("base_cents").asLong();
        assertThat(samBase + alexBase).isEqualTo(10_001);
        assertThat(List.of(samBase, alexBase)).containsExactlyInAnyOrder(5_000L, 5_001L);
        assertThat(sessions.balance("commission_payable", sam.id())).isEqualTo(-500);
        assertThat(sessions.balance("commission_payable", alex.id())).isEqualTo(-1_000);
        assertThat(sessions.postings(booking, "commission_accrued")).isEqualTo(2);
    }

    @Test
    void aRateOfZeroPostsNothingButTheSessionCounts() {
        TestStudio.Engineer sam = sessions.staff(0);
        String booking = sessions.past(sessions.service(10_000), sam.id());

        sessions.complete(booking, 1);

        assertThat(sessions.postings(booking, "commission_accrued")).isZero();
        assertThat(sessions.balance("commission_payable", sam.id())).isZero();
        JsonNode figures = figuresOf(sam.id());
        assertThat(figures.get("sessions").asLong()).isEqualTo(1);
        assertThat(figures.get("accrued_cents").asLong()).isZero();
    }

    @Test
    void aRedeliveredCompletionAccruesNothingMore() {
        TestStudio.Engineer sam = sessions.staff(1500);
        String booking = sessions.past(sessions.service(10_000), sam.id());
        sessions.complete(booking, 1);

        assertThat(accrueAgain(booking)).isEmpty();
        assertThat(accrueAgain(booking)).isEmpty();

        assertThat(sessions.accruals(booking)).isEqualTo(1);
        assertThat(sessions.postings(booking, "commission_accrued")).isEqualTo(1);
        assertThat(sessions.balance("commission_payable", sam.id())).isEqualTo(-1_500);
    }

    @Test
    void twelveNodesAccruingTheSameSessionAtOnceAccrueItOnce() throws Exception {
        TestStudio.Engineer sam = sessions.staff(1500);
        TestStudio.Engineer alex = sessions.staff(500);
        String booking = sessions.past(sessions.service(10_000), sam.id(), alex.id());
        // completed without waiting: the listener races the twelve calls below
        Tenancy.callAs(UUID.fromString(studio.id()), decisions::completeEnded);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Commissions.Accrual>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return accrueAgain(booking);
                }));
            }
            start.countDown();
            long accrued = 0;
            for (Future<List<Commissions.Accrual>> call : calls) {
                accrued += call.get(60, TimeUnit.SECONDS).size();
            }
            assertThat(accrued).isLessThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        CompletedSessions.waitFor(() -> sessions.accruals(booking) == 2);

        assertThat(sessions.accruals(booking)).isEqualTo(2);
        assertThat(sessions.postings(booking, "commission_accrued")).isEqualTo(2);
        // 100.00 shared: 15 % and 5 % of 50.00 each
        assertThat(sessions.balance("commission_payable", sam.id())).isEqualTo(-750);
        assertThat(sessions.balance("commission_payable", alex.id())).isEqualTo(-250);
    }

    @Test
    void theLedgerStaysBalanced() {
        TestStudio.Engineer sam = sessions.staff(3333);
        String booking = sessions.past(sessions.service(9_999), sam.id());
        sessions.complete(booking, 1);

        JsonNode balances = api.get(
                        "/api/admin/ledger/balances?from=" + at(-400, 0) + "&to=" + at(1, 0), studio.owner())
                .expect(200)
                .json();
        long sum = 0;
        for (JsonNode account : balances.get("accounts") == null ? balances : balances.get("accounts")) {
            sum += account.get("balance_cents").asLong();
        }
        assertThat(sum).isZero();
        // 33.33 % of 99.99 = 33.326667 → 33.33
        assertThat(sessions.balance("commission_expense", null)).isEqualTo(3_333);
        assertThat(sessions.balance("commission_payable", null)).isEqualTo(-3_333);
        assertThat(sessions.inStudio(() -> jdbc.sql(
                                "SELECT count(*) FROM (SELECT transaction_id FROM ledger_entry GROUP BY transaction_id,"
                                        + " currency HAVING sum(amount_cents) <> 0) unbalanced")
                        .query(Long.class)
                        .single()))
                .isZero();
    }

    @Test
    void aRefundOfACompletedSessionTakesBackItsShareOfTheCommissionOnce() {
        TestStudio.Engineer sam = sessions.staff(1000);
        String booking = sessions.past(sessions.service(10_000), sam.id());
        sessions.complete(booking, 1);
        // 100.00 + 13 % tax, paid in full; half of it goes back
        pay(booking, 11_300);
        refund(booking, 5_650);

        CompletedSessions.waitFor(() -> sessions.balance("commission_payable", sam.id()) == -500);
        String refundId = refundIdOf(booking);
        Tenancy.runAs(
                UUID.fromString(studio.id()),
                () -> reversals.refunded(UUID.fromString(booking), UUID.fromString(refundId)));
        accrueAgain(booking);

        assertThat(sessions.postings(booking, "commission_reversed")).isEqualTo(1);
        assertThat(sessions.balance("commission_payable", sam.id())).isEqualTo(-500);
        assertThat(sessions.balance("commission_expense", sam.id())).isEqualTo(500);
        JsonNode figures = figuresOf(sam.id());
        assertThat(figures.get("accrued_cents").asLong()).isEqualTo(1_000);
        assertThat(figures.get("reversed_cents").asLong()).isEqualTo(500);
        assertThat(figures.get("owed_cents").asLong()).isEqualTo(500);
    }

    @Test
    void aSessionRefundedInPartBeforeItCompletedEarnsOnWhatItKept() {
        TestStudio.Engineer sam = sessions.staff(1000);
        String booking = sessions.past(sessions.service(10_000), sam.id());
        pay(booking, 11_300);
        refund(booking, 2_825);

        sessions.complete(booking, 1);

        CompletedSessions.waitFor(() -> sessions.balance("commission_payable", sam.id()) == -750);
        assertThat(sessions.postings(booking, "commission_accrued")).isEqualTo(1);
        assertThat(sessions.postings(booking, "commission_reversed")).isEqualTo(1);
    }

    private void pay(String booking, long cents) {
        api.post(
                        "/api/admin/bookings/" + booking + "/payments",
                        io.roomtone.support.Api.json("amount_cents", cents, "method", "cash"),
                        studio.owner())
                .expect(201);
    }

    private void refund(String booking, long cents) {
        api.post(
                        "/api/admin/bookings/" + booking + "/refund",
                        io.roomtone.support.Api.json("amount_cents", cents, "reason", "Goodwill"),
                        studio.owner())
                .expect(200);
    }

    private String refundIdOf(String booking) {
        for (JsonNode op : api.get("/api/admin/bookings/" + booking + "/payments", studio.owner())
                .expect(200)
                .json()) {
            if (op.get("kind").asText().equals("refund")) {
                return op.get("id").asText();
            }
        }
        throw new AssertionError("no refund on " + booking);
    }

    private JsonNode line(String staffId, String bookingId) {
        for (JsonNode line : api.get(
                        "/api/admin/payouts/" + staffId + "/lines?from=" + day(-30) + "&to=" + day(0), studio.owner())
                .expect(200)
                .json()) {
            if (line.get("booking_id").asText().equals(bookingId)) {
                return line;
            }
        }
        throw new AssertionError("no line of " + bookingId);
    }

    private JsonNode figuresOf(String staffId) {
        for (JsonNode row : api.get("/api/admin/payouts?from=" + day(-30) + "&to=" + day(0), studio.owner())
                .expect(200)
                .json()
                .get("staff")) {
            if (row.get("staff_id").asText().equals(staffId)) {
                return row;
            }
        }
        throw new AssertionError("no figures of " + staffId);
    }
}
