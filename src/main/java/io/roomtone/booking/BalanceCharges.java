package io.roomtone.booking;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.CardPayments;
import io.roomtone.payments.CardsOnFile;
import io.roomtone.payments.PaymentEvents.PaymentFailed;
import io.roomtone.payments.PaymentEvents.PaymentReceived;
import io.roomtone.payments.PaymentOperation;
import io.roomtone.payments.Payments;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.RoomtoneException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The balance charged automatically to the card saved at booking, {@code balance_charge_hours}
 * before the session, where the studio collects it so; and "payment action needed" when such a
 * charge is declined.
 *
 * <p>Durable and safe on several nodes: a pass locks the due bookings (skipping those another node
 * holds), reserves each charge as a pending payment operation whose id derives from the booking's
 * id and attempt, counts the attempt on the booking, and commits; only then is the card charged,
 * with that id as the idempotency key. A booking counted once is not picked again, a crash before
 * the call leaves a pending operation that payments' sweeper carries out, and an answer that never
 * came is settled by asking Stripe: one charge per booking, whatever happens.
 */
@Service
public class BalanceCharges {

    static final int BATCH = 50;

    private final BookingStore store;
    private final BookingAccess access;
    private final BookingJournal journal;
    private final StudioPolicies policies;
    private final CardsOnFile cardsOnFile;
    private final CardPayments cards;
    private final Payments payments;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BalanceCharges(
            BookingStore store,
            BookingAccess access,
            BookingJournal journal,
            StudioPolicies policies,
            CardsOnFile cardsOnFile,
            CardPayments cards,
            Payments payments,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.store = store;
        this.access = access;
        this.journal = journal;
        this.policies = policies;
        this.cardsOnFile = cardsOnFile;
        this.cards = cards;
        this.payments = payments;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Charges the balances of the current studio that are due now; returns how many charges were
     * made. Call it outside a transaction: the provider is called after the claims committed.
     */
    public int chargeDue() {
        if (!cards.available()) {
            return 0;
        }
        List<UUID> reserved = transactions.execute(tx -> reserveDue());
        reserved.forEach(cardsOnFile::charge);
        return reserved.size();
    }

    private List<UUID> reserveDue() {
        StudioSettings settings = policies.current();
        if (!settings.chargesBalanceAutomatically()) {
            return List.of();
        }
        List<UUID> reserved = new ArrayList<>();
        for (BookingStore.Snapshot due :
                store.balanceDueForUpdate(clock.instant(), settings.balanceChargeHours(), BATCH)) {
            Booking booking = due.booking();
            if (moneyUnderWay(booking.id())) {
                continue; // a capture or charge still waiting for its answer: what is owed is not known yet
            }
            long owed = owed(booking);
            int attempt = store.balanceAttempts(booking.id()) + 1;
            UUID operation = BookingMoney.balanceOperationId(booking.id(), attempt);
            if (owed > 0 && cardsOnFile.reserveOffSession(booking.id(), booking.currency(), owed, operation)) {
                store.countBalanceAttempt(booking.id());
                journal.note(
                        "booking.balance_charged",
                        booking,
                        Map.of("amount_cents", owed, "attempt", attempt, "operation_id", operation.toString()));
                reserved.add(operation);
            }
        }
        return reserved;
    }

    private boolean moneyUnderWay(UUID bookingId) {
        return payments.operationsOf(bookingId).stream()
                .anyMatch(
                        op -> (op.kind() == PaymentOperation.Kind.CAPTURE || op.kind() == PaymentOperation.Kind.CHARGE)
                                && (op.status() == PaymentOperation.Status.PENDING
                                        || op.status() == PaymentOperation.Status.UNKNOWN));
    }

    private long owed(Booking booking) {
        long paid = payments.balanceOf(booking.id(), booking.currency()).netPaidCents();
        return booking.totalCents() + booking.feesCents() - paid;
    }

    /**
     * A declined automatic charge of a balance, in the transaction that recorded it: the booking is
     * marked "payment action needed" and {@link BookingEvents.PaymentActionNeeded} is published. Other
     * failures (a declined capture, a card payment the client retries) are not this.
     */
    @EventListener
    void on(PaymentFailed failed) {
        if (failed.kind() != PaymentOperation.Kind.CHARGE) {
            return;
        }
        Optional<BookingStore.Snapshot> found = store.findForUpdate(failed.reference());
        if (found.isEmpty()) {
            return;
        }
        Booking before = found.get().booking();
        int attempts = store.balanceAttempts(before.id());
        if (attempts == 0
                || !BookingMoney.balanceOperationId(before.id(), attempts).equals(failed.operationId())) {
            return;
        }
        if (!store.flagPaymentAction(before.id())) {
            return;
        }
        Booking after = store.find(before.id()).orElseThrow().booking();
        journal.record(
                "booking.payment_action_needed",
                before,
                after,
                new BookingEvents.PaymentActionNeeded(
                        Tenancy.currentStudioId(),
                        after.id(),
                        after.code(),
                        after.clientId(),
                        owed(after),
                        after.currency(),
                        failed.failure(),
                        after.startAt()));
    }

    /** Money came in, in the transaction that recorded it: a booking that owes nothing more needs no action. */
    @EventListener
    void on(PaymentReceived received) {
        if (store.clearPaymentActionIfPaid(received.reference())) {
            store.find(received.reference())
                    .ifPresent(s -> journal.note(
                            "booking.payment_action_cleared",
                            s.booking(),
                            Map.of("operation_id", received.operationId().toString())));
        }
        refundIfNoLongerHappening(received);
    }

    /**
     * An automatic balance charge that succeeded after its booking was canceled (or otherwise ended
     * without its session) goes back in full. The charge is reserved while the booking is locked, but
     * made after that commits: a cancellation in between cannot stop a call already under way, and
     * its own refund only covered what was paid then.
     */
    private void refundIfNoLongerHappening(PaymentReceived received) {
        Optional<Booking> found = store.find(received.reference()).map(BookingStore.Snapshot::booking);
        if (found.isEmpty()
                || !EnumSet.of(BookingStatus.CANCELED, BookingStatus.REJECTED, BookingStatus.EXPIRED)
                        .contains(found.get().status())) {
            return;
        }
        Booking booking = found.get();
        int attempts = store.balanceAttempts(booking.id());
        if (attempts == 0
                || !BookingMoney.balanceOperationId(booking.id(), attempts).equals(received.operationId())) {
            return;
        }
        UUID refund =
                UUID.nameUUIDFromBytes(("balance-refund/" + received.operationId()).getBytes(StandardCharsets.UTF_8));
        payments.refund(new Payments.Refund(
                booking.id(),
                received.amountCents(),
                "Balance charged after the booking was " + booking.status().json(),
                refund));
        journal.note(
                "booking.balance_refunded",
                booking,
                Map.of("amount_cents", received.amountCents(), "operation_id", refund.toString()));
    }

    /** The studio's bookings marked "payment action needed" that have not ended, by start. */
    public List<Booking> needingPaymentAction() {
        return transactions.execute(tx -> store.needingPaymentAction(clock.instant(), BATCH));
    }

    /**
     * For the client of a booking marked "payment action needed": a card payment of what it owes,
     * made in the browser (Stripe's Payment Element); repeated, it returns the same intent until what
     * is owed changes. Empty when card payments are off or nothing is owed; 404 for anyone but the
     * booking's client.
     */
    public Optional<CardPayments.Started> payOwed(UUID id, CurrentUser client) {
        Booking booking = transactions.execute(tx -> store.find(id)
                .map(BookingStore.Snapshot::booking)
                .filter(b -> b.clientId().equals(client.id()))
                .orElseThrow(() -> RoomtoneException.notFound("booking", id)));
        long owed = transactions.execute(tx -> owed(booking));
        if (!booking.paymentActionNeeded() || owed <= 0 || !booking.status().holdsItsSlot()) {
            return Optional.empty();
        }
        UUID operation = UUID.nameUUIDFromBytes(
                ("owed/" + id + "/" + booking.paidCents() + "/" + owed).getBytes(StandardCharsets.UTF_8));
        return cards.start(id, booking.currency(), owed, false, operation);
    }
}
