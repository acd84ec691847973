package io.roomtone.booking;

import io.roomtone.identity.Tenancy;
import io.roomtone.payments.CardPayments;
import io.roomtone.payments.PaymentMethod;
import io.roomtone.payments.PaymentOperation;
import io.roomtone.payments.Payments;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The studio's hand on a booking's money: record what the client paid at the studio (cash, card
 * terminal, bank transfer) and give money back. Each runs with the booking locked, so two payments
 * recorded at once cannot together exceed what is owed.
 */
@Service
public class BookingPayments {

    /** Bookings that can still take money: a request, a confirmed or a past session. */
    private static final Set<BookingStatus> PAYABLE = EnumSet.of(
            BookingStatus.AWAITING_APPROVAL, BookingStatus.CONFIRMED, BookingStatus.COMPLETED, BookingStatus.NO_SHOW);

    /** Money received for a booking, as the studio records it. */
    public record Received(long amountCents, PaymentMethod method, Instant receivedAt, String note) {}

    private final BookingAccess access;
    private final BookingStore store;
    private final BookingJournal journal;
    private final Payments payments;
    private final CardPayments cards;

    BookingPayments(
            BookingAccess access, BookingStore store, BookingJournal journal, Payments payments, CardPayments cards) {
        this.cards = cards;
        this.access = access;
        this.store = store;
        this.journal = journal;
        this.payments = payments;
    }

    /**
     * Records money the client paid; never more than is still owed (price and fees minus what was
     * paid and kept). {@code operationId} makes a repeated request change nothing.
     */
    @Transactional
    public Booking recordPayment(UUID id, Received received, UUID operationId) {
        Booking booking = access.lock(id).booking();
        // a repeated operation (a form posted twice) changes nothing: checked before what is owed,
        // which the first one may have paid off, and before the audit note, which it already wrote
        if (payments.operationsOf(id).stream().anyMatch(op -> op.id().equals(operationId))) {
            return reread(id);
        }
        if (!PAYABLE.contains(booking.status())) {
            throw new RoomtoneException(
                    ProblemCode.INVALID_TRANSITION,
                    "Booking " + booking.code() + " is " + booking.status().json() + " and takes no payments.");
        }
        // read after the lock, in a statement of its own: the booking's row came with the money of
        // the moment its statement began, before a payment recorded meanwhile committed
        long paid = payments.balanceOf(id, booking.currency()).netPaidCents();
        long owed = booking.totalCents() + booking.feesCents() - paid;
        new Validation()
                .check(
                        received.amountCents() <= Math.max(owed, 0),
                        "amount_cents",
                        "must be at most " + Math.max(owed, 0) + ", what is still owed")
                .throwIfInvalid();
        PaymentOperation recorded = payments.recordReceipt(new Payments.Receipt(
                id,
                booking.currency(),
                received.amountCents(),
                received.method(),
                received.receivedAt(),
                received.note(),
                operationId));
        Booking after = reread(id);
        journal.note(
                "booking.payment_recorded",
                after,
                Map.of(
                        "amount_cents", recorded.amountCents(),
                        "method", recorded.method().code(),
                        "received_at", recorded.receivedAt().toString()));
        return after;
    }

    /**
     * Gives {@code amountCents} back to the client, never more than was paid and not yet refunded
     * (409 {@code refund_exceeds_paid}, enforced by the database too). The credit it gives the client
     * follows from {@link BookingEvents.BookingRefunded}.
     */
    @Transactional
    public Booking refund(UUID id, long amountCents, String reason, UUID operationId) {
        new Validation()
                .require(reason == null || reason.isBlank() ? null : reason, "reason")
                .throwIfInvalid();
        Booking before = access.lock(id).booking();
        Payments.Refunded refunded = payments.refund(new Payments.Refund(id, amountCents, reason, operationId));
        Booking after = reread(id);
        if (!refunded.repeated()) {
            journal.record(
                    "booking.refunded",
                    before,
                    after,
                    new BookingEvents.BookingRefunded(
                            Tenancy.currentStudioId(), id, after.code(), amountCents, after.currency(), reason));
        }
        return after;
    }

    /** A request whose deposit is held on a card that lapses before the request is decided, or soon. */
    public record LapsingHold(Booking booking, Instant lapsesAt) {}

    /**
     * Requests awaiting approval whose card hold lapses before their decision deadline or within
     * {@code warning}: the studio should decide them before the money goes back to the client.
     */
    @Transactional(readOnly = true)
    public List<LapsingHold> lapsingHolds(Duration warning, Instant now) {
        List<LapsingHold> lapsing = new java.util.ArrayList<>();
        for (CardPayments.HeldCard held : cards.held()) {
            store.find(held.reference())
                    .map(BookingStore.Snapshot::booking)
                    .filter(b -> b.status() == BookingStatus.AWAITING_APPROVAL)
                    .filter(b -> held.lapsesAt().isBefore(now.plus(warning))
                            || (b.decisionDueAt() != null && held.lapsesAt().isBefore(b.decisionDueAt())))
                    .ifPresent(b -> lapsing.add(new LapsingHold(b, held.lapsesAt())));
        }
        return lapsing;
    }

    /** The booking's payment operations, oldest first. */
    @Transactional(readOnly = true)
    public List<PaymentOperation> paymentsOf(UUID id) {
        store.find(id).orElseThrow(() -> RoomtoneException.notFound("booking", id));
        return payments.operationsOf(id);
    }

    private Booking reread(UUID id) {
        return store.find(id).orElseThrow().booking();
    }
}
