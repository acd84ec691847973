package io.roomtone.booking;

import io.roomtone.availability.BlockedRange;
import io.roomtone.availability.Occupancy;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeRange;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.ConcurrencyFailureException;
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
    private final Clock clock;

    OccupancyTable(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
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
                         WHERE studio_id = ? AND blocked_start >= ? AND blocked_start < ? AND blocked_end > ?
                           AND (expires_at IS NULL OR expires_at > ?)
                        """)
                .params(
                        Tenancy.currentStudioId(),
                        Timestamp.from(from.minus(PIECE)),
                        Timestamp.from(to),
                        Timestamp.from(from),
                        Timestamp.from(clock.instant()))
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
     * Takes the room and staff over {@code blocked} for a booking or a hold ({@code expiresAt} set).
     * Expired holds in the way are removed first: the constraint cannot tell they are over.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void take(UUID roomId, List<UUID> staffIds, TimeRange blocked, UUID bookingId, UUID holdId, Instant expiresAt) {
        UUID studio = Tenancy.currentStudioId();
        try {
            jdbc.sql(
                            """
                            DELETE FROM occupancy
                             WHERE studio_id = ? AND expires_at <= ?
                               AND blocked_start >= ? AND blocked_start < ? AND blocked_end > ?
                            """)
                    .params(
                            studio,
                            Timestamp.from(clock.instant()),
                            Timestamp.from(blocked.start().minus(PIECE)),
                            Timestamp.from(blocked.end()),
                            Timestamp.from(blocked.start()))
                    .update();
            for (TimeRange piece : pieces(blocked)) {
                insert(studio, "room", roomId, piece, bookingId, holdId, expiresAt);
                for (UUID staffId : staffIds) {
                    insert(studio, "staff", staffId, piece, bookingId, holdId, expiresAt);
                }
            }
        } catch (DataIntegrityViolationException e) {
            if (isExclusionViolation(e)) {
                throw new RoomtoneException(ProblemCode.SLOT_UNAVAILABLE, SLOT_TAKEN);
            }
            throw e;
        } catch (ConcurrencyFailureException e) {
            // two transactions deleting the same expired hold, or inserting crosswise, may deadlock:
            // one of them loses, and for its caller the slot is simply gone
            throw new RoomtoneException(ProblemCode.SLOT_UNAVAILABLE, SLOT_TAKEN);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void releaseBooking(UUID bookingId) {
        jdbc.sql("DELETE FROM occupancy WHERE studio_id = ? AND booking_id = ?")
                .params(Tenancy.currentStudioId(), bookingId)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void releaseHold(UUID holdId) {
        jdbc.sql("DELETE FROM occupancy WHERE studio_id = ? AND hold_id = ?")
                .params(Tenancy.currentStudioId(), holdId)
                .update();
    }

    /** {@code blocked} cut into consecutive pieces of at most a day; they overlap what it overlaps. */
    static List<TimeRange> pieces(TimeRange blocked) {
        List<TimeRange> pieces = new java.util.ArrayList<>();
        for (Instant start = blocked.start(); start.isBefore(blocked.end()); start = start.plus(PIECE)) {
            Instant end = start.plus(PIECE);
            pieces.add(new TimeRange(start, end.isBefore(blocked.end()) ? end : blocked.end()));
        }
        return pieces;
    }

    private void insert(
            UUID studio,
            String kind,
            UUID resource,
            TimeRange blocked,
            UUID bookingId,
            UUID holdId,
            Instant expiresAt) {
        jdbc.sql(
                        """
                        INSERT INTO occupancy (studio_id, resource_kind, resource_id, blocked, booking_id, hold_id, expires_at)
                        VALUES (?, ?, ?, tstzrange(?, ?, '[)'), ?, ?, ?)
                        """)
                .params(
                        studio,
                        kind,
                        resource,
                        Timestamp.from(blocked.start()),
                        Timestamp.from(blocked.end()),
                        bookingId,
                        holdId,
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
    }

    /**
     * The exclusion constraint refused an overlap, or the primary key (studio, resource, range) an
     * identical row: equal ranges overlap, so the two refuse the same inserts, and which of them
     * reports it first depends only on the order PostgreSQL checks their indexes in.
     */
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
