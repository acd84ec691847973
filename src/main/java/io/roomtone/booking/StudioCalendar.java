package io.roomtone.booking;

import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.TimeRange;
import io.roomtone.shared.Validation;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** A booking or a hold on the board. {@code conflict} is set when it overlaps another entry of its row. */
    public record Entry(
            String type,
            UUID id,
            String code,
            String status,
            Instant startAt,
            Instant endAt,
            Instant blockedFrom,
            Instant blockedUntil,
            boolean conflict) {}

    /** One row of the board: a room or a staff member. */
    public record Row(UUID id, String name, List<Entry> entries) {}

    public record Board(GroupBy groupBy, Instant from, Instant to, List<Row> rows) {}

    private static final Duration LONGEST = Duration.ofDays(62);

    private final JdbcClient jdbc;
    private final Rooms rooms;
    private final StaffMembers staff;
    private final Clock clock;

    StudioCalendar(JdbcClient jdbc, Rooms rooms, StaffMembers staff, Clock clock) {
        this.jdbc = jdbc;
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
        Map<UUID, List<Entry>> entries = entries(from, to, groupBy);
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

    private Map<UUID, List<Entry>> entries(Instant from, Instant to, GroupBy groupBy) {
        String kind = groupBy == GroupBy.ROOM ? "room" : "staff";
        return jdbc
                .sql(
                        """
                        SELECT o.resource_id, o.blocked_start AS blocked_from, o.blocked_end AS blocked_until,
                               CASE WHEN o.booking_id IS NULL THEN 'hold' ELSE 'booking' END AS type,
                               coalesce(o.booking_id, o.hold_id) AS id, b.code, coalesce(b.status, 'held') AS status,
                               coalesce(b.start_at, h.start_at) AS start_at, coalesce(b.end_at, h.end_at) AS end_at
                          FROM occupancy o
                          LEFT JOIN booking b ON b.studio_id = o.studio_id AND b.id = o.booking_id
                          LEFT JOIN hold h ON h.studio_id = o.studio_id AND h.id = o.hold_id
                         WHERE o.studio_id = ? AND o.resource_kind = ?
                           AND o.blocked_start >= ? AND o.blocked_start < ? AND o.blocked_end > ?
                           AND (o.expires_at IS NULL OR o.expires_at > ?)
                         ORDER BY o.blocked_start
                        """)
                .params(
                        Tenancy.currentStudioId(),
                        kind,
                        Timestamp.from(from.minus(OccupancyTable.PIECE)),
                        Timestamp.from(to),
                        Timestamp.from(from),
                        // the clock that set the hold's expiry and that searches judge it by
                        Timestamp.from(clock.instant()))
                .query((rs, row) -> Map.entry(
                        rs.getObject("resource_id", UUID.class),
                        new Entry(
                                rs.getString("type"),
                                rs.getObject("id", UUID.class),
                                rs.getString("code"),
                                rs.getString("status"),
                                rs.getTimestamp("start_at").toInstant(),
                                rs.getTimestamp("end_at").toInstant(),
                                rs.getTimestamp("blocked_from").toInstant(),
                                rs.getTimestamp("blocked_until").toInstant(),
                                false)))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
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
            flagged.add(new Entry(
                    entry.type(),
                    entry.id(),
                    entry.code(),
                    entry.status(),
                    entry.startAt(),
                    entry.endAt(),
                    entry.blockedFrom(),
                    entry.blockedUntil(),
                    conflict));
        }
        return flagged;
    }
}
