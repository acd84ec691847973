package io.roomtone.booking;

import io.roomtone.availability.SessionRequest;
import io.roomtone.availability.StudioCatalog;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
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
 * the next transaction that needs its range. This class owns every statement on {@code hold}.
 */
@Service
public class Holds {

    /** What a client asks to hold. */
    public record HoldRequest(UUID roomId, Instant startAt, Instant endAt, UUID serviceId, List<UUID> staffIds) {}

    /** A placed hold. */
    public record Hold(UUID holdId, Instant expiresAt, List<UUID> staffIds) {}

    /**
     * A hold as its holder sees it again (the booking step shows it while the holder books).
     *
     * @param active placed and neither converted into a booking nor released; whether it has expired
     *     is {@link #isLive(Instant)} by the application clock
     * @param staffIds the staff it took (the engineer the engine chose); empty once its expired range
     *     was given to someone else
     */
    public record Held(
            UUID holdId,
            UUID roomId,
            UUID serviceId,
            Instant startAt,
            Instant endAt,
            Instant expiresAt,
            boolean active,
            List<UUID> staffIds) {

        /** Whether the hold still keeps its slot at {@code now} (of the application clock). */
        public boolean isLive(Instant now) {
            return active && expiresAt.isAfter(now);
        }
    }

    static final int MAX_ACTIVE_HOLDS = 3;

    private final SlotClaims claims;
    private final BookingRules limits;
    private final TransactionRetries transactions;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Holds(
            SlotClaims claims,
            BookingRules limits,
            TransactionRetries transactions,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock) {
        this.claims = claims;
        this.limits = limits;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    public Hold place(HoldRequest request, CurrentUser holder) {
        new Validation()
                .require(request.roomId(), "room_id")
                .period(request.startAt(), "start_at", request.endAt(), "end_at")
                .throwIfInvalid();
        List<UUID> staff = StaffIds.of(request.staffIds());
        return transactions.inTransaction("hold", () -> place(request, staff, holder));
    }

    private Hold place(HoldRequest request, List<UUID> staff, CurrentUser holder) {
        refuseHoarding(holder);
        StudioCatalog catalog = claims.catalog();
        SlotClaims.Claim claim = claims.check(
                new SessionRequest(
                        request.roomId(),
                        request.serviceId(),
                        List.of(),
                        request.startAt(),
                        request.endAt(),
                        staff,
                        false,
                        Set.of()),
                catalog);
        Instant expires = clock.instant().plus(catalog.settings().holdDuration());
        UUID id = jdbc.sql(
                        """
                        INSERT INTO hold (studio_id, user_id, room_id, service_id, start_at, end_at, expires_at)
                        VALUES (:studio, :user, :room, :service, :start, :end, :expires) RETURNING id
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("user", holder.id())
                .param("room", request.roomId())
                .param("service", request.serviceId())
                .param("start", Timestamp.from(request.startAt()))
                .param("end", Timestamp.from(request.endAt()))
                .param("expires", Timestamp.from(expires))
                .query(UUID.class)
                .single();
        claims.takeForHold(claim, id, expires);
        events.publishEvent(new BookingEvents.HoldPlaced(
                Tenancy.currentStudioId(),
                id,
                holder.id(),
                request.roomId(),
                request.startAt(),
                request.endAt(),
                expires));
        return new Hold(id, expires, claim.staffIds());
    }

    /** The hold {@code holdId} if {@code holder} placed it; empty for anyone else's (or none). */
    @Transactional(readOnly = true)
    public Optional<Held> find(UUID holdId, CurrentUser holder) {
        List<UUID> staff = jdbc.sql(
                        """
                        SELECT resource_id FROM occupancy
                         WHERE studio_id = :studio AND hold_id = :id AND resource_kind = 'staff'
                         ORDER BY resource_id
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", holdId)
                .query(UUID.class)
                .list();
        return jdbc.sql(
                        """
                        SELECT id, room_id, service_id, start_at, end_at, expires_at, status FROM hold
                         WHERE studio_id = :studio AND id = :id AND user_id = :holder
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", holdId)
                .param("holder", holder.id())
                .query((rs, row) -> new Held(
                        rs.getObject("id", UUID.class),
                        rs.getObject("room_id", UUID.class),
                        rs.getObject("service_id", UUID.class),
                        rs.getTimestamp("start_at").toInstant(),
                        rs.getTimestamp("end_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(),
                        "active".equals(rs.getString("status")),
                        staff))
                .optional();
    }

    /**
     * A client may keep a few slots in hand while choosing, not block a studio's whole week. The
     * count runs under the client's lock, so parallel requests cannot all see room for one more.
     */
    private void refuseHoarding(CurrentUser holder) {
        if (holder.role().isAdmin()) {
            return;
        }
        limits.lockClient(holder.id());
        long active = jdbc.sql(
                        """
                        SELECT count(*) FROM hold
                         WHERE studio_id = :studio AND user_id = :user AND status = 'active' AND expires_at > :now
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("user", holder.id())
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        if (active >= MAX_ACTIVE_HOLDS) {
            throw new RoomtoneException(
                    ProblemCode.CONFLICT,
                    "You already hold " + MAX_ACTIVE_HOLDS + " slots; book one or let a hold expire first.");
        }
    }

    /**
     * Refuses a booking that converts {@code holdId} unless the hold is active, unexpired by the
     * application clock (the one that set its expiry), placed by one of {@code holders}, and for the
     * booked room, service and times. The hold stays locked until the booking commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void requireConvertible(UUID holdId, Set<UUID> holders, UUID roomId, UUID serviceId, Instant start, Instant end) {
        record Held(UUID roomId, UUID serviceId, Instant startAt, Instant endAt) {}
        Held hold = jdbc.sql(
                        """
                        SELECT room_id, service_id, start_at, end_at FROM hold
                         WHERE studio_id = :studio AND id = :id AND user_id = ANY(:holders) AND status = 'active'
                           AND expires_at > :now
                         FOR UPDATE
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", holdId)
                .param("holders", holders.toArray(UUID[]::new))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> new Held(
                        rs.getObject("room_id", UUID.class),
                        rs.getObject("service_id", UUID.class),
                        rs.getTimestamp("start_at").toInstant(),
                        rs.getTimestamp("end_at").toInstant()))
                .optional()
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.CONFLICT, "The hold has expired, was used, or is not yours."));
        if (!hold.roomId().equals(roomId)
                || !hold.startAt().equals(start)
                || !hold.endAt().equals(end)) {
            throw RoomtoneException.invalid("hold_id", "is for another room or time than this booking");
        }
        if (hold.serviceId() != null && !hold.serviceId().equals(serviceId)) {
            throw RoomtoneException.invalid("hold_id", "is for another service than this booking");
        }
    }

    /** Marks the hold used; its occupancy went to the booking (see {@link SlotClaims#takeForBooking}). */
    @Transactional(propagation = Propagation.MANDATORY)
    void markConverted(UUID holdId) {
        jdbc.sql("UPDATE hold SET status = 'converted' WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", holdId)
                .update();
    }
}
