package io.roomtone.scheduling;

import java.time.Instant;
import java.util.UUID;

/**
 * A time the studio, a room or a staff member cannot be booked, whatever the schedule rules say:
 * a holiday, maintenance, a private event. {@code [startAt, endAt)}, half-open.
 */
public record Closure(UUID id, TargetType targetType, UUID targetId, Instant startAt, Instant endAt, String reason) {

    /** Whether this closure shares any moment with {@code [from, to)}. */
    public boolean overlaps(Instant from, Instant to) {
        return startAt.isBefore(to) && endAt.isAfter(from);
    }
}
