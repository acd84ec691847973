package io.roomtone.booking;

import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks confirmed sessions as completed once they have ended. Safe on several nodes at once: each
 * studio's pass locks the rows it completes, and a node that comes second finds nothing left to do.
 */
@Component
class BookingCompletion {

    private static final Logger log = LoggerFactory.getLogger(BookingCompletion.class);

    private final Studios studios;
    private final BookingLifecycle lifecycle;

    BookingCompletion(Studios studios, BookingLifecycle lifecycle) {
        this.studios = studios;
        this.lifecycle = lifecycle;
    }

    @Scheduled(fixedDelayString = "${roomtone.booking.completion-interval:PT1M}", initialDelayString = "PT30S")
    void completeEndedSessions() {
        for (Studio studio : studios.all()) {
            int completed = Tenancy.callAs(studio.id(), lifecycle::completeEnded);
            if (completed > 0) {
                log.info("Completed {} ended sessions of studio {}", completed, studio.slug());
            }
        }
    }
}
