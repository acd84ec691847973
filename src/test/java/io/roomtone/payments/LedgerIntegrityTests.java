package io.roomtone.payments;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookingView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The books hold whatever the application does: the database refuses an unbalanced ledger
 * transaction, any change to a posted entry and a refund beyond what was received; and a randomized
 * run of bookings, decisions, cancellations, reschedules with fees, payments and refunds on several
 * threads at once ends with every transaction balanced and the ledger agreeing with the payments
 * to the cent.
 */
@RoomtoneTest
class LedgerIntegrityTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    TestStudio studio;
    UUID studioId;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        studioId = UUID.fromString(studio.id());
    }

    private <T> T inStudio(java.util.function.Supplier<T> work) {
        return Tenancy.callAs(studioId, () -> transactions.execute(tx -> work.get()));
    }

    @Test
    void anUnbalancedTransactionIsRefusedWhenItCommits() {
        UUID tx = UUID.randomUUID();

        assertThatThrownBy(() -> inStudio(() -> {
                    jdbc.sql("INSERT INTO ledger_transaction (studio_id, id, kind, description, occurred_at)"
                                    + " VALUES (?, ?, 'test', 'half a posting', now())")
                            .params(studioId, tx)
                            .update();
                    return jdbc.sql("INSERT INTO ledger_entry (studio_id, transaction_id, line, account, amount_cents,"
                                    + " currency) VALUES (?, ?, 0, 'cash', 100, 'USD')")
                            .params(studioId, tx)
                            .update();
                }))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("does not balance");
        assertThat(inStudio(() -> jdbc.sql("SELECT count(*) FROM ledger_transaction WHERE id = ?")
                        .params(tx)
                        .query(Long.class)
                        .single()))
                .isZero();
    }

    @Test
    void postedEntriesCannotBeChangedOrDeleted() {
        String id = confirmedBooking(9);
        api.post("/api/admin/bookings/" + id + "/payments", json("amount_cents", 500, "method", "cash"), studio.owner())
                .expect(201);

        assertThatThrownBy(() -> inStudio(() -> jdbc.sql("UPDATE ledger_entry SET amount_cents = amount_cents * 2")
                        .update()))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> inStudio(
                        () -> jdbc.sql("DELETE FROM ledger_transaction").update()))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void theDatabaseRefusesARefundBeyondWhatWasReceived() {
        String id = confirmedBooking(9);
        api.post("/api/admin/bookings/" + id + "/payments", json("amount_cents", 500, "method", "cash"), studio.owner())
                .expect(201);

        assertThatThrownBy(() -> inStudio(() -> jdbc.sql(
                                """
                                INSERT INTO payment_operation (studio_id, id, request_id, reference, kind, gateway,
                                                               amount_cents, status)
                                VALUES (?, ?, ?, ?, 'refund', 'manual', 501, 'pending')
                                """)
                        .params(studioId, UUID.randomUUID(), UUID.randomUUID(), UUID.fromString(id))
                        .update()))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("would exceed the 500 received");
    }

    @Test
    void aRandomizedRunOnSeveralThreadsKeepsTheBooksBalanced() throws Exception {
        studio.updateSettings(
                "reschedule_policy", Map.of("free_min_hours_before", 24, "free_reschedules", 0, "fee_cents", 700));
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        List<String> clients = List.of(studio.client(), studio.client(), studio.client(), studio.client());
        long seed = System.nanoTime();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> bookings = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed + t);
                String client = clients.get(t);
                int thread = t;
                runs.add(pool.submit(() -> {
                    for (int step = 0; step < 30; step++) {
                        act(random, room, service, client, thread, step, bookings);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(bookings).as("seed " + seed).isNotEmpty();
        assertThat(inStudio(() -> jdbc.sql(
                                """
                                SELECT count(*) FROM (
                                    SELECT transaction_id, currency FROM ledger_entry WHERE studio_id = ?
                                     GROUP BY transaction_id, currency HAVING sum(amount_cents) <> 0) unbalanced
                                """)
                        .params(studioId)
                        .query(Long.class)
                        .single()))
                .as("unbalanced ledger transactions, seed " + seed)
                .isZero();
        long paidOnBookings = 0;
        for (String id : bookings) {
            BookingView b = studio.booking(id, studio.owner());
            assertThat(b.paidCents()).as("seed " + seed + " " + b).isBetween(0L, b.totalCents() + b.feesCents());
            paidOnBookings += b.paidCents();
            long inTheTill = inStudio(() -> jdbc.sql(
                            """
                            SELECT coalesce(sum(e.amount_cents), 0) FROM ledger_entry e
                              JOIN ledger_transaction t ON t.studio_id = e.studio_id AND t.id = e.transaction_id
                             WHERE e.studio_id = ? AND t.reference = ? AND e.account IN ('cash', 'bank', 'processor_clearing')
                            """)
                    .params(studioId, UUID.fromString(id))
                    .query(Long.class)
                    .single());
            assertThat(inTheTill)
                    .as("money held for " + b.code() + ", seed " + seed)
                    .isEqualTo(b.paidCents());
        }
        long held =
                inStudio(() -> jdbc.sql("SELECT coalesce(sum(amount_cents), 0) FROM ledger_entry WHERE studio_id = ?"
                                + " AND account IN ('cash', 'bank', 'processor_clearing')")
                        .params(studioId)
                        .query(Long.class)
                        .single());
        assertThat(held).as("seed " + seed).isEqualTo(paidOnBookings);
    }

    /** One random move by one client's thread (and the studio); refusals are part of the game. */
    private void act(
            Random random, String room, String service, String client, int thread, int step, List<String> bookings) {
        List<String> mine = new ArrayList<>(bookings);
        int move = mine.isEmpty() ? 0 : random.nextInt(7);
        String id = mine.isEmpty() ? null : mine.get(random.nextInt(mine.size()));
        Response answer;
        switch (move) {
            case 0 -> {
                int day = 3 + random.nextInt(20);
                int hour = 8 + thread * 3 + random.nextInt(3);
                answer = api.post(
                        "/api/bookings",
                        booking(room, service, at(day, hour), at(day, hour + 1)).json(),
                        client);
                if (answer.status() == 201) {
                    bookings.add(answer.json().get("booking_id").asText());
                }
            }
            case 1 -> answer = api.post("/api/admin/bookings/" + id + "/approve", "{}", studio.owner());
            case 2 ->
                answer = api.post(
                        "/api/admin/bookings/" + id + "/payments",
                        json(
                                "amount_cents",
                                1 + random.nextInt(6_000),
                                "method",
                                random.nextBoolean() ? "cash" : "bank_transfer"),
                        studio.owner());
            case 3 ->
                answer = api.post(
                        "/api/admin/bookings/" + id + "/refund",
                        json("amount_cents", 1 + random.nextInt(4_000), "reason", "Goodwill " + step),
                        studio.owner());
            case 4 -> answer = api.post("/api/bookings/" + id + "/cancel", json("reason", "Random"), studio.owner());
            case 5 ->
                answer = api.post("/api/admin/bookings/" + id + "/reject", json("reason", "Random"), studio.owner());
            default -> {
                int day = 25 + random.nextInt(30);
                int hour = 8 + random.nextInt(12);
                answer = api.post(
                        "/api/bookings/" + id + "/reschedule",
                        json("new_start_at", at(day, hour), "new_end_at", at(day, hour + 1)),
                        studio.owner());
            }
        }
        assertThat(answer.status()).as("move " + move + " " + answer).isLessThan(500);
    }

    private String confirmedBooking(int daysAhead) {
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        String id = studio.book(booking(room, service, at(daysAhead, 10), at(daysAhead, 11)), studio.client())
                .bookingId();
        studio.approve(id, "Yes");
        return id;
    }
}
