package io.roomtone.booking;

import io.roomtone.booking.BookingEvents.BookingApproved;
import io.roomtone.booking.BookingEvents.BookingCanceled;
import io.roomtone.booking.BookingEvents.BookingExpired;
import io.roomtone.booking.BookingEvents.BookingRejected;
import io.roomtone.identity.Tenancy;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The card money that follows a booking's decisions, after they committed: an approval takes the
 * deposit held on the card; a rejection, an expiry or a cancellation lets go of what is held or
 * still asked for (money already taken goes back through the refund the move itself made). The
 * event publication registry redelivers a listener that failed; each call is idempotent.
 */
@Component
class BookingPaymentFlow {

    private final BookingMoney money;

    BookingPaymentFlow(BookingMoney money) {
        this.money = money;
    }

    @ApplicationModuleListener
    void on(BookingApproved approved) {
        Tenancy.runAs(approved.studioId(), () -> money.capture(approved.bookingId()));
    }

    @ApplicationModuleListener
    void on(BookingRejected rejected) {
        Tenancy.runAs(rejected.studioId(), () -> money.release(rejected.bookingId()));
    }

    @ApplicationModuleListener
    void on(BookingExpired expired) {
        Tenancy.runAs(expired.studioId(), () -> money.release(expired.bookingId()));
    }

    @ApplicationModuleListener
    void on(BookingCanceled canceled) {
        Tenancy.runAs(canceled.studioId(), () -> money.release(canceled.bookingId()));
    }
}
