package io.roomtone.payments;

import io.roomtone.identity.Tenancy;
import io.roomtone.payments.PaymentOperation.Gateway;
import io.roomtone.payments.PaymentOperation.Kind;
import io.roomtone.payments.PaymentOperation.Status;
import io.roomtone.shared.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Card payments through Stripe's Payment Intents, when Stripe is configured. A provider call never
 * runs inside a database transaction: the operation is committed as pending first, the call made
 * with an idempotency key derived from its id, and the answer recorded in a transaction of its own
 * — succeeded, failed (declined, with the reason) or unknown (no clear answer; looked at again by
 * {@link #settleDue}). Only the caller whose conditional update settles an operation posts it to
 * the ledger, so a webhook, a retry and a second node racing settle it once.
 */
@Service
public class CardPayments {

    private static final Logger log = LoggerFactory.getLogger(CardPayments.class);

    /**
     * How long a card authorization holds its money: Stripe lets an uncaptured payment lapse after
     * about seven days (for most cards), and the money goes back to the client.
     */
    public static final Duration AUTHORIZATION_VALIDITY = Duration.ofDays(7);

    /** Money held on a card for {@code reference} since {@code heldSince}; it lapses at {@code lapsesAt}. */
    public record HeldCard(UUID reference, long amountCents, Instant heldSince, Instant lapsesAt) {}

    /** A payment the client completes in the browser with {@code clientSecret} (null when Stripe did not answer). */
    public record Started(UUID operationId, String intentId, String clientSecret, Status status) {}

    private final StripeGateway stripe;
    private final OperationStore store;
    private final Settlements settlements;
    private final SavedCards savedCards;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CardPayments(
            StripeGateway stripe,
            OperationStore store,
            Settlements settlements,
            SavedCards savedCards,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.stripe = stripe;
        this.savedCards = savedCards;
        this.store = store;
        this.settlements = settlements;
        // a transaction of its own even when called after another committed (an after-commit listener)
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Whether card payments are on (Stripe's keys are set). */
    public boolean available() {
        return stripe.configured();
    }

    /** The key the browser's Payment Element needs; null when card payments are off. */
    public String publishableKey() {
        return stripe.configured() ? stripe.publishableKey() : null;
    }

    /**
     * Asks for {@code amountCents} by card: a payment intent the client completes in the browser.
     * With {@code captureLater} the money is only held (an authorization, taken by {@link #capture}
     * when the studio approves); otherwise it is taken as soon as the client pays. Empty when card
     * payments are off. Repeating an operation id returns the same intent.
     */
    public Optional<Started> start(
            UUID reference, String currency, long amountCents, boolean captureLater, UUID operationId) {
        if (!stripe.configured()) {
            return Optional.empty();
        }
        new Validation()
                .check(
                        amountCents > 0 && amountCents <= Payments.MAX_CENTS,
                        "amount_cents",
                        "must be between 1 and " + Payments.MAX_CENTS)
                .throwIfInvalid();
        Instant now = clock.instant();
        PaymentOperation op = transactions.execute(
                tx -> store.requested(operationId).stream().findFirst().orElseGet(() -> {
                    store.open(reference, currency);
                    return store.insert(
                            PaymentOperation.pendingCard(
                                    operationId,
                                    reference,
                                    captureLater ? Kind.AUTHORIZATION : Kind.CHARGE,
                                    amountCents,
                                    currency,
                                    now),
                            operationId);
                }));
        return Optional.of(intentOf(op));
    }

    /** The intent of an operation started by {@link #start}: created now if Stripe has not answered yet. */
    private Started intentOf(PaymentOperation op) {
        UUID studio = Tenancy.currentStudioId();
        try {
            StripeGateway.Intent intent =
                    op.providerRef() != null ? stripe.retrieve(op.providerRef()) : createIntent(op, studio);
            transactions.executeWithoutResult(tx -> {
                store.attempted(op.id(), intent.id(), null, clock.instant());
                apply(intent);
            });
            return new Started(op.id(), intent.id(), intent.clientSecret(), Status.PENDING);
        } catch (StripeGateway.ProviderException e) {
            Status status = e.unknown() ? Status.UNKNOWN : Status.FAILED;
            transactions.executeWithoutResult(tx -> record(op, status, e.getMessage()));
            return new Started(op.id(), null, null, status);
        }
    }

    /**
     * A new intent for {@code op}: for the purchase's customer when it saves a card (see {@link
     * CardsOnFile}), an off-session charge of the saved card when {@code op} is one, a plain one
     * otherwise.
     */
    private StripeGateway.Intent createIntent(PaymentOperation op, UUID studio) throws StripeGateway.ProviderException {
        boolean captureLater = op.kind() == Kind.AUTHORIZATION;
        Optional<StripeGateway.SavedCardUse> card = transactions.execute(tx -> savedCards.offSession(op.id())
                ? savedCards.cardOf(op.reference())
                : savedCards.customerOfPurchase(op.reference()).map(StripeGateway.SavedCardUse::saving));
        if (card.isPresent()) {
            return stripe.createIntent(
                    op.id(), studio, op.reference(), op.amountCents(), op.currency(), captureLater, card.get());
        }
        return stripe.createIntent(op.id(), studio, op.reference(), op.amountCents(), op.currency(), captureLater);
    }

    /** Makes the provider call {@code op} needs now (for {@link CardsOnFile}), recording its answer. */
    void carryOut(PaymentOperation op) {
        execute(op);
    }

    /** Records what Stripe answered for an intent (for {@link CardsOnFile}), in the caller's transaction. */
    void record(StripeGateway.Intent intent) {
        apply(intent);
    }

    /** The client secret of the payment still open for {@code reference}, if any (for a page reloaded mid-payment). */
    public Optional<Started> open(UUID reference) {
        if (!stripe.configured()) {
            return Optional.empty();
        }
        return operations(reference).stream()
                .filter(o -> o.gateway() == Gateway.STRIPE
                        && (o.kind() == Kind.AUTHORIZATION || o.kind() == Kind.CHARGE)
                        && o.status() != Status.FAILED)
                .reduce((first, second) -> second)
                .filter(o -> o.status() == Status.PENDING || o.status() == Status.UNKNOWN)
                .map(this::intentOf);
    }

    /**
     * Takes the money an authorization of {@code reference} holds (the studio approved). Nothing
     * when there is none (the client has not paid, or it was taken already).
     */
    public void capture(UUID reference, UUID operationId) {
        if (!stripe.configured()) {
            return;
        }
        refreshHeld(reference);
        Optional<PaymentOperation> capture = transactions.execute(
                tx -> store.requested(operationId).stream().findFirst().or(() -> outstandingAuthorization(
                                store.of(reference))
                        .map(auth -> store.insert(
                                PaymentOperation.ofAuthorization(auth, operationId, Kind.CAPTURE, clock.instant()),
                                operationId))));
        capture.filter(c -> c.status() == Status.PENDING || c.status() == Status.UNKNOWN)
                .ifPresent(this::execute);
    }

    /**
     * Lets go of what {@code reference} holds or still asks for by card (the request was rejected,
     * expired or canceled): open intents are canceled, authorizations released.
     */
    public void release(UUID reference, UUID operationId) {
        if (!stripe.configured()) {
            return;
        }
        refreshHeld(reference);
        int n = 0;
        List<PaymentOperation> ops = operations(reference);
        Optional<PaymentOperation> held = outstandingAuthorization(ops);
        for (PaymentOperation op : ops) {
            if (op.gateway() != Gateway.STRIPE || op.providerRef() == null) {
                continue;
            }
            boolean asking = (op.kind() == Kind.AUTHORIZATION || op.kind() == Kind.CHARGE)
                    && (op.status() == Status.PENDING || op.status() == Status.UNKNOWN);
            boolean holding = op.kind() == Kind.AUTHORIZATION
                    && op.status() == Status.SUCCEEDED
                    && held.map(a -> a.id().equals(op.id())).orElse(false);
            if (!asking && !holding) {
                continue;
            }
            UUID releaseId = n++ == 0 ? operationId : Payments.partId(operationId, n);
            try {
                StripeGateway.Intent intent = stripe.cancel(op.providerRef(), releaseId);
                transactions.executeWithoutResult(tx -> apply(intent));
            } catch (StripeGateway.ProviderException e) {
                log.warn("Could not cancel payment intent {}: {}", op.providerRef(), e.getMessage());
                transactions.executeWithoutResult(
                        tx -> store.attempted(op.id(), null, e.getMessage(), clock.instant()));
            }
        }
    }

    /** The studio's card authorizations that still hold money (neither captured nor released), oldest first. */
    public List<HeldCard> held() {
        return transactions.execute(tx -> store.heldAuthorizations().stream()
                .map(a -> new HeldCard(
                        a.reference(),
                        a.amountCents(),
                        a.settledAt(),
                        a.settledAt().plus(AUTHORIZATION_VALIDITY)))
                .toList());
    }

    /**
     * Settles what the provider knows about {@code intentId} now (a webhook named it): whatever the
     * order events arrive in, the intent's current state decides.
     */
    public void reconcile(String intentId) throws StripeGateway.ProviderException {
        StripeGateway.Intent intent = stripe.retrieve(intentId);
        transactions.executeWithoutResult(tx -> apply(intent));
    }

    /** Settles a refund the provider reports on. */
    void reconcileRefund(String refundId) throws StripeGateway.ProviderException {
        StripeGateway.RefundState refund = stripe.retrieveRefund(refundId);
        transactions.executeWithoutResult(
                tx -> store.byProviderRef(refund.id()).forEach(op -> applyRefund(op, refund)));
    }

    /**
     * Carries out or looks again at the studio's card operations that are due: refunds asked for,
     * captures and intents without a clear answer. Safe on several nodes: each operation is claimed
     * with a row lock that others skip. Returns how many were looked at.
     */
    public int settleDue() {
        if (!stripe.configured()) {
            return 0;
        }
        List<PaymentOperation> due = transactions.execute(tx -> {
            List<PaymentOperation> claimed = store.dueForUpdate(Gateway.STRIPE, clock.instant(), 50);
            // claimed until their next look is due: another node's pass skips them meanwhile
            claimed.forEach(op -> store.attempted(op.id(), null, null, clock.instant()));
            return claimed;
        });
        due.forEach(this::execute);
        return due.size();
    }

    /** Makes the provider call an unsettled operation needs, and records its answer. */
    private void execute(PaymentOperation op) {
        try {
            switch (op.kind()) {
                case CAPTURE -> {
                    StripeGateway.Intent intent = stripe.capture(op.providerRef(), op.amountCents(), op.id());
                    transactions.executeWithoutResult(tx -> apply(intent));
                }
                case REFUND -> {
                    String intentId = transactions
                            .execute(tx -> store.find(op.parentId()))
                            .orElseThrow()
                            .providerRef();
                    StripeGateway.RefundState refund = stripe.refund(
                            intentId, op.amountCents(), op.id(), Tenancy.currentStudioId(), op.reference());
                    transactions.executeWithoutResult(tx -> {
                        store.attempted(op.id(), refund.id(), null, clock.instant());
                        applyRefund(op, refund);
                    });
                }
                case AUTHORIZATION, CHARGE -> intentOf(op);
                case RELEASE, RECEIPT -> {}
            }
        } catch (StripeGateway.ProviderException e) {
            Status status = e.unknown() ? Status.UNKNOWN : Status.FAILED;
            transactions.executeWithoutResult(tx -> record(op, status, e.getMessage()));
        }
    }

    /** Records an answer that is not a success: unknown (looked at again later) or failed (told). */
    private void record(PaymentOperation op, Status status, String failure) {
        if (status == Status.UNKNOWN) {
            store.attempted(op.id(), null, failure, clock.instant());
            store.settle(op.id(), Status.UNKNOWN, null, failure, clock.instant());
        } else if (store.settle(op.id(), Status.FAILED, null, failure, clock.instant())) {
            settlements.failed(op, failure);
        }
    }

    /** Brings our operations for an intent in line with its state at Stripe. */
    private void apply(StripeGateway.Intent intent) {
        Instant now = clock.instant();
        boolean paid = "succeeded".equals(intent.status()) || "requires_capture".equals(intent.status());
        for (PaymentOperation op : store.byProviderRef(intent.id())) {
            if (paid && intent.customer() != null && intent.paymentMethod() != null) {
                // the card the client paid with, kept to charge what is still owed later
                savedCards.keep(op.reference(), intent.customer(), intent.paymentMethod(), now);
            }
            switch (op.kind()) {
                case AUTHORIZATION -> {
                    if ("requires_capture".equals(intent.status()) || "succeeded".equals(intent.status())) {
                        store.settle(op.id(), Status.SUCCEEDED, null, null, now);
                    } else if ("canceled".equals(intent.status())) {
                        if (store.settle(op.id(), Status.FAILED, null, "canceled", now)) {
                            settlements.failed(op, "canceled");
                        } else if (op.status() == Status.SUCCEEDED) {
                            releaseOf(op, now);
                        }
                    } else if (intent.failure() != null) {
                        declined(op, intent.failure(), now);
                    }
                }
                case CHARGE, CAPTURE -> {
                    if ("succeeded".equals(intent.status())) {
                        if (store.settle(op.id(), Status.SUCCEEDED, null, null, now)) {
                            settlements.received(op, now);
                        }
                    } else if ("canceled".equals(intent.status())) {
                        if (store.settle(op.id(), Status.FAILED, null, "canceled", now)) {
                            settlements.failed(op, "canceled");
                        }
                    } else if (intent.failure() != null && op.kind() == Kind.CHARGE) {
                        declined(op, intent.failure(), now);
                    }
                }
                default -> {}
            }
        }
    }

    /**
     * The client's card was declined for {@code op} (the intent asks for another payment method): the
     * operation stays open, looked at again later, and the first answer saying so tells the booking's
     * side ({@link PaymentEvents.PaymentDeclined}: a "payment failed" mail).
     */
    private void declined(PaymentOperation op, String failure, Instant now) {
        if (store.declined(op.id(), failure)) {
            settlements.declined(op, failure);
        }
        store.attempted(op.id(), null, null, now);
    }

    /** The authorization {@code auth} ended without its money being taken: a release records it. */
    private void releaseOf(PaymentOperation auth, Instant now) {
        boolean settled = store.of(auth.reference()).stream()
                .anyMatch(o -> auth.id().equals(o.parentId()) && o.status() == Status.SUCCEEDED);
        if (!settled) {
            UUID id = UUID.nameUUIDFromBytes(("release/" + auth.id()).getBytes());
            store.insert(PaymentOperation.ofAuthorization(auth, id, Kind.RELEASE, now), id);
        }
    }

    private void applyRefund(PaymentOperation op, StripeGateway.RefundState refund) {
        Instant now = clock.instant();
        switch (refund.status()) {
            case "succeeded" -> {
                if (store.settle(op.id(), Status.SUCCEEDED, refund.id(), null, now)) {
                    settlements.refunded(op, now);
                }
            }
            case "failed", "canceled" -> {
                String failure = refund.failure() == null ? refund.status() : refund.failure();
                if (store.settle(op.id(), Status.FAILED, refund.id(), failure, now)) {
                    settlements.failed(op, failure);
                }
            }
            default -> {} // pending: the provider tells us later
        }
    }

    /** Asks Stripe about authorizations still pending, so that a capture or release sees them as they are. */
    private void refreshHeld(UUID reference) {
        for (PaymentOperation op : operations(reference)) {
            if (op.kind() == Kind.AUTHORIZATION && op.status() == Status.PENDING && op.providerRef() != null) {
                try {
                    reconcile(op.providerRef());
                } catch (StripeGateway.ProviderException e) {
                    log.warn("Could not ask Stripe about {}: {}", op.providerRef(), e.getMessage());
                }
            }
        }
    }

    private List<PaymentOperation> operations(UUID reference) {
        return transactions.execute(tx -> store.of(reference));
    }

    /** The authorization among {@code ops} that holds money neither captured nor released (nor being). */
    private static Optional<PaymentOperation> outstandingAuthorization(List<PaymentOperation> ops) {
        return ops.stream()
                .filter(o -> o.kind() == Kind.AUTHORIZATION && o.status() == Status.SUCCEEDED)
                .filter(auth ->
                        ops.stream().noneMatch(c -> auth.id().equals(c.parentId()) && c.status() != Status.FAILED))
                .findFirst();
    }
}
