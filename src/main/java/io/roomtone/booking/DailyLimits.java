package io.roomtone.booking;

import io.roomtone.catalog.Service;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A service's {@code max_per_day}, counted on the studio's local day among bookings that hold their
 * slot. Checks of one service and day are serialized with an advisory lock, so two concurrent
 * requests cannot both take the last one.
 */
@Component
class DailyLimits {

    private final JdbcClient jdbc;

    DailyLimits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Refuses a session of {@code service} starting at {@code start}; {@code moving} is a booking not to count. */
    @Transactional(propagation = Propagation.MANDATORY)
    void enforce(Service service, Instant start, ZoneId zone, UUID moving) {
        Integer max = service.maxPerDay();
        if (max == null) {
            return;
        }
        LocalDate day = start.atZone(zone).toLocalDate();
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(? || ':' || ?, 0))")
                .params(service.id().toString(), day.toString())
                .query((rs, row) -> 1)
                .single();
        long booked = jdbc.sql(
                        """
                        SELECT count(*) FROM booking b JOIN booking_line l
                          ON l.studio_id = b.studio_id AND l.booking_id = b.id AND l.service_id = ?
                         WHERE b.studio_id = ? AND b.status IN ('awaiting_approval', 'confirmed')
                           AND b.start_at >= ? AND b.start_at < ? AND b.id IS DISTINCT FROM ?
                        """)
                .params(
                        service.id(),
                        Tenancy.currentStudioId(),
                        Timestamp.from(day.atStartOfDay(zone).toInstant()),
                        Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()),
                        moving)
                .query(Long.class)
                .single();
        if (booked >= max) {
            throw new RoomtoneException(
                    ProblemCode.SLOT_UNAVAILABLE,
                    service.name() + " is fully booked on " + day + " (at most " + max + " a day).");
        }
    }
}
