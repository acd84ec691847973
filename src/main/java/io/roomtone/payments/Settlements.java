package io.roomtone.payments;

import io.roomtone.identity.Tenancy;
import io.roomtone.payments.PaymentEvents.PaymentFailed;
import io.roomtone.payments.PaymentEvents.PaymentReceived;
import io.roomtone.payments.PaymentEvents.PaymentRefunded;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What an operation leaves behind once it has succeeded (or failed): its ledger transaction and its
 * event, in the transaction that settled it. Callers settle each operation once (a conditional
 * update decides who), so nothing is posted twice.
 */
@Component
class Settlements {

    private final Ledger ledger;
    private final ApplicationEventPublisher events;

    Settlements(Ledger ledger, ApplicationEventPublisher events) {
        this.ledger = ledger;
        this.events = events;
    }

    /** Money came in: the account it sits in grows, the client's receivable shrinks. */
    void received(PaymentOperation received, Instant at) {
        PaymentMethod method = received.method() == null ? PaymentMethod.CARD_ONLINE : received.method();
        ledger.post(new LedgerPosting(
                received.reference(),
                "payment_received",
                "Payment received (" + method.code() + ")",
                at,
                List.of(
                        LedgerPosting.Entry.debit(method.account(), received.amountCents(), received.currency()),
                        LedgerPosting.Entry.credit(
                                LedgerAccount.CLIENT_RECEIVABLE, received.amountCents(), received.currency()))));
        events.publishEvent(new PaymentReceived(
                Tenancy.currentStudioId(),
                received.reference(),
                received.id(),
                received.amountCents(),
                received.currency(),
                received.gateway(),
                method,
                at));
    }

    /** Money went back: the receivable grows again, the account it came from shrinks. */
    void refunded(PaymentOperation refunded, Instant at) {
        ledger.post(new LedgerPosting(
                refunded.reference(),
                "payment_refunded",
                "Refund (" + refunded.method().code() + ")",
                at,
                List.of(
                        LedgerPosting.Entry.debit(
                                LedgerAccount.CLIENT_RECEIVABLE, refunded.amountCents(), refunded.currency()),
                        LedgerPosting.Entry.credit(
                                refunded.method().account(), refunded.amountCents(), refunded.currency()))));
        events.publishEvent(new PaymentRefunded(
                Tenancy.currentStudioId(),
                refunded.reference(),
                refunded.id(),
                refunded.amountCents(),
                refunded.currency(),
                refunded.reason(),
                at));
    }

    /** A provider's refund was asked for: {@link PaymentJobs} carries it out after commit. */
    void requested(PaymentOperation refund) {
        events.publishEvent(new PaymentEvents.RefundRequested(
                Tenancy.currentStudioId(), refund.reference(), refund.id(), refund.amountCents(), refund.currency()));
    }

    /** The client's card was declined while they paid; the operation stays open for another try. */
    void declined(PaymentOperation op, String failure) {
        events.publishEvent(new PaymentEvents.PaymentDeclined(
                Tenancy.currentStudioId(),
                op.reference(),
                op.id(),
                op.kind(),
                op.amountCents(),
                op.currency(),
                failure));
    }

    /** A provider declined: nothing moved; whoever owns the reference is told why. */
    void failed(PaymentOperation failed, String failure) {
        events.publishEvent(new PaymentFailed(
                Tenancy.currentStudioId(),
                failed.reference(),
                failed.id(),
                failed.kind(),
                failed.amountCents(),
                failed.currency(),
                failure));
    }
}
