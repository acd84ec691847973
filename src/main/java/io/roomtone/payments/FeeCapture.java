package io.roomtone.payments;

import io.roomtone.identity.Tenancy;
import io.roomtone.payments.PaymentEvents.PaymentReceived;
import io.roomtone.payments.PaymentEvents.PaymentRefunded;
import io.roomtone.payments.PaymentOperation.Gateway;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records Stripe's fee of a card payment or refund as soon as it settled: after the settling
 * transaction committed, on another thread, with no database transaction open during the call to
 * Stripe. Best effort: a failure (Stripe slow, the balance transaction not booked yet) is only
 * logged — it never touches the payment — and the reconciliation's fee import catches up.
 */
@Component
class FeeCapture {

    private static final Logger log = LoggerFactory.getLogger(FeeCapture.class);

    private final StripeGateway stripe;
    private final OperationStore store;
    private final ProcessorFees fees;
    private final TransactionTemplate reads;

    FeeCapture(StripeGateway stripe, OperationStore store, ProcessorFees fees, PlatformTransactionManager tm) {
        this.stripe = stripe;
        this.store = store;
        this.fees = fees;
        this.reads = new TransactionTemplate(tm);
        this.reads.setReadOnly(true);
        // after a commit the finished transaction's resources may still be bound to this thread
        this.reads.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Async
    @TransactionalEventListener
    void on(PaymentReceived received) {
        if (received.gateway() == Gateway.STRIPE) {
            Tenancy.runAs(received.studioId(), () -> capture(received.operationId(), false));
        }
    }

    @Async
    @TransactionalEventListener
    void on(PaymentRefunded refunded) {
        Tenancy.runAs(refunded.studioId(), () -> capture(refunded.operationId(), true));
    }

    private void capture(UUID operationId, boolean refund) {
        if (!stripe.configured()) {
            return;
        }
        Optional<PaymentOperation> op = reads.execute(tx -> store.find(operationId));
        if (op.isEmpty() || op.get().gateway() != Gateway.STRIPE || op.get().providerRef() == null) {
            return;
        }
        try {
            Optional<StripeGateway.BalanceEntry> entry = refund
                    ? stripe.balanceOfRefund(op.get().providerRef())
                    : stripe.balanceOfIntent(op.get().providerRef());
            entry.ifPresent(e -> fees.record(e, op.get().reference()));
        } catch (StripeGateway.ProviderException | RuntimeException e) {
            log.info("Fee of {} not recorded now ({}); the reconciliation imports it", operationId, e.getMessage());
        }
    }
}
