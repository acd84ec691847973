package io.roomtone.support;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;

import io.roomtone.booking.BookingDecisions;
import io.roomtone.identity.Tenancy;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions of a {@link TestStudio} that already happened, worked by its staff, and completed the way
 * the completion job completes them; then waits for their commissions to be accrued (a listener
 * after commit). For the commission and payout tests.
 */
public final class CompletedSessions {

    private final TestStudio studio;
    private final Api api;
    private final BookingDecisions decisions;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String room;
    private final String clientId;
    private int day = 1;

    public CompletedSessions(
            TestStudio studio, Api api, BookingDecisions decisions, JdbcClient jdbc, TransactionTemplate transactions) {
        this.studio = studio;
        this.api = api;
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.room = studio.room("payouts");
        this.clientId = studio.userId(studio.client());
    }

    /** A service of the payouts room at a fixed price of {@code cents}, without tax. */
    public String service(long cents) {
        return studio.service().inRoomsTagged("payouts").fixedPrice(cents).create();
    }

    /** A staff member (signed in) with a commission rate of {@code bps}, set through the staff API. */
    public TestStudio.Engineer staff(int bps) {
        TestStudio.Engineer engineer = studio.engineer("mixing");
        api.patch("/api/admin/staff/" + engineer.id(), json("commission_rate_bps", bps), studio.owner())
                .expect(200);
        return engineer;
    }

    /**
     * A session of {@code serviceId} a few days ago (each call another day), worked by {@code staffIds},
     * entered by the owner after the fact; not completed yet. Returns its booking id.
     */
    public String past(String serviceId, String... staffIds) {
        return past(booking(room, serviceId, at(-day, 10), at(-day++, 11)), staffIds);
    }

    public String past(BookingRequest request, String... staffIds) {
        return studio.book(request.forClient(clientId).overridingRules().withStaff(staffIds), studio.owner())
                .bookingId();
    }

    /** Completes every ended session of the studio and waits until {@code bookingId}'s commissions are accrued. */
    public void complete(String bookingId, int staffCount) {
        Tenancy.callAs(UUID.fromString(studio.id()), decisions::completeEnded);
        waitFor(() -> accruals(bookingId) == staffCount);
    }

    /** The commission rows of a booking (one per staff member once accrued). */
    public long accruals(String bookingId) {
        return inStudio(() -> jdbc.sql("SELECT count(*) FROM commission_accrual WHERE booking_id = ?")
                .params(UUID.fromString(bookingId))
                .query(Long.class)
                .single());
    }

    /** The ledger transactions of {@code kind} posted for {@code reference}. */
    public long postings(String reference, String kind) {
        return inStudio(() -> jdbc.sql("SELECT count(*) FROM ledger_transaction WHERE reference = ? AND kind = ?")
                .params(UUID.fromString(reference), kind)
                .query(Long.class)
                .single());
    }

    /** The balance (debits − credits) of {@code account} for {@code party}, or for all parties when null. */
    public long balance(String account, String party) {
        return inStudio(() -> jdbc.sql("SELECT coalesce(sum(amount_cents), 0) FROM ledger_entry WHERE account = ?"
                        + " AND (CAST(? AS uuid) IS NULL OR party = CAST(? AS uuid))")
                .params(account, party, party)
                .query(Long.class)
                .single());
    }

    /** Runs {@code work} in a transaction of the studio (row-level security applies). */
    public <T> T inStudio(java.util.function.Supplier<T> work) {
        return Tenancy.callAs(UUID.fromString(studio.id()), () -> transactions.execute(tx -> work.get()));
    }

    public static void waitFor(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited 20 s in vain");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
