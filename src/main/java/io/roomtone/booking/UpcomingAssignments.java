package io.roomtone.booking;

import io.roomtone.catalog.StaffAssignments;
import io.roomtone.identity.Tenancy;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the catalog which upcoming sessions a staff member works, so they are not removed from under them. */
@Component
class UpcomingAssignments implements StaffAssignments {

    private final JdbcClient jdbc;
    private final Clock clock;

    UpcomingAssignments(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Assignment> upcomingFor(UUID staffId) {
        return jdbc.sql(
                        """
                        SELECT b.id, b.code, b.start_at FROM booking b
                          JOIN booking_staff s ON s.studio_id = b.studio_id AND s.booking_id = b.id
                         WHERE b.studio_id = ? AND s.staff_id = ? AND b.end_at > ?
                           AND b.status IN ('awaiting_approval', 'confirmed')
                         ORDER BY b.start_at
                        """)
                // "upcoming" by the application clock, as everywhere else in booking
                .params(Tenancy.currentStudioId(), staffId, Timestamp.from(clock.instant()))
                .query((rs, row) -> new Assignment(
                        rs.getObject("id", UUID.class),
                        rs.getString("code"),
                        rs.getTimestamp("start_at").toInstant()))
                .list();
    }
}
