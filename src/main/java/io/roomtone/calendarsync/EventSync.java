package io.roomtone.calendarsync;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One booking's event in one staff member's calendar, as the board and the admin API show it.
 *
 * @param present whether the event should be in the calendar (false: it is being, or was, removed)
 * @param waitingForReconnect the staff member's connection is broken: nothing is tried until they
 *     connect again
 * @param nextAttemptAt when it is tried again, while pending or failed
 */
public record EventSync(
        UUID staffId,
        String staffName,
        ExternalCalendar provider,
        boolean present,
        SyncStatus status,
        int attempts,
        Optional<Instant> nextAttemptAt,
        Optional<String> lastError,
        Optional<Instant> syncedAt,
        boolean waitingForReconnect) {}
