package io.roomtone.booking;

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

    BookingMoney(Payments payments) {
        this.payments = payments;
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
