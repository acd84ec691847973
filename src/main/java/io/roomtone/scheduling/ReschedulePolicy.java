package io.roomtone.scheduling;

import java.time.Duration;

/**
 * What moving a booking costs: the first {@code freeReschedules} moves made at least
 * {@code freeMinHoursBefore} hours before the start are free; any other move costs {@code feeCents}
 * (in the studio's currency). Bookings snapshot the policy they were made under.
 */
public record ReschedulePolicy(int freeMinHoursBefore, int freeReschedules, long feeCents) {

    /** One free move made at least 24 hours ahead; other moves cost nothing until the studio sets a fee. */
    public static final ReschedulePolicy DEFAULT = new ReschedulePolicy(24, 1, 0);

    /** Whether a move {@code beforeStart} ahead of the start, after {@code earlierMoves} moves, is free. */
    public boolean isFree(Duration beforeStart, int earlierMoves) {
        return earlierMoves < freeReschedules && beforeStart.compareTo(Duration.ofHours(freeMinHoursBefore)) >= 0;
    }

    /** The fee in cents for such a move: 0 when it is free. */
    public long feeCentsFor(Duration beforeStart, int earlierMoves) {
        return isFree(beforeStart, earlierMoves) ? 0 : feeCents;
    }
}
