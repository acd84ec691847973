package io.roomtone.payouts;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.Ledger;
import io.roomtone.payments.LedgerAccount;
import io.roomtone.payments.LedgerPosting;
import io.roomtone.payments.PaymentOperation;
import io.roomtone.payments.Payments;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Commission follows net revenue: a refund of a completed session takes back, from each staff
 * member's commission on it, the share the refund is of the session's total (commission × refunded
 * / total, half-even, never more than the commission left). Once per (refund operation, staff
 * member), whichever comes first: the refund's event, or the accrual of a session refunded before
 * it completed. Both take the same per-booking advisory lock, so neither misses the other's work.
 */
@Service
class CommissionReversals {

    private record Accrued(UUID staffId, String code, long commissionCents, long reversedCents, String currency) {}

    private final JdbcClient jdbc;
    private final BookingQueries bookings;
    private final Payments payments;
    private final Ledger ledger;

    CommissionReversals(JdbcClient jdbc, BookingQueries bookings, Payments payments, Ledger ledger) {
        this.jdbc = jdbc;
        this.bookings = bookings;
        this.payments = payments;
        this.ledger = ledger;
    }

    /** Serializes the commission work of one booking until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lock(UUID bookingId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('commission:' || :studio || ':' || :booking, 0))")
                .param("studio", Tenancy.currentStudioId().toString())
                .param("booking", bookingId.toString())
                .query((rs, n) -> 1)
                .single();
    }

    /** The refund {@code operationId} of purchase {@code reference} succeeded: reverses its share, if accrued. */
    @Transactional
    public void refunded(UUID reference, UUID operationId) {
        lock(reference);
        bookings.ofStudio(reference).ifPresent(booking -> payments.operationsOf(reference).stream()
                .filter(op -> op.id().equals(operationId))
                .filter(CommissionReversals::succeededRefund)
                .forEach(op -> reverse(booking, op)));
    }

    /** After an accrual, in its transaction and lock: the refunds made before the session completed. */
    @Transactional(propagation = Propagation.MANDATORY)
    void catchUp(Booking booking) {
        payments.operationsOf(booking.id()).stream()
                .filter(CommissionReversals::succeededRefund)
                .forEach(op -> reverse(booking, op));
    }

    private static boolean succeededRefund(PaymentOperation op) {
        return op.kind() == PaymentOperation.Kind.REFUND && op.status() == PaymentOperation.Status.SUCCEEDED;
    }

    private void reverse(Booking booking, PaymentOperation refund) {
        if (booking.totalCents() <= 0) {
            return;
        }
        Instant at = refund.settledAt() != null ? refund.settledAt() : refund.createdAt();
        for (Accrued accrued : accrued(booking.id())) {
            long share = BigDecimal.valueOf(accrued.commissionCents())
                    .multiply(BigDecimal.valueOf(refund.amountCents()))
                    .divide(BigDecimal.valueOf(booking.totalCents()), 0, RoundingMode.HALF_EVEN)
                    .longValueExact();
            long amount = Math.max(0, Math.min(share, accrued.commissionCents() - accrued.reversedCents()));
            int inserted = jdbc.sql(
                            """
                            INSERT INTO commission_reversal (studio_id, refund_operation_id, staff_id, booking_id,
                                                             booking_code, amount_cents, currency, reversed_at)
                            VALUES (:studio, :refund, :staff, :booking, :code, :amount, :currency, :at)
                            ON CONFLICT (studio_id, refund_operation_id, staff_id) DO NOTHING
                            """)
                    .param("studio", Tenancy.currentStudioId())
                    .param("refund", refund.id())
                    .param("staff", accrued.staffId())
                    .param("booking", booking.id())
                    .param("code", accrued.code())
                    .param("amount", amount)
                    .param("currency", accrued.currency())
                    .param("at", Timestamp.from(at))
                    .update();
            if (inserted == 1 && amount > 0) {
                post(booking, refund, accrued, amount, at);
            }
        }
    }

    private void post(Booking booking, PaymentOperation refund, Accrued accrued, long amount, Instant at) {
        UUID transaction = ledger.post(new LedgerPosting(
                booking.id(),
                "commission_reversed",
                "Commission on " + accrued.code() + " reversed by a refund",
                at,
                List.of(
                        new LedgerPosting.Entry(
                                LedgerAccount.COMMISSION_PAYABLE, amount, accrued.currency(), accrued.staffId()),
                        new LedgerPosting.Entry(
                                LedgerAccount.COMMISSION_EXPENSE, -amount, accrued.currency(), accrued.staffId()))));
        jdbc.sql(
                        """
                        UPDATE commission_reversal SET ledger_transaction_id = :transaction
                         WHERE studio_id = :studio AND refund_operation_id = :refund AND staff_id = :staff
                        """)
                .param("transaction", transaction)
                .param("studio", Tenancy.currentStudioId())
                .param("refund", refund.id())
                .param("staff", accrued.staffId())
                .update();
    }

    private List<Accrued> accrued(UUID bookingId) {
        return jdbc.sql(
                        """
                        SELECT a.staff_id, a.booking_code, a.commission_cents, a.currency,
                               coalesce((SELECT sum(r.amount_cents) FROM commission_reversal r
                                          WHERE r.studio_id = a.studio_id AND r.booking_id = a.booking_id
                                            AND r.staff_id = a.staff_id), 0) AS reversed
                          FROM commission_accrual a
                         WHERE a.studio_id = :studio AND a.booking_id = :booking AND a.commission_cents > 0
                         ORDER BY a.staff_id
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("booking", bookingId)
                .query((rs, n) -> new Accrued(
                        rs.getObject("staff_id", UUID.class),
                        rs.getString("booking_code"),
                        rs.getLong("commission_cents"),
                        rs.getLong("reversed"),
                        rs.getString("currency")))
                .list();
    }
}
