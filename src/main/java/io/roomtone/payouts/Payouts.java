package io.roomtone.payouts;

import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.Ledger;
import io.roomtone.payments.LedgerAccount;
import io.roomtone.payments.LedgerPosting;
import io.roomtone.payments.Payments;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeBounds;
import io.roomtone.shared.Validation;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Paying staff what their commissions earned them. What a staff member is owed is minus the
 * balance of {@link LedgerAccount#COMMISSION_PAYABLE} for them; a payout debits it and credits the
 * till or the bank, and is refused when it would pay more than that balance at that moment.
 */
@Service
public class Payouts {

    /**
     * A payout to record.
     *
     * @param paidAt when the money left the studio; null is now
     * @param operationId the caller's id: sending the same one again records nothing new
     */
    public record Request(
            UUID staffId, Long amountCents, PayoutMethod method, Instant paidAt, String note, UUID operationId) {}

    /** A recorded payout, and whether this call recorded it or found it recorded by an earlier one. */
    public record Recorded(Payout payout, boolean repeated) {}

    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private static final String COLUMNS =
            "id, operation_id, staff_id, amount_cents, currency, method, paid_at, note, created_at";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final StaffMembers staff;
    private final Studios studios;
    private final AuditTrail audit;
    private final Clock clock;

    Payouts(JdbcClient jdbc, Ledger ledger, StaffMembers staff, Studios studios, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.staff = staff;
        this.studios = studios;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the current studio owes {@code staffId} now, in the studio's currency. */
    @Transactional(readOnly = true)
    public long owedTo(UUID staffId) {
        return -ledger.partyBalance(
                LedgerAccount.COMMISSION_PAYABLE, staffId, studios.current().currency());
    }

    /**
     * Records a payout. Payouts to one staff member are serialized by a transaction-scoped advisory
     * lock on (studio, staff member), taken before the balance is read: twelve payouts racing for
     * what is owed see each other's postings one after the other, and only those that fit pass
     * (409 {@code payout_exceeds_owed} naming what is owed for the others). An operation id recorded
     * before returns that payout (with a different staff member, amount or method: 409).
     */
    @Transactional
    public Recorded record(Request request, UUID recordedBy) {
        check(request);
        StaffMember member = staff.get(request.staffId());
        String currency = studios.current().currency();
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('payout:' || :studio || ':' || :staff, 0))")
                .param("studio", Tenancy.currentStudioId().toString())
                .param("staff", member.id().toString())
                .query((rs, n) -> 1)
                .single();
        Optional<Payout> earlier = byOperation(request.operationId());
        if (earlier.isPresent()) {
            Payout payout = earlier.get();
            if (!payout.staffId().equals(member.id())
                    || payout.amountCents() != request.amountCents()
                    || payout.method() != request.method()) {
                throw new RoomtoneException(
                        ProblemCode.CONFLICT,
                        "This operation_id already recorded a different payout; send a new one for a new payout.",
                        List.of(),
                        Map.of("payout_id", payout.id()));
            }
            return new Recorded(payout, true);
        }
        long owed = owedTo(member.id());
        if (request.amountCents() > owed) {
            throw new RoomtoneException(
                    ProblemCode.PAYOUT_EXCEEDS_OWED,
                    member.name() + " is owed " + major(owed, currency) + " " + currency + " now; a payout of "
                            + major(request.amountCents(), currency) + " would pay more.",
                    List.of(),
                    Map.of("owed_cents", owed, "currency", currency));
        }
        Instant paidAt = request.paidAt() == null ? clock.instant() : request.paidAt();
        UUID id = UUID.randomUUID();
        UUID transaction = ledger.post(new LedgerPosting(
                id,
                "commission_paid",
                "Payout to " + member.name(),
                paidAt,
                List.of(
                        new LedgerPosting.Entry(
                                LedgerAccount.COMMISSION_PAYABLE, request.amountCents(), currency, member.id()),
                        LedgerPosting.Entry.credit(request.method().account(), request.amountCents(), currency))));
        jdbc.sql(
                        """
                        INSERT INTO payout (studio_id, id, operation_id, staff_id, amount_cents, currency, method, paid_at,
                                            note, recorded_by, ledger_transaction_id)
                        VALUES (:studio, :id, :operation, :staff, :amount, :currency, :method, :paid, :note, :by,
                                :transaction)
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("operation", request.operationId())
                .param("staff", member.id())
                .param("amount", request.amountCents())
                .param("currency", currency)
                .param("method", request.method().code())
                .param("paid", Timestamp.from(paidAt))
                .param("note", blankToNull(request.note()))
                .param("by", recordedBy)
                .param("transaction", transaction)
                .update();
        Payout payout = byOperation(request.operationId()).orElseThrow();
        audit.record("payout.recorded", "staff", member.id(), null, payout);
        return new Recorded(payout, false);
    }

    /** The payouts of the current studio paid in {@code period}, oldest first; of one staff member when given. */
    @Transactional(readOnly = true)
    public List<Payout> paidIn(PayoutPeriod period, UUID staffId) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + """
                         FROM payout
                        WHERE studio_id = :studio AND paid_at >= :from AND paid_at < :to
                          AND (CAST(:staff AS uuid) IS NULL OR staff_id = :staff)
                        ORDER BY paid_at, created_at
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("from", Timestamp.from(period.start()))
                .param("to", Timestamp.from(period.end()))
                .param("staff", staffId)
                .query(Payouts::map)
                .list();
    }

    private Optional<Payout> byOperation(UUID operationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payout WHERE studio_id = :studio AND operation_id = :operation")
                .param("studio", Tenancy.currentStudioId())
                .param("operation", operationId)
                .query(Payouts::map)
                .optional();
    }

    private void check(Request request) {
        Instant now = clock.instant();
        new Validation()
                .require(request.staffId(), "staff_id")
                .require(request.amountCents(), "amount_cents")
                .check(
                        request.amountCents() == null
                                || (request.amountCents() > 0 && request.amountCents() <= Payments.MAX_CENTS),
                        "amount_cents",
                        "must be between 1 and " + Payments.MAX_CENTS)
                .require(request.method(), "method")
                .check(request.paidAt() == null || TimeBounds.contains(request.paidAt()), "paid_at", TimeBounds.MESSAGE)
                .check(
                        request.paidAt() == null || !request.paidAt().isAfter(now.plus(FUTURE_SKEW)),
                        "paid_at",
                        "must not be in the future")
                .check(
                        request.note() == null || request.note().length() <= 500,
                        "note",
                        "must be at most 500 characters")
                .require(request.operationId(), "operation_id")
                .throwIfInvalid();
    }

    /** Cents in major units as a plain decimal: {@code 6000} CAD is {@code 60.00}. */
    static String major(long cents, String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(cents, digits).toPlainString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Payout map(ResultSet rs, int row) throws SQLException {
        return new Payout(
                rs.getObject("id", UUID.class),
                rs.getObject("operation_id", UUID.class),
                rs.getObject("staff_id", UUID.class),
                rs.getLong("amount_cents"),
                rs.getString("currency"),
                PayoutMethod.of(rs.getString("method")).orElseThrow(),
                rs.getTimestamp("paid_at").toInstant(),
                rs.getString("note"),
                rs.getTimestamp("created_at").toInstant());
    }
}
