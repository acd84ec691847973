package io.roomtone.calendarsync;

import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every few seconds on every node ({@code roomtone.calendar-sync.interval}, 5 s by default), the due
 * calendar work of each studio; nodes share it through the rows' claims. Nothing runs when no
 * provider is configured.
 */
@Component
class CalendarSyncJob {

    private static final Logger log = LoggerFactory.getLogger(CalendarSyncJob.class);

    private final CalendarSync sync;
    private final Studios studios;
    private final CalendarConnections connections;

    CalendarSyncJob(CalendarSync sync, Studios studios, CalendarConnections connections) {
        this.sync = sync;
        this.studios = studios;
        this.connections = connections;
    }

    @Scheduled(
            fixedDelayString = "${roomtone.calendar-sync.interval:PT5S}",
            initialDelayString = "${roomtone.calendar-sync.interval:PT5S}")
    void runDue() {
        boolean anyProvider = false;
        for (ExternalCalendar provider : ExternalCalendar.values()) {
            anyProvider |= connections.unavailableReason(provider).isEmpty();
        }
        if (!anyProvider) {
            return;
        }
        for (Studio studio : studios.all()) {
            try {
                Tenancy.runAs(studio.id(), sync::runDue);
            } catch (RuntimeException e) {
                // one studio's trouble (its database rows, a bug) does not stop the others' sync
                log.warn("Calendar sync of studio {} failed: {}", studio.slug(), e.toString());
            }
        }
    }
}
