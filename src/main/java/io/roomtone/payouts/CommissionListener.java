package io.roomtone.payouts;

import io.roomtone.booking.BookingEvents.BookingCompleted;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.PaymentEvents.PaymentRefunded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Accrues a session's commissions once it is completed, and reverses their share of a refund, after
 * the change committed. The event publication registry redelivers a listener that failed; both
 * calls are idempotent.
 *
 * <p>Not in a transaction of the listener's own: it would begin on the listener's thread before
 * {@link Tenancy#runAs} names the studio, so row-level security would show it nothing. The
 * transaction of {@link Commissions#accrue} begins inside {@code runAs}.
 */
@Component
class CommissionListener {

    private final Commissions commissions;
    private final CommissionReversals reversals;

    CommissionListener(Commissions commissions, CommissionReversals reversals) {
        this.commissions = commissions;
        this.reversals = reversals;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(BookingCompleted completed) {
        Tenancy.runAs(completed.studioId(), () -> commissions.accrue(completed.bookingId()));
    }

    /** Money went back on a purchase: if it is a completed session, its commissions shrink in proportion. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentRefunded refunded) {
        Tenancy.runAs(refunded.studioId(), () -> reversals.refunded(refunded.reference(), refunded.operationId()));
    }
}
