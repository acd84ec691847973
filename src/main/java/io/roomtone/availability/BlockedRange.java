package io.roomtone.availability;

import java.util.UUID;

/**
 * Time a room or a staff member is taken by a session or a hold, buffers included.
 *
 * @param ownerId the booking or hold that takes it
 */
public record BlockedRange(Kind kind, UUID resourceId, Span span, UUID ownerId) {

    public enum Kind {
        ROOM,
        STAFF
    }
}
