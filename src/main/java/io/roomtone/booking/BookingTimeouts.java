package io.roomtone.booking;

import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The moves time makes: requests past their decision deadline expire, and confirmed sessions that
 * have ended are completed. Safe on several nodes at once: each pass locks the rows it moves and
 * skips rows another node has locked, and a row already moved no longer matches.
 */
@Component
class BookingTimeouts {

    private static final Logger log = LoggerFactory.getLogger(BookingTimeouts.class);

    private final Studios studios;
    private final BookingDecisions decisions;

    BookingTimeouts(Studios studios, BookingDecisions decisions) {
        this.studios = studios;
        this.decisions = decisions;
    }

    // the first run waits a whole interval too: a test that sets a long one runs the job itself
    @Scheduled(
            fixedDelayString = "${roomtone.booking.completion-interval:PT1M}",
            initialDelayString = "${roomtone.booking.completion-interval:PT1M}")
    void run() {
        for (Studio studio : studios.all()) {
            int expired = Tenancy.callAs(studio.id(), decisions::expireOverdue);
            int completed = Tenancy.callAs(studio.id(), decisions::completeEnded);
            if (expired + completed > 0) {
                log.info(
                        "Studio {}: {} requests expired, {} ended sessions completed",
                        studio.slug(),
                        expired,
                        completed);
            }
        }
    }
}
