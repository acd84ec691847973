package io.roomtone.availability;

import io.roomtone.shared.TimeRange;
import java.time.Instant;
import java.util.UUID;

/**
 * Time a room or a staff member is taken by a session or a hold, buffers included.
 *
 * @param ownerId the booking or hold that takes it
 * @param expiresAt when a hold stops counting; {@code null} for bookings
 */
public record BlockedRange(Kind kind, UUID resourceId, TimeRange span, UUID ownerId, Instant expiresAt) {

    public boolean countsAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    public enum Kind {
        ROOM,
        STAFF
    }
}
