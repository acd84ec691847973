package io.roomtone.calendarsync;

import io.roomtone.booking.BookingEvents.BookingApproved;
import io.roomtone.booking.BookingEvents.BookingCanceled;
import io.roomtone.booking.BookingEvents.BookingExpired;
import io.roomtone.booking.BookingEvents.BookingRejected;
import io.roomtone.booking.BookingEvents.BookingRequested;
import io.roomtone.booking.BookingEvents.BookingRescheduled;
import io.roomtone.booking.BookingEvents.StaffAssigned;
import io.roomtone.booking.BookingStatus;
import io.roomtone.identity.Tenancy;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Booking changes that move staff calendars. Each only writes down what the calendars should hold
 * (in its own transaction, after the booking committed); the job sends it. Redelivered events
 * change nothing: {@link CalendarSync#follow} compares with what is already asked for.
 */
@Component
class CalendarSyncListener {

    private final CalendarSync sync;

    CalendarSyncListener(CalendarSync sync) {
        this.sync = sync;
    }

    @ApplicationModuleListener
    void on(BookingRequested requested) {
        if (requested.status() == BookingStatus.CONFIRMED
                && !requested.staffIds().isEmpty()) {
            Tenancy.runAs(requested.studioId(), () -> sync.follow(requested.bookingId()));
        }
    }

    @ApplicationModuleListener
    void on(BookingApproved approved) {
        Tenancy.runAs(approved.studioId(), () -> sync.follow(approved.bookingId()));
    }

    @ApplicationModuleListener
    void on(BookingRescheduled rescheduled) {
        Tenancy.runAs(rescheduled.studioId(), () -> sync.follow(rescheduled.bookingId()));
    }

    @ApplicationModuleListener
    void on(StaffAssigned assigned) {
        Tenancy.runAs(assigned.studioId(), () -> sync.follow(assigned.bookingId()));
    }

    @ApplicationModuleListener
    void on(BookingCanceled canceled) {
        Tenancy.runAs(canceled.studioId(), () -> sync.follow(canceled.bookingId()));
    }

    @ApplicationModuleListener
    void on(BookingRejected rejected) {
        Tenancy.runAs(rejected.studioId(), () -> sync.follow(rejected.bookingId()));
    }

    @ApplicationModuleListener
    void on(BookingExpired expired) {
        Tenancy.runAs(expired.studioId(), () -> sync.follow(expired.bookingId()));
    }

    @ApplicationModuleListener
    void on(CalendarSyncEvents.Connected connected) {
        Tenancy.runAs(connected.studioId(), () -> sync.connected(connected.staffId(), connected.provider()));
    }
}
