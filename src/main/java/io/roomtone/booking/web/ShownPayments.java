package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingPayments;
import io.roomtone.booking.BookingStatus;
import io.roomtone.booking.PaymentStatus;
import io.roomtone.payments.PaymentOperation;
import io.roomtone.payments.PaymentOperation.Kind;
import io.roomtone.payments.PaymentOperation.Status;
import io.roomtone.payments.Payments;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A booking's money as its pages show it: the payment status chip, what it costs with its fees,
 * what was paid and is still owed, and its payment operations. Only read here: every rule about
 * what may be recorded or refunded is {@link BookingPayments}'s, which the forms call.
 */
@Component
class ShownPayments {

    /**
     * One booking's money.
     *
     * @param dueCents the price and the fees charged on top of it
     * @param owedCents what is still to pay (nothing for a session that will not take place)
     * @param refundableCents what was paid and can still be refunded (refunds under way count)
     * @param operations every operation, oldest first (newest last)
     */
    record Shown(
            Booking booking,
            long dueCents,
            long owedCents,
            long refundableCents,
            boolean takesPayments,
            List<PaymentOperation> operations) {

        /** The message key of the payment status, e.g. {@code payments.status.deposit_paid}. */
        public String statusKey() {
            return "payments.status." + booking.paymentStatus().json();
        }

        /** The chip's CSS class; the chip always says the status in words too. */
        public String chip() {
            return chip(booking.paymentStatus());
        }

        /** Money that came in (received at the studio, or taken from a card), oldest first. */
        public List<PaymentOperation> received() {
            return operations.stream()
                    .filter(op -> op.kind().bringsMoneyIn() && op.status() == Status.SUCCEEDED)
                    .toList();
        }

        /** Money given back or being given back (a declined refund gave nothing back). */
        public List<PaymentOperation> refunds() {
            return operations.stream()
                    .filter(op -> op.kind() == Kind.REFUND && op.status() != Status.FAILED)
                    .toList();
        }

        public boolean paidInFull() {
            return owedCents == 0 && booking.paidCents() > 0;
        }

        static String chip(PaymentStatus status) {
            return "pay-" + status.json().replace('_', '-');
        }
    }

    private final BookingPayments bookingPayments;
    private final Payments payments;

    ShownPayments(BookingPayments bookingPayments, Payments payments) {
        this.bookingPayments = bookingPayments;
        this.payments = payments;
    }

    Shown of(Booking booking) {
        long due = booking.totalCents() + booking.feesCents();
        boolean takes = takesPayments(booking.status());
        long owed = takes ? Math.max(0, due - booking.paidCents()) : 0;
        long refundable =
                Math.max(0, payments.balanceOf(booking.id(), booking.currency()).refundableCents());
        return new Shown(booking, due, owed, refundable, takes, bookingPayments.paymentsOf(booking.id()));
    }

    /** Whether the session still takes place (or took place), so its price is owed. */
    static boolean takesPayments(BookingStatus status) {
        return status.holdsItsSlot() || status == BookingStatus.COMPLETED || status == BookingStatus.NO_SHOW;
    }
}
