package io.roomtone.booking;

import io.roomtone.availability.Availability;
import io.roomtone.availability.SessionRequest;
import io.roomtone.availability.Verdict;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeRange;
import io.roomtone.shared.Validation;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Short reservations: a hold takes its slot (room and staff) for {@code hold_minutes} while its
 * holder books. Expiry needs no job: an expired hold no longer counts as occupancy and is removed by
 * the next transaction that needs its range.
 */
@Service
public class Holds {

    /** What a client asks to hold. */
    public record HoldRequest(UUID roomId, Instant startAt, Instant endAt, UUID serviceId, List<UUID> staffIds) {}

    /** A placed hold. */
    public record Hold(UUID holdId, Instant expiresAt, List<UUID> staffIds) {}

    static final int MAX_ACTIVE_HOLDS = 3;

    private final Availability availability;
    private final StudioPolicies policies;
    private final OccupancyTable occupancy;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Holds(
            Availability availability,
            StudioPolicies policies,
            OccupancyTable occupancy,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock) {
        this.availability = availability;
        this.policies = policies;
        this.occupancy = occupancy;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Hold place(HoldRequest request, CurrentUser holder) {
        new Validation()
                .require(request.roomId(), "room_id")
                .period(request.startAt(), "start_at", request.endAt(), "end_at")
                .throwIfInvalid();
        List<UUID> staff = StaffIds.of(request.staffIds());
        refuseHoarding(holder);
        Verdict.Bookable bookable = Verdicts.require(availability.check(new SessionRequest(
                request.roomId(),
                request.serviceId(),
                List.of(),
                request.startAt(),
                request.endAt(),
                staff,
                false,
                Set.of())));
        Instant expires = clock.instant().plus(policies.current().holdDuration());
        UUID id = jdbc.sql(
                        """
                        INSERT INTO hold (studio_id, user_id, room_id, service_id, start_at, end_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                        """)
                .params(
                        Tenancy.currentStudioId(),
                        holder.id(),
                        request.roomId(),
                        request.serviceId(),
                        Timestamp.from(request.startAt()),
                        Timestamp.from(request.endAt()),
                        Timestamp.from(expires))
                .query(UUID.class)
                .single();
        TimeRange blocked = new TimeRange(request.startAt(), request.endAt())
                .widen(bookable.bufferBefore(), bookable.bufferAfter());
        occupancy.take(request.roomId(), bookable.staffIds(), blocked, null, id, expires);
        events.publishEvent(new BookingEvents.HoldPlaced(
                Tenancy.currentStudioId(),
                id,
                holder.id(),
                request.roomId(),
                request.startAt(),
                request.endAt(),
                expires));
        return new Hold(id, expires, bookable.staffIds());
    }

    /** A client may keep a few slots in hand while choosing, not block a studio's whole week. */
    private void refuseHoarding(CurrentUser holder) {
        if (holder.role().isAdmin()) {
            return;
        }
        long active = jdbc.sql(
                        """
                        SELECT count(*) FROM hold
                         WHERE studio_id = ? AND user_id = ? AND status = 'active' AND expires_at > ?
                        """)
                .params(Tenancy.currentStudioId(), holder.id(), Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        if (active >= MAX_ACTIVE_HOLDS) {
            throw new RoomtoneException(
                    ProblemCode.CONFLICT,
                    "You already hold " + MAX_ACTIVE_HOLDS + " slots; book one or let a hold expire first.");
        }
    }

    /** An active, unexpired hold that a booking is about to convert. */
    record ActiveHold(UUID id, UUID roomId, Instant startAt, Instant endAt) {}

    /**
     * The hold {@code holdId}, locked, if it is active, unexpired by the application clock (the one
     * that set its expiry) and placed by one of {@code holders}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<ActiveHold> active(UUID holdId, Set<UUID> holders) {
        return jdbc.sql(
                        """
                        SELECT id, room_id, start_at, end_at FROM hold
                         WHERE studio_id = ? AND id = ? AND user_id = ANY(?) AND status = 'active' AND expires_at > ?
                         FOR UPDATE
                        """)
                .params(
                        Tenancy.currentStudioId(),
                        holdId,
                        holders.toArray(UUID[]::new),
                        Timestamp.from(clock.instant()))
                .query((rs, row) -> new ActiveHold(
                        rs.getObject("id", UUID.class),
                        rs.getObject("room_id", UUID.class),
                        rs.getTimestamp("start_at").toInstant(),
                        rs.getTimestamp("end_at").toInstant()))
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void convert(UUID holdId) {
        occupancy.releaseHold(holdId);
        jdbc.sql("UPDATE hold SET status = 'converted' WHERE studio_id = ? AND id = ?")
                .params(Tenancy.currentStudioId(), holdId)
                .update();
    }
}
