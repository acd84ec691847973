package io.roomtone.booking;

import io.roomtone.booking.BookingEvents.BookingCanceled;
import io.roomtone.booking.BookingEvents.BookingCompleted;
import io.roomtone.booking.BookingEvents.BookingExpired;
import io.roomtone.booking.BookingEvents.BookingNoShow;
import io.roomtone.booking.BookingEvents.BookingRejected;
import io.roomtone.identity.Tenancy;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Closes a booking's manage links once it can no longer be changed. After the change committed,
 * never inside it: a change made through a link holds the link's row while it locks the booking,
 * so revoking links inside a change that locked the booking first could deadlock with it. Until
 * this runs, {@link ManageLinks#find} already judges the link by the booking's status.
 */
@Component
class ManageLinkRevocation {

    private final ManageLinks links;

    ManageLinkRevocation(ManageLinks links) {
        this.links = links;
    }

    @ApplicationModuleListener
    void on(BookingCanceled event) {
        revoke(event.studioId(), event.bookingId());
    }

    @ApplicationModuleListener
    void on(BookingRejected event) {
        revoke(event.studioId(), event.bookingId());
    }

    @ApplicationModuleListener
    void on(BookingExpired event) {
        revoke(event.studioId(), event.bookingId());
    }

    @ApplicationModuleListener
    void on(BookingCompleted event) {
        revoke(event.studioId(), event.bookingId());
    }

    @ApplicationModuleListener
    void on(BookingNoShow event) {
        revoke(event.studioId(), event.bookingId());
    }

    private void revoke(UUID studioId, UUID bookingId) {
        Tenancy.runAs(studioId, () -> links.revoke(bookingId));
    }
}
