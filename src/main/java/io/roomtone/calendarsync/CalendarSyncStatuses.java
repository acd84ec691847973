package io.roomtone.calendarsync;

import io.roomtone.booking.BookingQueries;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.shared.RoomtoneException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a booking's events in its staff's calendars stand (pending / synced / failed with the error),
 * for the board, the desk's booking page and {@code GET /api/admin/bookings/{id}/calendar-sync}; and
 * the studio's calendar setting.
 */
@Service
public class CalendarSyncStatuses {

    private final BookingQueries bookings;
    private final SyncedEvents rows;
    private final ConnectionStore connections;
    private final StaffMembers staff;
    private final EventContents contents;

    CalendarSyncStatuses(
            BookingQueries bookings,
            SyncedEvents rows,
            ConnectionStore connections,
            StaffMembers staff,
            EventContents contents) {
        this.bookings = bookings;
        this.rows = rows;
        this.connections = connections;
        this.staff = staff;
        this.contents = contents;
    }

    /** The events of booking {@code bookingId} of the current studio; 404 when it has no such booking. */
    @Transactional(readOnly = true)
    public List<EventSync> ofBooking(UUID bookingId) {
        if (bookings.ofStudio(bookingId).isEmpty()) {
            throw RoomtoneException.notFound("booking", bookingId);
        }
        List<SyncedEvents.Row> found = rows.ofBooking(bookingId);
        List<UUID> staffIds =
                found.stream().map(SyncedEvents.Row::staffId).distinct().toList();
        Set<String> broken = connections.ofStaff(staffIds).stream()
                .filter(ConnectionStore.Row::broken)
                .map(c -> c.staffId() + "/" + c.provider())
                .collect(Collectors.toSet());
        Map<UUID, String> names = staff.list(false).stream()
                .filter(s -> staffIds.contains(s.id()))
                .collect(Collectors.toMap(StaffMember::id, StaffMember::name, (a, b) -> a));
        return found.stream()
                .map(r -> new EventSync(
                        r.staffId(),
                        names.getOrDefault(r.staffId(), "Staff member"),
                        r.provider(),
                        r.present(),
                        r.status(),
                        r.attempts(),
                        r.nextAttemptAt(),
                        r.lastError(),
                        r.syncedAt(),
                        r.status() != SyncStatus.SYNCED && broken.contains(r.staffId() + "/" + r.provider())))
                .toList();
    }

    /** Whether the current studio invites its clients to its staff's calendar events (off by default). */
    @Transactional(readOnly = true)
    public boolean invitesClients() {
        return contents.invitesClients();
    }

    /** Sets it; events already sent change the next time their booking does. */
    @Transactional
    public void inviteClients(boolean invite) {
        contents.inviteClients(invite);
    }
}
