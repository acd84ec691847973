package io.roomtone.calendarsync;

import java.util.UUID;

/** What calendar sync tells other modules (notifications tells the staff member and the studio). */
public final class CalendarSyncEvents {

    private CalendarSyncEvents() {}

    /**
     * A staff member's connected calendar stopped accepting Roomtone (the grant was revoked or
     * expired): nothing more is sent to it, and what is due waits until they connect it again.
     */
    public record ConnectionBroken(UUID studioId, UUID staffId, ExternalCalendar provider, String reason) {}

    /** A staff member connected (or reconnected) a calendar; what is due is sent to it now. */
    public record Connected(UUID studioId, UUID staffId, ExternalCalendar provider) {}
}
