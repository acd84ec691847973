package io.roomtone.calendarsync.web;

import io.roomtone.calendarsync.CalendarSyncStatuses;
import io.roomtone.calendarsync.EventSync;
import io.roomtone.calendarsync.ExternalCalendar;
import io.roomtone.calendarsync.SyncStatus;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Calendar sync (admin)", description = "Staff members' Google and Microsoft 365 calendars")
@RestController
class CalendarSyncController {

    /**
     * One booking's event in one staff member's calendar.
     *
     * @param present whether the event should be in the calendar (false: being, or already, removed)
     * @param waitingForReconnect the staff member's connection is broken: nothing is tried until they reconnect
     */
    record EventView(
            UUID staffId,
            String staffName,
            ExternalCalendar provider,
            boolean present,
            SyncStatus status,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant syncedAt,
            boolean waitingForReconnect) {

        static EventView of(EventSync e) {
            return new EventView(
                    e.staffId(),
                    e.staffName(),
                    e.provider(),
                    e.present(),
                    e.status(),
                    e.attempts(),
                    e.nextAttemptAt().orElse(null),
                    e.lastError().orElse(null),
                    e.syncedAt().orElse(null),
                    e.waitingForReconnect());
        }
    }

    record BookingSync(UUID bookingId, List<EventView> events) {}

    record Settings(Boolean inviteClients) {}

    private final CalendarSyncStatuses statuses;

    CalendarSyncController(CalendarSyncStatuses statuses) {
        this.statuses = statuses;
    }

    @Operation(
            summary = "A booking's calendar sync status",
            description = "Each event of the booking in its staff members' connected Google and Microsoft 365 "
                    + "calendars: `pending` (due), `synced` or `failed` (with `last_error`, retried at "
                    + "`next_attempt_at` with exponential backoff). Empty when none of its staff connected a "
                    + "calendar. 404 for a booking the studio does not have.")
    @GetMapping("/api/admin/bookings/{id}/calendar-sync")
    BookingSync bookingSync(@PathVariable UUID id) {
        return new BookingSync(
                id, statuses.ofBooking(id).stream().map(EventView::of).toList());
    }

    @Operation(
            summary = "The studio's calendar sync settings",
            description = "`invite_clients`: whether the client is added to staff members' events as an optional "
                    + "guest (their e-mail address then goes to Google or Microsoft); off by default.")
    @GetMapping("/api/admin/calendar-sync/settings")
    Settings settings() {
        return new Settings(statuses.invitesClients());
    }

    @Operation(
            summary = "Change the studio's calendar sync settings",
            description = "Events already in calendars follow the next time their booking changes. 400 without "
                    + "`invite_clients`.")
    @PutMapping("/api/admin/calendar-sync/settings")
    Settings saveSettings(@RequestBody Settings body) {
        if (body == null || body.inviteClients() == null) {
            throw RoomtoneException.invalid("invite_clients", "is required (true or false)");
        }
        statuses.inviteClients(body.inviteClients());
        return settings();
    }
}
