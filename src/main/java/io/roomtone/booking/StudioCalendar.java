package io.roomtone.booking;

import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.shared.TimeRange;
import io.roomtone.shared.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admin calendar board: bookings and holds per room or per staff member, with conflict flags. */
@Service
public class StudioCalendar {

    public enum GroupBy {
        ROOM,
        STAFF;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A booking or a hold on the board. {@code conflict} is set when it overlaps another entry of its
     * row. {@code clientId} is the booking's client or the hold's holder; {@code serviceId} the
     * booked (or held) service, if any.
     */
    public record Entry(
            String type,
            UUID id,
            String code,
            String status,
            Instant startAt,
            Instant endAt,
            Instant blockedFrom,
            Instant blockedUntil,
            boolean conflict,
            UUID roomId,
            UUID serviceId,
            UUID clientId,
            List<UUID> staffIds) {

        Entry flagged(boolean isConflict) {
            return new Entry(
                    type,
                    id,
                    code,
                    status,
                    startAt,
                    endAt,
                    blockedFrom,
                    blockedUntil,
                    isConflict,
                    roomId,
                    serviceId,
                    clientId,
                    staffIds);
        }
    }

    /** One row of the board: a room or a staff member. */
    public record Row(UUID id, String name, List<Entry> entries) {}

    public record Board(GroupBy groupBy, Instant from, Instant to, List<Row> rows) {}

    private static final Duration LONGEST = Duration.ofDays(62);

    private final BookingStore store;
    private final Rooms rooms;
    private final StaffMembers staff;
    private final Clock clock;

    StudioCalendar(BookingStore store, Rooms rooms, StaffMembers staff, Clock clock) {
        this.store = store;
        this.rooms = rooms;
        this.staff = staff;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Board board(Instant from, Instant to, GroupBy groupBy) {
        new Validation()
                .period(from, "from", to, "to")
                .check(
                        from == null || to == null || Duration.between(from, to).compareTo(LONGEST) <= 0,
                        "to",
                        "the board shows at most 62 days")
                .throwIfInvalid();
        List<Row> rows = new ArrayList<>();
        Map<UUID, List<Entry>> entries =
                store.board(groupBy == GroupBy.ROOM ? "room" : "staff", from, to, clock.instant());
        if (groupBy == GroupBy.ROOM) {
            rooms.list(false)
                    .forEach(room -> rows.add(new Row(room.id(), room.name(), flagConflicts(entries.get(room.id())))));
        } else {
            staff.list(false)
                    .forEach(member ->
                            rows.add(new Row(member.id(), member.name(), flagConflicts(entries.get(member.id())))));
        }
        return new Board(groupBy, from, to, rows);
    }

    /**
     * The occupancy constraint keeps rows free of overlaps, so a conflict here means data that
     * bypassed it (an import, a manual fix); the board shows it rather than hiding it.
     */
    private static List<Entry> flagConflicts(List<Entry> row) {
        if (row == null) {
            return List.of();
        }
        List<Entry> flagged = new ArrayList<>();
        for (Entry entry : row) {
            TimeRange span = new TimeRange(entry.blockedFrom(), entry.blockedUntil());
            boolean conflict = row.stream()
                    .anyMatch(other ->
                            other != entry && span.overlaps(new TimeRange(other.blockedFrom(), other.blockedUntil())));
            flagged.add(entry.flagged(conflict));
        }
        return flagged;
    }
}
