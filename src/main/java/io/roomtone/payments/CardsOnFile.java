package io.roomtone.payments;

import io.roomtone.identity.Tenancy;
import io.roomtone.payments.PaymentOperation.Kind;
import io.roomtone.payments.PaymentOperation.Status;
import io.roomtone.shared.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cards saved to charge later what a purchase still owes, without the client present. The first
 * payment of the purchase is made for a provider customer of the client (one per studio and
 * client) with {@code setup_future_usage=off_session}; the card it succeeds with is kept. A later
 * charge is reserved as a pending operation in the caller's transaction (which locks whatever
 * decides it is due) and made after that committed, off-session, with the idempotency key of its
 * operation id: a retry, a crash between the two, or a second node make one charge. A charge
 * without a clear answer is settled by {@link CardPayments#settleDue}, like any other.
 */
@Service
public class CardsOnFile {

    private static final Logger log = LoggerFactory.getLogger(CardsOnFile.class);

    private final CardPayments cards;
    private final StripeGateway stripe;
    private final SavedCards saved;
    private final OperationStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CardsOnFile(
            CardPayments cards,
            StripeGateway stripe,
            SavedCards saved,
            OperationStore store,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.cards = cards;
        this.stripe = stripe;
        this.saved = saved;
        this.store = store;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * As {@link CardPayments#start}, and the card the client pays with is saved for later charges of
     * this purchase. When the customer cannot be created (Stripe does not answer) the payment is
     * asked for without saving the card: the client can still pay; what is owed later is collected
     * otherwise. Call it outside a transaction.
     */
    public Optional<CardPayments.Started> startSavingCard(
            UUID reference, String currency, long amountCents, boolean captureLater, UUID operationId, UUID party) {
        if (!cards.available()) {
            return Optional.empty();
        }
        try {
            String customer = customerOf(party);
            transactions.executeWithoutResult(tx -> {
                store.open(reference, currency);
                saved.attach(reference, customer);
            });
        } catch (StripeGateway.ProviderException e) {
            log.warn("No Stripe customer for {}; the card is not saved: {}", party, e.getMessage());
        }
        return cards.start(reference, currency, amountCents, captureLater, operationId);
    }

    /** The provider's customer of {@code party} at the current studio: created once, then reused. */
    private String customerOf(UUID party) throws StripeGateway.ProviderException {
        Optional<String> known = transactions.execute(tx -> saved.customerOf(party));
        if (known.isPresent()) {
            return known.get();
        }
        UUID studio = Tenancy.currentStudioId();
        UUID key = UUID.nameUUIDFromBytes(("customer/" + studio + "/" + party).getBytes(StandardCharsets.UTF_8));
        String created = stripe.createCustomer(studio, party, key);
        return transactions.execute(tx -> {
            saved.rememberCustomer(party, created);
            return saved.customerOf(party).orElseThrow();
        });
    }

    /** Whether {@code reference} has a card saved to charge without the client. */
    public boolean hasCard(UUID reference) {
        return cards.available()
                && Boolean.TRUE.equals(
                        transactions.execute(tx -> saved.cardOf(reference).isPresent()));
    }

    /**
     * Reserves an off-session charge of {@code amountCents} to the saved card of {@code reference},
     * in the caller's transaction (it must have one): a pending operation {@code operationId}, charged
     * by {@link #charge} once that transaction committed. False, and nothing written, when there is
     * no saved card or the operation exists already.
     */
    public boolean reserveOffSession(UUID reference, String currency, long amountCents, UUID operationId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An off-session charge is reserved in the caller's transaction");
        }
        new Validation()
                .check(
                        amountCents > 0 && amountCents <= Payments.MAX_CENTS,
                        "amount_cents",
                        "must be between 1 and " + Payments.MAX_CENTS)
                .throwIfInvalid();
        if (!cards.available()
                || saved.cardOf(reference).isEmpty()
                || !store.requested(operationId).isEmpty()) {
            return false;
        }
        store.open(reference, currency);
        store.insert(
                PaymentOperation.pendingCard(
                        operationId, reference, Kind.CHARGE, amountCents, currency, clock.instant()),
                operationId);
        saved.markOffSession(operationId);
        return true;
    }

    /**
     * Makes the off-session charge reserved as {@code operationId}, unless it was made or settled
     * already; its outcome as recorded (pending when the provider's answer is still to come).
     */
    public Optional<Status> charge(UUID operationId) {
        Optional<PaymentOperation> op = transactions.execute(tx -> store.find(operationId));
        op.filter(o -> o.status() == Status.PENDING && o.providerRef() == null).ifPresent(cards::carryOut);
        return transactions.execute(tx -> store.find(operationId).map(PaymentOperation::status));
    }
}
