package io.roomtone.scheduling;

import java.time.Duration;
import java.util.UUID;

/**
 * Set-up and tear-down time around every session in a room, of a service or with a staff member:
 * the minutes before and after a session that nobody else can book.
 */
public record BufferRule(UUID id, BufferScope scope, UUID targetId, int beforeMin, int afterMin) {

    public Duration before() {
        return Duration.ofMinutes(beforeMin);
    }

    public Duration after() {
        return Duration.ofMinutes(afterMin);
    }
}
