package io.roomtone.availability.engine;

import io.roomtone.shared.TimeRange;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A room or a staff member as the slot engine sees it.
 *
 * @param hours its own weekly hours; empty means it follows the studio's hours
 * @param closures its blackouts
 * @param blocked the blocked ranges of the sessions and holds it already has (buffers included)
 * @param bufferBefore its own buffer rule before a session ({@link Duration#ZERO} when none)
 * @param bufferAfter its own buffer rule after a session
 */
public record Resource(
        UUID id,
        List<WeeklyHours> hours,
        List<TimeRange> closures,
        List<TimeRange> blocked,
        Duration bufferBefore,
        Duration bufferAfter) {}
