package io.roomtone.booking;

import io.roomtone.scheduling.StudioSettings;
import java.time.Instant;

/**
 * When a request awaiting approval expires: {@code approval_deadline_hours} before its start. The
 * earliest bookable start keeps clients out of that window (see {@code StudioSettings#leadTime});
 * should a request fall inside it anyway, it keeps until its start rather than expiring at once.
 */
public final class DecisionDeadline {

    private DecisionDeadline() {}

    /** When a request for a session starting at {@code start}, made at {@code now}, expires undecided. */
    public static Instant of(Instant start, StudioSettings settings, Instant now) {
        Instant due = start.minus(settings.approvalDeadline());
        return due.isAfter(now) ? due : start;
    }
}
