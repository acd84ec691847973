package io.roomtone.booking;

import io.roomtone.identity.Tenancy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bookings as calendars show them, for the calendar module's files and feeds: only what an event
 * needs, with the {@code ics_sequence} the database raises on every change a calendar shows (see
 * migration V60). Reads the studio's bookings; whoever asks must have checked the caller's right
 * to see them (a file or feed token).
 */
@Service
public class CalendarEntries {

    /**
     * One booking as a calendar event.
     *
     * @param service the booked session's name (add-ons left out)
     * @param sequence rises with every change of time, room or status
     * @param updatedAt the last change of any kind
     */
    public record Entry(
            UUID id,
            String code,
            BookingStatus status,
            UUID roomId,
            UUID clientId,
            List<UUID> staffIds,
            String service,
            Instant startAt,
            Instant endAt,
            int sequence,
            Instant createdAt,
            Instant updatedAt) {

        /** Whether the session takes (or took) place: confirmed, completed or a no-show. */
        public boolean takesPlace() {
            return SESSIONS.contains(status);
        }
    }

    /** What a staff or room feed shows: sessions the studio committed to, not requests or canceled ones. */
    private static final List<BookingStatus> SESSIONS =
            List.of(BookingStatus.CONFIRMED, BookingStatus.COMPLETED, BookingStatus.NO_SHOW);

    /** The most sessions one feed carries (far beyond a year of one room's bookings). */
    public static final int MAX_FEED_ENTRIES = 5000;

    private static final Pattern CODE = Pattern.compile("[A-Z2-9]{4}-[A-Z2-9]{4}");

    private static final String SELECT =
            """
            SELECT b.id, b.code, b.status, b.room_id, b.client_id, b.start_at, b.end_at, b.ics_sequence,
                   b.created_at, b.updated_at,
                   coalesce((SELECT array_agg(s.staff_id) FROM booking_staff s
                              WHERE s.studio_id = b.studio_id AND s.booking_id = b.id), '{}') AS staff_ids,
                   (SELECT string_agg(l.name, ', ' ORDER BY l.name) FROM booking_line l
                     WHERE l.studio_id = b.studio_id AND l.booking_id = b.id AND NOT l.is_addon) AS service
              FROM booking b
            """;

    private final JdbcClient jdbc;

    CalendarEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<Entry> find(UUID bookingId) {
        return jdbc.sql(SELECT + " WHERE b.studio_id = :studio AND b.id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", bookingId)
                .query(CalendarEntries::entry)
                .optional();
    }

    /** The booking with {@code code} (any case); empty for anything that is not a booking code. */
    @Transactional(readOnly = true)
    public Optional<Entry> byCode(String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(normalized).matches()) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE b.studio_id = :studio AND b.code = :code")
                .param("studio", Tenancy.currentStudioId())
                .param("code", normalized)
                .query(CalendarEntries::entry)
                .optional();
    }

    /** The sessions staff member {@code staffId} works that overlap {@code [from, to)}, by start. */
    @Transactional(readOnly = true)
    public List<Entry> sessionsOfStaff(UUID staffId, Instant from, Instant to) {
        return sessions(
                """
                 AND EXISTS (SELECT 1 FROM booking_staff s
                              WHERE s.studio_id = b.studio_id AND s.booking_id = b.id AND s.staff_id = :target)
                """,
                staffId,
                from,
                to);
    }

    /** The sessions in room {@code roomId} that overlap {@code [from, to)}, by start. */
    @Transactional(readOnly = true)
    public List<Entry> sessionsInRoom(UUID roomId, Instant from, Instant to) {
        return sessions(" AND b.room_id = :target", roomId, from, to);
    }

    /** {@code condition} is one of this class's constants, never input. */
    private List<Entry> sessions(String condition, UUID target, Instant from, Instant to) {
        return jdbc.sql(SELECT
                        + """
                         WHERE b.studio_id = :studio AND b.status = ANY(:statuses)
                           AND b.end_at > :from AND b.start_at < :to
                        """
                        + condition
                        + " ORDER BY b.start_at, b.id LIMIT :limit")
                .param("studio", Tenancy.currentStudioId())
                .param("statuses", SESSIONS.stream().map(BookingStatus::json).toArray(String[]::new))
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("target", target)
                .param("limit", MAX_FEED_ENTRIES)
                .query(CalendarEntries::entry)
                .list();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        UUID[] staff = (UUID[]) rs.getArray("staff_ids").getArray();
        return new Entry(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                BookingStatus.of(rs.getString("status")),
                rs.getObject("room_id", UUID.class),
                rs.getObject("client_id", UUID.class),
                Arrays.stream(staff)
                        .sorted((a, b) -> a.toString().compareTo(b.toString()))
                        .toList(),
                rs.getString("service"),
                rs.getTimestamp("start_at").toInstant(),
                rs.getTimestamp("end_at").toInstant(),
                rs.getInt("ics_sequence"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
