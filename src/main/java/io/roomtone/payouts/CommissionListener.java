package io.roomtone.payouts;

import io.roomtone.booking.BookingEvents.BookingCompleted;
import io.roomtone.identity.Tenancy;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Accrues a session's commissions once it is completed, after the completion committed. The event
 * publication registry redelivers it when it fails; {@link Commissions#accrue} is idempotent.
 *
 * <p>Not in a transaction of the listener's own: it would begin on the listener's thread before
 * {@link Tenancy#runAs} names the studio, so row-level security would show it nothing. The
 * transaction of {@link Commissions#accrue} begins inside {@code runAs}.
 */
@Component
class CommissionListener {

    private final Commissions commissions;

    CommissionListener(Commissions commissions) {
        this.commissions = commissions;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(BookingCompleted completed) {
        Tenancy.runAs(completed.studioId(), () -> commissions.accrue(completed.bookingId()));
    }
}
