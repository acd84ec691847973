package io.roomtone.booking;

import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Once a minute on every node: the balances due now are charged to the cards saved at booking. */
@Component
class BalanceChargeJob {

    private static final Logger log = LoggerFactory.getLogger(BalanceChargeJob.class);

    private final Studios studios;
    private final BalanceCharges charges;

    BalanceChargeJob(Studios studios, BalanceCharges charges) {
        this.studios = studios;
        this.charges = charges;
    }

    // the first run waits a whole interval too: a test that sets a long one runs the job itself
    @Scheduled(
            fixedDelayString = "${roomtone.booking.balance-interval:PT1M}",
            initialDelayString = "${roomtone.booking.balance-interval:PT1M}")
    void run() {
        for (Studio studio : studios.all()) {
            try {
                int charged = Tenancy.callAs(studio.id(), charges::chargeDue);
                if (charged > 0) {
                    log.info("Studio {}: {} balances charged to saved cards", studio.slug(), charged);
                }
            } catch (RuntimeException e) {
                // one studio's trouble does not keep the others' balances from being charged
                log.warn("Studio {}: balances not charged: {}", studio.slug(), e.getMessage(), e);
            }
        }
    }
}
