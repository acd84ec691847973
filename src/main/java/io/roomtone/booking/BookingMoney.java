package io.roomtone.booking;

import io.roomtone.identity.CurrentUser;
import io.roomtone.payments.CardPayments;
import io.roomtone.payments.Payments;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The money side of a booking's moves, through payments (the booking's id is its purchase
 * reference). Each refund a move makes carries an operation id derived from the move, so a move
 * retried after a deadlock or replayed never refunds twice.
 */
@Component
class BookingMoney {

    private final Payments payments;
    private final CardPayments cards;

    BookingMoney(Payments payments, CardPayments cards) {
        this.payments = payments;
        this.cards = cards;
    }

    /**
     * Asks a client who booked for themselves to pay the deposit by card, when card payments are
     * on: held until the studio approves a request, taken at once for a confirmed booking. What the
     * studio books for a client is paid at the studio. Call it after the booking committed.
     */
    BookingRequests.Requested startOnline(BookingRequests.Requested requested, CurrentUser caller) {
        if (!cards.available() || caller.role().isAdmin() || requested.depositCents() <= 0) {
            return requested;
        }
        return cards.start(
                        requested.bookingId(),
                        requested.currency(),
                        requested.depositCents(),
                        requested.status() == BookingStatus.AWAITING_APPROVAL,
                        operationId("deposit", requested.bookingId()))
                .map(started -> requested.withClientSecret(started.clientSecret()))
                .orElse(requested);
    }

    /** The studio approved: the deposit held on the client's card is taken. */
    void capture(UUID bookingId) {
        cards.capture(bookingId, operationId("capture", bookingId));
    }

    /** The booking will not happen: what its card payment holds or still asks for is let go. */
    void release(UUID bookingId) {
        cards.release(bookingId, operationId("release", bookingId));
    }

    /** What can still go back to the client: received, minus refunded, minus refunds under way. */
    long refundable(Booking booking) {
        return payments.balanceOf(booking.id(), booking.currency()).refundableCents();
    }

    /** Gives {@code cents} back for the move {@code cause} (once per booking); nothing for 0. */
    void refund(Booking booking, long cents, String reason, String cause) {
        if (cents > 0) {
            String shown = reason.length() <= 500 ? reason : reason.substring(0, 499) + "…";
            payments.refund(new Payments.Refund(booking.id(), cents, shown, operationId(cause, booking.id())));
        }
    }

    /** Gives back everything the client paid: the studio turned the request down or let it lapse. */
    void returnAll(Booking booking, String reason, String cause) {
        refund(booking, refundable(booking), reason, cause);
    }

    private static UUID operationId(String cause, UUID bookingId) {
        return UUID.nameUUIDFromBytes((cause + ":" + bookingId).getBytes(StandardCharsets.UTF_8));
    }
}
