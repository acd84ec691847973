package io.roomtone.payouts;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.booking.Price;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.Ledger;
import io.roomtone.payments.LedgerAccount;
import io.roomtone.payments.LedgerPosting;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commissions a completed session earns its staff. The base is the session's service revenue net
 * of tax: the booked service's line of the booking's price snapshot (add-ons are things the studio
 * sells, not the staff member's work, and reschedule fees are not revenue of the session), split
 * equally between the staff who worked it (the odd cents go to the first ones, so the shares add
 * up to the line). Each share earns the staff member's rate at the moment of completion, rounded
 * half-even to the cent (a bookkeeper's rounding: no drift up over many sessions).
 */
@Service
public class Commissions {

    /** One staff member's commission of one completed session. */
    public record Accrual(
            UUID bookingId,
            String bookingCode,
            UUID staffId,
            java.time.Instant sessionStartAt,
            java.time.Instant earnedAt,
            long baseCents,
            int rateBps,
            long commissionCents,
            String currency) {}

    private final JdbcClient jdbc;
    private final BookingQueries bookings;
    private final StaffMembers staff;
    private final Ledger ledger;
    private final CommissionReversals reversals;

    Commissions(
            JdbcClient jdbc,
            BookingQueries bookings,
            StaffMembers staff,
            Ledger ledger,
            CommissionReversals reversals) {
        this.jdbc = jdbc;
        this.bookings = bookings;
        this.staff = staff;
        this.ledger = ledger;
        this.reversals = reversals;
    }

    /**
     * Accrues the commissions of the completed booking {@code bookingId} of the current studio, once
     * per staff member however often it is called, by however many nodes at once: the row of each
     * (booking, staff member) is inserted first, and only the transaction that inserted it posts
     * (a concurrent one waits on the unique key, then finds it taken). Returns what this call
     * accrued (empty when it had been done before, or the booking is not completed).
     */
    @Transactional
    public List<Accrual> accrue(UUID bookingId) {
        reversals.lock(bookingId);
        Optional<Booking> found = bookings.ofStudio(bookingId);
        if (found.isEmpty() || found.get().status() != BookingStatus.COMPLETED) {
            return List.of();
        }
        Booking booking = found.get();
        List<UUID> staffIds = booking.staffIds();
        List<Accrual> accrued = new ArrayList<>();
        long[] shares = shares(serviceRevenue(booking), staffIds.size());
        for (int i = 0; i < staffIds.size(); i++) {
            UUID staffId = staffIds.get(i);
            // someone removed from the staff since keeps no rate: nothing is owed to a profile that is gone
            int rate = staff.find(staffId).map(StaffMember::commissionRateBps).orElse(0);
            Accrual accrual = new Accrual(
                    booking.id(),
                    booking.code(),
                    staffId,
                    booking.startAt(),
                    booking.endAt(),
                    shares[i],
                    rate,
                    commission(shares[i], rate),
                    booking.currency());
            if (claim(accrual)) {
                post(accrual);
                accrued.add(accrual);
            }
        }
        // a session refunded in part before it completed earns commission on what it kept
        reversals.catchUp(booking);
        return accrued;
    }

    /** {@code baseCents} × {@code rateBps} / 10000, rounded half-even to the cent. */
    static long commission(long baseCents, int rateBps) {
        return BigDecimal.valueOf(baseCents)
                .multiply(BigDecimal.valueOf(rateBps))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    /** {@code total} split in {@code parts} that add up to it, the first ones a cent larger when it does not divide. */
    static long[] shares(long total, int parts) {
        long[] shares = new long[parts];
        for (int i = 0; i < parts; i++) {
            shares[i] = total / parts + (i < total % parts ? 1 : 0);
        }
        return shares;
    }

    private static long serviceRevenue(Booking booking) {
        return booking.lines().stream()
                .filter(line -> !line.isAddon())
                .mapToLong(Price.Line::totalCents)
                .sum();
    }

    private boolean claim(Accrual a) {
        return jdbc.sql(
                                """
                        INSERT INTO commission_accrual (studio_id, booking_id, staff_id, booking_code, session_start_at,
                                                        earned_at, base_cents, rate_bps, commission_cents, currency)
                        VALUES (:studio, :booking, :staff, :code, :start, :earned, :base, :rate, :commission, :currency)
                        ON CONFLICT (studio_id, booking_id, staff_id) DO NOTHING
                        """)
                        .param("studio", Tenancy.currentStudioId())
                        .param("booking", a.bookingId())
                        .param("staff", a.staffId())
                        .param("code", a.bookingCode())
                        .param("start", Timestamp.from(a.sessionStartAt()))
                        .param("earned", Timestamp.from(a.earnedAt()))
                        .param("base", a.baseCents())
                        .param("rate", a.rateBps())
                        .param("commission", a.commissionCents())
                        .param("currency", a.currency())
                        .update()
                == 1;
    }

    private void post(Accrual a) {
        if (a.commissionCents() == 0) {
            return;
        }
        UUID transaction = ledger.post(new LedgerPosting(
                a.bookingId(),
                "commission_accrued",
                "Commission on " + a.bookingCode(),
                a.earnedAt(),
                List.of(
                        new LedgerPosting.Entry(
                                LedgerAccount.COMMISSION_EXPENSE, a.commissionCents(), a.currency(), a.staffId()),
                        new LedgerPosting.Entry(
                                LedgerAccount.COMMISSION_PAYABLE, -a.commissionCents(), a.currency(), a.staffId()))));
        jdbc.sql(
                        """
                        UPDATE commission_accrual SET ledger_transaction_id = :transaction
                         WHERE studio_id = :studio AND booking_id = :booking AND staff_id = :staff
                        """)
                .param("transaction", transaction)
                .param("studio", Tenancy.currentStudioId())
                .param("booking", a.bookingId())
                .param("staff", a.staffId())
                .update();
    }
}
