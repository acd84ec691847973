package io.roomtone.payouts;

import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.Ledger;
import io.roomtone.payments.LedgerAccount;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each staff member earned and was paid in a period, and what they are owed now: the figures
 * of {@code /admin/payouts} and its API, read in one transaction so that they agree with each other.
 */
@Service
public class PayoutReports {

    /**
     * One staff member's figures.
     *
     * @param sessions completed sessions of theirs that ended in the period
     * @param baseCents their share of those sessions' service revenue, net of tax
     * @param rateBps their commission rate now (each session keeps the rate it was accrued at)
     * @param accruedCents commission earned in the period
     * @param reversedCents commission taken back in the period by refunds of completed sessions
     * @param paidCents paid out to them in the period
     * @param owedCents what the studio owes them now, whatever the period
     */
    public record StaffFigures(
            UUID staffId,
            String name,
            boolean active,
            int rateBps,
            long sessions,
            long baseCents,
            long accruedCents,
            long reversedCents,
            long paidCents,
            long owedCents,
            String currency) {}

    /** The figures of every staff member, and their sums. */
    public record Report(PayoutPeriod period, List<StaffFigures> staff, Totals totals) {}

    public record Totals(
            long sessions,
            long baseCents,
            long accruedCents,
            long reversedCents,
            long paidCents,
            long owedCents,
            String currency) {}

    private final JdbcClient jdbc;
    private final StaffMembers staffMembers;
    private final Studios studios;
    private final Ledger ledger;
    private final Payouts payouts;

    PayoutReports(JdbcClient jdbc, StaffMembers staffMembers, Studios studios, Ledger ledger, Payouts payouts) {
        this.jdbc = jdbc;
        this.staffMembers = staffMembers;
        this.studios = studios;
        this.ledger = ledger;
        this.payouts = payouts;
    }

    /** Every staff member of the current studio, active or not, by name. */
    @Transactional(readOnly = true)
    public Report report(PayoutPeriod period) {
        String currency = studios.current().currency();
        Map<UUID, long[]> earned = new HashMap<>();
        jdbc.sql(
                        """
                        SELECT staff_id, count(*) AS sessions, sum(base_cents) AS base, sum(commission_cents) AS commission
                          FROM commission_accrual
                         WHERE studio_id = :studio AND earned_at >= :from AND earned_at < :to AND currency = :currency
                         GROUP BY staff_id
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("from", Timestamp.from(period.start()))
                .param("to", Timestamp.from(period.end()))
                .param("currency", currency)
                .query((rs, n) -> earned.put(
                        rs.getObject("staff_id", UUID.class),
                        new long[] {rs.getLong("sessions"), rs.getLong("base"), rs.getLong("commission")}))
                .list();
        Map<UUID, Long> reversed = new HashMap<>();
        jdbc.sql(
                        """
                        SELECT staff_id, sum(amount_cents) AS reversed
                          FROM commission_reversal
                         WHERE studio_id = :studio AND reversed_at >= :from AND reversed_at < :to AND currency = :currency
                         GROUP BY staff_id
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("from", Timestamp.from(period.start()))
                .param("to", Timestamp.from(period.end()))
                .param("currency", currency)
                .query((rs, n) -> reversed.put(rs.getObject("staff_id", UUID.class), rs.getLong("reversed")))
                .list();
        Map<UUID, Long> paid = new HashMap<>();
        payouts.paidIn(period, null).stream()
                .filter(p -> p.currency().equals(currency))
                .forEach(p -> paid.merge(p.staffId(), p.amountCents(), Long::sum));
        Map<UUID, Long> owed = new HashMap<>();
        ledger.partyBalances(LedgerAccount.COMMISSION_PAYABLE).stream()
                .filter(b -> b.currency().equals(currency))
                .forEach(b -> owed.put(b.party(), -b.balanceCents()));
        List<StaffFigures> figures = staffMembers.list(false).stream()
                .map(m -> figures(
                        m,
                        earned.getOrDefault(m.id(), new long[3]),
                        reversed.getOrDefault(m.id(), 0L),
                        paid,
                        owed,
                        currency))
                .toList();
        Totals totals = new Totals(
                figures.stream().mapToLong(StaffFigures::sessions).sum(),
                figures.stream().mapToLong(StaffFigures::baseCents).sum(),
                figures.stream().mapToLong(StaffFigures::accruedCents).sum(),
                figures.stream().mapToLong(StaffFigures::reversedCents).sum(),
                figures.stream().mapToLong(StaffFigures::paidCents).sum(),
                figures.stream().mapToLong(StaffFigures::owedCents).sum(),
                currency);
        return new Report(period, figures, totals);
    }

    /** The sessions behind one staff member's figures in {@code period}, by when they ended. */
    @Transactional(readOnly = true)
    public List<Commissions.Accrual> lines(UUID staffId, PayoutPeriod period) {
        staffMembers.get(staffId);
        return jdbc.sql(
                        """
                        SELECT booking_id, booking_code, staff_id, session_start_at, earned_at, base_cents, rate_bps,
                               commission_cents, currency
                          FROM commission_accrual
                         WHERE studio_id = :studio AND staff_id = :staff AND earned_at >= :from AND earned_at < :to
                         ORDER BY earned_at, booking_code
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("staff", staffId)
                .param("from", Timestamp.from(period.start()))
                .param("to", Timestamp.from(period.end()))
                .query((rs, n) -> new Commissions.Accrual(
                        rs.getObject("booking_id", UUID.class),
                        rs.getString("booking_code"),
                        rs.getObject("staff_id", UUID.class),
                        rs.getTimestamp("session_start_at").toInstant(),
                        rs.getTimestamp("earned_at").toInstant(),
                        rs.getLong("base_cents"),
                        rs.getInt("rate_bps"),
                        rs.getLong("commission_cents"),
                        rs.getString("currency")))
                .list();
    }

    private static StaffFigures figures(
            StaffMember m, long[] earned, long reversed, Map<UUID, Long> paid, Map<UUID, Long> owed, String currency) {
        return new StaffFigures(
                m.id(),
                m.name(),
                m.active(),
                m.commissionRateBps(),
                earned[0],
                earned[1],
                earned[2],
                reversed,
                paid.getOrDefault(m.id(), 0L),
                owed.getOrDefault(m.id(), 0L),
                currency);
    }
}
