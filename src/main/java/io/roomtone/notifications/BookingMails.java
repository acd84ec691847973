package io.roomtone.notifications;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingEvents.BookingApproved;
import io.roomtone.booking.BookingEvents.BookingCanceled;
import io.roomtone.booking.BookingEvents.BookingExpired;
import io.roomtone.booking.BookingEvents.BookingRefunded;
import io.roomtone.booking.BookingEvents.BookingRejected;
import io.roomtone.booking.BookingEvents.BookingRequested;
import io.roomtone.booking.BookingEvents.BookingRescheduled;
import io.roomtone.booking.BookingEvents.PaymentActionNeeded;
import io.roomtone.booking.BookingEvents.StaffAssigned;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The messages that follow a booking's life, written after each change committed: to its client
 * (received, confirmed with its calendar file, rejected, expired, rescheduled, canceled, refunded,
 * payment needed, and a reminder before the session), to the studio's owners and admins (new
 * request, cancellation) and to its staff (assigned, unassigned). Each is keyed on its event, so a
 * redelivered event writes nothing new.
 */
@Component
class BookingMails {

    static final String REMINDER = "booking-reminder";
    /** A reminder due sooner than this after the confirmation would only repeat it. */
    private static final Duration REMINDER_MIN_NOTICE = Duration.ofHours(2);

    private final BookingQueries bookings;
    private final Letters letters;
    private final Outbox outbox;
    private final NotificationProperties properties;
    private final Clock clock;

    BookingMails(
            BookingQueries bookings, Letters letters, Outbox outbox, NotificationProperties properties, Clock clock) {
        this.bookings = bookings;
        this.letters = letters;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(BookingRequested requested) {
        withBooking(requested.studioId(), requested.bookingId(), booking -> {
            if (booking.status() == BookingStatus.AWAITING_APPROVAL) {
                String key = "booking.requested:" + booking.id();
                letters.toClient(key, "booking-requested", booking, Map.of());
                letters.toStudio(key, "studio-new-request", booking, Map.of());
                letters.notice(key, "booking.requested", booking, "notice.new-request");
            } else {
                confirmed(booking, "booking.confirmed:" + booking.id(), null);
            }
        });
    }

    @ApplicationModuleListener
    void on(BookingApproved approved) {
        withBooking(approved.studioId(), approved.bookingId(), booking -> {
            if (booking.status() == BookingStatus.CONFIRMED) {
                confirmed(booking, "booking.confirmed:" + booking.id(), approved.message());
            }
        });
    }

    private void confirmed(Booking booking, String key, String message) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("message", message);
        letters.toClient(key, "booking-confirmed", booking, extra, letters.calendarFile(booking));
        letters.smsToClient(key, "booking-confirmed", booking, null);
        letters.toStaff(key, "staff-assigned", booking, booking.staffIds(), Map.of());
        remind(booking);
    }

    /** The client's reminder, due {@code reminderLead} before the session; it waits in the outbox. */
    private void remind(Booking booking) {
        Instant due = booking.startAt().minus(properties.notifications().reminderLead());
        if (due.isBefore(clock.instant().plus(REMINDER_MIN_NOTICE))) {
            return;
        }
        String key =
                "booking.reminder:" + booking.id() + ":" + booking.startAt().getEpochSecond();
        letters.toClientAt(key, REMINDER, booking, due);
        letters.smsToClient(key, REMINDER, booking, due);
    }

    @ApplicationModuleListener
    void on(BookingRejected rejected) {
        withBooking(rejected.studioId(), rejected.bookingId(), booking -> {
            Map<String, Object> extra = new HashMap<>();
            extra.put("reason", rejected.reason());
            letters.toClient("booking.rejected:" + booking.id(), "booking-rejected", booking, extra);
        });
    }

    @ApplicationModuleListener
    void on(BookingExpired expired) {
        withBooking(
                expired.studioId(),
                expired.bookingId(),
                booking -> letters.toClient("booking.expired:" + booking.id(), "booking-expired", booking, Map.of()));
    }

    @ApplicationModuleListener
    void on(BookingCanceled canceled) {
        withBooking(canceled.studioId(), canceled.bookingId(), booking -> {
            outbox.skipWaiting(booking.id(), REMINDER, "The booking was canceled");
            String key = "booking.canceled:" + booking.id();
            Map<String, Object> extra = new HashMap<>();
            extra.put("reason", canceled.reason());
            extra.put(
                    "refund",
                    canceled.refundCents() > 0 ? BookingFacts.money(canceled.refundCents(), booking.currency()) : null);
            letters.toClient(key, "booking-canceled", booking, extra, letters.calendarFile(booking));
            letters.smsToClient(key, "booking-canceled", booking, null);
            letters.toStudio(key, "studio-booking-canceled", booking, extra);
            letters.toStaff(key, "staff-unassigned", booking, booking.staffIds(), extra);
            letters.notice(key, "booking.canceled", booking, "notice.canceled");
        });
    }

    @ApplicationModuleListener
    void on(BookingRescheduled rescheduled) {
        withBooking(rescheduled.studioId(), rescheduled.bookingId(), booking -> {
            outbox.skipWaiting(booking.id(), REMINDER, "The session moved");
            String key = "booking.rescheduled:" + booking.id() + ":"
                    + rescheduled.previousStartAt().getEpochSecond() + ">"
                    + rescheduled.startAt().getEpochSecond();
            Map<String, Object> extra = new HashMap<>();
            extra.put("previous", BookingFacts.moment(rescheduled.previousStartAt(), letters.zone()));
            extra.put(
                    "fee",
                    rescheduled.feeCents() > 0 ? BookingFacts.money(rescheduled.feeCents(), booking.currency()) : null);
            letters.toClient(key, "booking-rescheduled", booking, extra, letters.calendarFile(booking));
            letters.smsToClient(key, "booking-rescheduled", booking, null);
            letters.toStaff(key, "staff-rescheduled", booking, booking.staffIds(), extra);
            if (booking.status() == BookingStatus.CONFIRMED) {
                remind(booking);
            }
        });
    }

    @ApplicationModuleListener
    void on(BookingRefunded refunded) {
        withBooking(refunded.studioId(), refunded.bookingId(), booking -> {
            Map<String, Object> extra = new HashMap<>();
            extra.put("refund", BookingFacts.money(refunded.amountCents(), refunded.currency()));
            extra.put("reason", refunded.reason());
            letters.toClient(
                    "booking.refunded:" + booking.id() + ":" + booking.refundedCents(),
                    "booking-refunded",
                    booking,
                    extra);
        });
    }

    @ApplicationModuleListener
    void on(PaymentActionNeeded needed) {
        withBooking(needed.studioId(), needed.bookingId(), booking -> {
            String key = "booking.payment-action:" + booking.id() + ":" + needed.owedCents();
            Map<String, Object> extra = new HashMap<>();
            extra.put("owedNow", BookingFacts.money(needed.owedCents(), needed.currency()));
            extra.put("failure", needed.failure());
            letters.toClient(key, "payment-action-needed", booking, extra);
            letters.notice(key, "payment.action-needed", booking, "notice.payment-action-needed");
        });
    }

    @ApplicationModuleListener
    void on(StaffAssigned assigned) {
        withBooking(assigned.studioId(), assigned.bookingId(), booking -> {
            if (booking.status() != BookingStatus.CONFIRMED) {
                return;
            }
            String key = "booking.staff:" + booking.id() + ":"
                    + Secrets.sha256(assigned.previousStaffIds() + ">" + assigned.staffIds())
                            .substring(0, 16);
            List<UUID> before = assigned.previousStaffIds();
            letters.toStaff(
                    key,
                    "staff-assigned",
                    booking,
                    assigned.staffIds().stream()
                            .filter(id -> !before.contains(id))
                            .toList(),
                    Map.of());
            letters.toStaff(
                    key,
                    "staff-unassigned",
                    booking,
                    before.stream()
                            .filter(id -> !assigned.staffIds().contains(id))
                            .toList(),
                    Map.of());
        });
    }

    private void withBooking(UUID studioId, UUID bookingId, Consumer<Booking> write) {
        Tenancy.runAs(studioId, () -> bookings.ofStudio(bookingId).ifPresent(write));
    }
}
