package io.roomtone.booking;

import io.roomtone.availability.BlockedRange;
import io.roomtone.availability.Occupancy;
import io.roomtone.availability.OccupancyChanges;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeRange;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code occupancy} table: one row per room or staff member taken by an active booking or an
 * unexpired hold. Its exclusion constraint refuses overlaps; this class turns that refusal into a
 * 409 {@code slot_unavailable}.
 *
 * <p>Whether a hold has expired is judged by the application {@link Clock}, bound as a parameter,
 * never by PostgreSQL's {@code now()}: the expiry was computed with that clock, and searches judge
 * it with that clock, so a slot a search shows free is one a booking can take.
 */
@Component
class OccupancyTable implements Occupancy {

    /** The longest row: longer blocked ranges are stored as consecutive pieces (see V8). */
    static final Duration PIECE = Duration.ofDays(1);

    private static final String SLOT_TAKEN = "The room or staff member is already taken at that time.";

    private final JdbcClient jdbc;
    private final OccupancyChanges changes;
    private final Clock clock;

    OccupancyTable(JdbcClient jdbc, OccupancyChanges changes, Clock clock) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<BlockedRange> overlapping(Instant from, Instant to) {
        return jdbc.sql(
                        """
                        SELECT resource_kind, resource_id, blocked_start AS start_at, blocked_end AS end_at,
                               coalesce(booking_id, hold_id) AS owner_id, expires_at
                          FROM occupancy
                         WHERE studio_id = :studio AND blocked_start >= :reach AND blocked_start < :to
                           AND blocked_end > :from AND (expires_at IS NULL OR expires_at > :now)
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("reach", Timestamp.from(from.minus(PIECE)))
                .param("to", Timestamp.from(to))
                .param("from", Timestamp.from(from))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> {
                    // by column index, not name: a search maps hundreds of these rows
                    Timestamp expires = rs.getTimestamp(6);
                    return new BlockedRange(
                            rs.getString(1).charAt(0) == 'r' ? BlockedRange.Kind.ROOM : BlockedRange.Kind.STAFF,
                            rs.getObject(2, UUID.class),
                            new TimeRange(
                                    rs.getTimestamp(3).toInstant(),
                                    rs.getTimestamp(4).toInstant()),
                            rs.getObject(5, UUID.class),
                            expires == null ? null : expires.toInstant());
                })
                .list();
    }

    /**
     * Takes the room and staff over {@code blocked} for a booking or a hold ({@code expiresAt} set),
     * in one statement that first removes what stands in the way without counting any more: expired
     * holds (the constraint cannot tell they are over) and the rows of {@code replacing} (the
     * booking's own old range when it moves, the hold it converts). Each of the two deletions is one
     * an index answers: as one condition joined by OR, PostgreSQL scanned every occupancy row of the
     * studio on every booking (5.6 ms a booking with 15,000 rows, most of a booking's database time;
     * see docs/benchmarks.md).
     *
     * <p>Two transactions inserting overlapping rows at once each wait for the other's row to commit
     * or vanish, and PostgreSQL breaks that deadlock only after {@code deadlock_timeout} (1 s): fifty
     * clients racing for one slot spent their retries on it. So the statement first takes a
     * transaction-scoped advisory lock per resource and UTC day it touches, all in one order; two
     * overlapping takers share at least one of them, the second waits for the first to end and then
     * meets its committed row, a plain 409. Takers of different resources or days never wait.
     *
     * <p>An overlap is a 409 {@code slot_unavailable}. A deadlock or serialization failure is not
     * proof of one: it propagates, and {@link TransactionRetries} runs the transaction again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void take(
            UUID roomId,
            List<UUID> staffIds,
            TimeRange blocked,
            UUID bookingId,
            UUID holdId,
            Instant expiresAt,
            UUID replacing) {
        List<String> kinds = new ArrayList<>();
        List<UUID> resources = new ArrayList<>();
        kinds.add("room");
        resources.add(roomId);
        staffIds.stream().sorted().forEach(staff -> {
            kinds.add("staff");
            resources.add(staff);
        });
        List<TimeRange> pieces = pieces(blocked);
        changes.roomChanged(roomId, blocked, !staffIds.isEmpty(), expiresAt);
        try {
            jdbc.sql(
                            """
                            WITH locked AS (
                                -- in ascending order (output expressions are evaluated after the sort)
                                SELECT pg_advisory_xact_lock(key)
                                  FROM (SELECT DISTINCT hashtextextended(k, 0) AS key
                                          FROM unnest(CAST(:locks AS text[])) AS k) AS keys
                                 ORDER BY key
                            ), replaced AS (
                                DELETE FROM occupancy
                                 WHERE studio_id = :studio AND (booking_id = :replacing OR hold_id = :replacing)
                                RETURNING 1
                            ), expired AS (
                                DELETE FROM occupancy
                                 WHERE studio_id = :studio AND expires_at <= :now
                                   AND blocked_start >= :reach AND blocked_start < :end AND blocked_end > :start
                                RETURNING 1
                            )
                            INSERT INTO occupancy (studio_id, resource_kind, resource_id, blocked, booking_id, hold_id,
                                                   expires_at)
                            SELECT :studio, r.kind, r.id, tstzrange(p.start_at, p.end_at, '[)'), :booking, :hold,
                                   :expires
                              FROM unnest(CAST(:kinds AS text[]), CAST(:resources AS uuid[])) WITH ORDINALITY
                                       AS r(kind, id, n),
                                   unnest(CAST(CAST(:starts AS text[]) AS timestamptz[]),
                                          CAST(CAST(:ends AS text[]) AS timestamptz[])) AS p(start_at, end_at)
                             -- reading the counts takes the locks and makes the deletions happen before the first insert
                             WHERE (SELECT count(*) FROM locked) + (SELECT count(*) FROM replaced)
                                   + (SELECT count(*) FROM expired) >= 0
                             ORDER BY r.n, p.start_at
                            """)
                    .param("studio", Tenancy.currentStudioId())
                    .param("replacing", replacing)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("reach", Timestamp.from(blocked.start().minus(PIECE)))
                    .param("start", Timestamp.from(blocked.start()))
                    .param("end", Timestamp.from(blocked.end()))
                    .param("booking", bookingId)
                    .param("hold", holdId)
                    .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt))
                    .param("locks", locks(resources, blocked))
                    .param("kinds", kinds.toArray(String[]::new))
                    .param("resources", resources.toArray(UUID[]::new))
                    .param(
                            "starts",
                            pieces.stream().map(p -> p.start().toString()).toArray(String[]::new))
                    .param("ends", pieces.stream().map(p -> p.end().toString()).toArray(String[]::new))
                    .update();
        } catch (DataIntegrityViolationException e) {
            if (isExclusionViolation(e)) {
                throw new RoomtoneException(ProblemCode.SLOT_UNAVAILABLE, SLOT_TAKEN);
            }
            throw e;
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void releaseBooking(UUID bookingId) {
        changes.changedInThisTransaction();
        // what was freed, for the pages watching those rooms and days
        record Freed(UUID roomId, Instant start, Instant end, boolean staffToo) {}
        jdbc.sql(
                        """
                        WITH freed AS (
                            DELETE FROM occupancy WHERE studio_id = :studio AND booking_id = :booking
                            RETURNING resource_kind, resource_id, blocked
                        )
                        SELECT (array_agg(resource_id) FILTER (WHERE resource_kind = 'room'))[1] AS room_id,
                               min(lower(blocked)) AS start_at, max(upper(blocked)) AS end_at,
                               bool_or(resource_kind = 'staff') AS staff_too
                          FROM freed
                        HAVING bool_or(resource_kind = 'room')
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("booking", bookingId)
                .query((rs, row) -> new Freed(
                        rs.getObject("room_id", UUID.class),
                        rs.getTimestamp("start_at").toInstant(),
                        rs.getTimestamp("end_at").toInstant(),
                        rs.getBoolean("staff_too")))
                .optional()
                .ifPresent(freed -> changes.roomChanged(
                        freed.roomId(), new TimeRange(freed.start(), freed.end()), freed.staffToo(), null));
    }

    /** A lock key per resource and UTC day {@code blocked} touches: overlapping ranges share one. */
    private static String[] locks(List<UUID> resources, TimeRange blocked) {
        UUID studio = Tenancy.currentStudioId();
        long first = Math.floorDiv(blocked.start().getEpochSecond(), 86_400);
        long last = Math.floorDiv(blocked.end().minusNanos(1).getEpochSecond(), 86_400);
        List<String> keys = new ArrayList<>();
        for (UUID resource : resources) {
            for (long day = first; day <= last; day++) {
                keys.add("occupancy:" + studio + ":" + resource + ":" + day);
            }
        }
        return keys.toArray(String[]::new);
    }

    /** {@code blocked} cut into consecutive pieces of at most a day; they overlap what it overlaps. */
    static List<TimeRange> pieces(TimeRange blocked) {
        List<TimeRange> pieces = new ArrayList<>();
        for (Instant start = blocked.start(); start.isBefore(blocked.end()); start = start.plus(PIECE)) {
            Instant end = start.plus(PIECE);
            pieces.add(new TimeRange(start, end.isBefore(blocked.end()) ? end : blocked.end()));
        }
        return pieces;
    }

    private static boolean isExclusionViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                if ("23P01".equals(sql.getSQLState())) {
                    return true;
                }
                if ("23505".equals(sql.getSQLState())
                        && sql instanceof org.postgresql.util.PSQLException psql
                        && psql.getServerErrorMessage() != null
                        && "occupancy_pkey".equals(psql.getServerErrorMessage().getConstraint())) {
                    return true;
                }
            }
        }
        return false;
    }
}
