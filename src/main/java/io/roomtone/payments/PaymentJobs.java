package io.roomtone.payments;

import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.PaymentEvents.RefundRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Carries out card operations after the transactions that asked for them: a refund as soon as it
 * is committed, and, once a minute on every node, whatever is still unsettled and due (refunds the
 * provider is still processing, calls that got no clear answer, stored webhooks not yet processed).
 */
@Component
class PaymentJobs {

    private static final Logger log = LoggerFactory.getLogger(PaymentJobs.class);

    private final CardPayments cards;
    private final StripeWebhooks webhooks;
    private final Studios studios;

    PaymentJobs(CardPayments cards, StripeWebhooks webhooks, Studios studios) {
        this.cards = cards;
        this.webhooks = webhooks;
        this.studios = studios;
    }

    @ApplicationModuleListener
    void on(RefundRequested requested) {
        Tenancy.runAs(requested.studioId(), cards::settleDue);
    }

    // the first run waits a whole interval too: a test that sets a long one runs the job itself
    @Scheduled(
            fixedDelayString = "${roomtone.payments.settle-interval:PT1M}",
            initialDelayString = "${roomtone.payments.settle-interval:PT1M}")
    void settleDue() {
        if (!cards.available()) {
            return;
        }
        for (Studio studio : studios.all()) {
            int settled = Tenancy.callAs(studio.id(), cards::settleDue);
            int processed = Tenancy.callAs(studio.id(), webhooks::processDue);
            if (settled + processed > 0) {
                log.info(
                        "Studio {}: {} card operations and {} webhook events looked at",
                        studio.slug(),
                        settled,
                        processed);
            }
        }
    }
}
