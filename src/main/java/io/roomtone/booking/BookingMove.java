package io.roomtone.booking;

import static io.roomtone.booking.BookingStatus.AWAITING_APPROVAL;
import static io.roomtone.booking.BookingStatus.COMPLETED;
import static io.roomtone.booking.BookingStatus.CONFIRMED;

import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The legal moves of a booking: the only place that says which status a move starts from and
 * where it leads. {@link BookingStore} applies each as one update guarded by {@link #from()}.
 */
enum BookingMove {
    APPROVE(EnumSet.of(AWAITING_APPROVAL), "approved"),
    REJECT(EnumSet.of(AWAITING_APPROVAL), "rejected"),
    /** The decision deadline passed with no decision. */
    EXPIRE(EnumSet.of(AWAITING_APPROVAL), "expired"),
    CANCEL(EnumSet.of(AWAITING_APPROVAL, CONFIRMED), "canceled"),
    /** The session and its tear-down are over. */
    COMPLETE(EnumSet.of(CONFIRMED), "completed"),
    /** Also after the completion job has run: a studio often learns of a no-show the next day. */
    MARK_NO_SHOW(EnumSet.of(CONFIRMED, COMPLETED), "marked as a no-show"),
    /** To another time; the status stays, or goes back to awaiting approval. */
    RESCHEDULE(EnumSet.of(AWAITING_APPROVAL, CONFIRMED), "rescheduled"),
    ASSIGN_STAFF(EnumSet.of(AWAITING_APPROVAL, CONFIRMED), "given staff");

    private final Set<BookingStatus> from;
    private final String done;

    BookingMove(Set<BookingStatus> from, String done) {
        this.from = from;
        this.done = done;
    }

    Set<BookingStatus> from() {
        return from;
    }

    /** Throws 409 {@code invalid_transition} naming the current status unless the move starts from it. */
    void requireFrom(Booking booking) {
        if (!from.contains(booking.status())) {
            throw refused(booking.code(), booking.status());
        }
    }

    RoomtoneException refused(String code, BookingStatus current) {
        return new RoomtoneException(
                ProblemCode.INVALID_TRANSITION,
                "Booking " + code + " is " + current.json() + " and cannot be " + done + ".");
    }
}
