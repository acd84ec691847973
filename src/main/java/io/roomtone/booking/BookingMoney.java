package io.roomtone.booking;

import io.roomtone.identity.CurrentUser;
import io.roomtone.payments.CardPayments;
import io.roomtone.payments.CardsOnFile;
import io.roomtone.payments.Payments;
import io.roomtone.scheduling.OnlinePayment;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The money side of a booking's moves, through payments (the booking's id is its purchase
 * reference). Each refund a move makes carries an operation id derived from the move, so a move
 * retried after a deadlock or replayed never refunds twice.
 */
@Component
class BookingMoney {

    private static final Logger log = LoggerFactory.getLogger(BookingMoney.class);

    private final Payments payments;
    private final CardPayments cards;
    private final CardsOnFile cardsOnFile;
    private final StudioPolicies policies;

    BookingMoney(Payments payments, CardPayments cards, CardsOnFile cardsOnFile, StudioPolicies policies) {
        this.payments = payments;
        this.cards = cards;
        this.cardsOnFile = cardsOnFile;
        this.policies = policies;
    }

    /**
     * Asks a client who booked for themselves to pay by card, when card payments are on: the deposit
     * or the full price, as the studio chose (or the full price at a studio without a deposit, when
     * the client chose to pay online now); held until the studio approves a request, taken at once
     * for a confirmed booking. Where the studio charges the balance automatically, the card is saved
     * for that charge. What the studio books for a client is paid at the studio. Call it after the
     * booking committed.
     */
    BookingRequests.Requested startOnline(BookingRequests.Requested requested, CurrentUser caller, boolean payOnline) {
        if (!cards.available() || caller.role().isAdmin()) {
            return requested;
        }
        StudioSettings settings = policies.current();
        long amount = onlineAmount(settings, requested.totalCents(), requested.depositCents(), payOnline);
        if (amount <= 0) {
            return requested;
        }
        boolean captureLater = requested.status() == BookingStatus.AWAITING_APPROVAL;
        UUID operation = operationId("deposit", requested.bookingId());
        Optional<CardPayments.Started> started;
        try {
            started = settings.chargesBalanceAutomatically() && amount < requested.totalCents()
                    ? cardsOnFile.startSavingCard(
                            requested.bookingId(), requested.currency(), amount, captureLater, operation, caller.id())
                    : cards.start(requested.bookingId(), requested.currency(), amount, captureLater, operation);
        } catch (RuntimeException e) {
            // the booking is committed: its answer must say so, not fail. The client pays from the
            // booking's page, which asks for the payment again under the same operation id.
            log.error("Booking {} is made, but its card payment could not be started", requested.code(), e);
            return requested;
        }
        return started.map(s -> requested.withClientSecret(s.clientSecret())).orElse(requested);
    }

    /**
     * What a client booking online pays by card now: the full price where the studio asks for it (or
     * asks no deposit and the client chose to pay online), the deposit otherwise; 0 for nothing.
     */
    static long onlineAmount(StudioSettings settings, long totalCents, long depositCents, boolean payOnline) {
        if (settings.onlinePayment() == OnlinePayment.FULL || (depositCents <= 0 && payOnline)) {
            return totalCents;
        }
        return depositCents;
    }

    /** The operation id of the {@code attempt}-th automatic charge of a booking's balance. */
    static UUID balanceOperationId(UUID bookingId, int attempt) {
        return UUID.nameUUIDFromBytes(("balance/" + bookingId + "/" + attempt).getBytes(StandardCharsets.UTF_8));
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
