package io.roomtone.booking;

import io.roomtone.availability.Availability;
import io.roomtone.availability.SessionRequest;
import io.roomtone.availability.Verdict;
import io.roomtone.catalog.Services;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeRange;
import io.roomtone.shared.Validation;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every move of a booking after it was requested. Each is a compare-and-set on the status inside
 * one transaction, with the booking row locked; a move the state machine does not allow is a 409
 * {@code invalid_transition}.
 */
@Service
public class BookingLifecycle {

    /** The outcome of a cancellation under the policy the booking was made with. */
    public record Cancellation(UUID bookingId, BookingStatus status, int refundPercent, long refundCents) {}

    /** The outcome of a reschedule: the moved booking and the fee the policy charges. */
    public record Rescheduled(Booking booking, long feeCents) {}

    private final BookingStore store;
    private final OccupancyTable occupancy;
    private final Availability availability;
    private final StaffMembers staff;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Services services;
    private final StudioPolicies policies;
    private final DailyLimits dailyLimits;
    private final Clock clock;

    BookingLifecycle(
            BookingStore store,
            OccupancyTable occupancy,
            Availability availability,
            StaffMembers staff,
            AuditTrail audit,
            ApplicationEventPublisher events,
            JdbcClient jdbc,
            Services services,
            StudioPolicies policies,
            DailyLimits dailyLimits,
            Clock clock) {
        this.store = store;
        this.occupancy = occupancy;
        this.availability = availability;
        this.staff = staff;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.services = services;
        this.policies = policies;
        this.dailyLimits = dailyLimits;
        this.clock = clock;
    }

    @Transactional
    public Booking approve(UUID id, String message, CurrentUser decider) {
        Booking before = locked(id).booking();
        require(before, BookingStatus.AWAITING_APPROVAL, "approved");
        Booking after = decide(id, BookingStatus.CONFIRMED, message, decider);
        audit.record("booking.approved", "booking", id, before, after);
        events.publishEvent(new BookingEvents.BookingApproved(Tenancy.currentStudioId(), id, after.code(), message));
        return after;
    }

    @Transactional
    public Booking reject(UUID id, String reason, CurrentUser decider) {
        new Validation()
                .require(reason, "reason")
                .check(reason == null || reason.length() <= 2000, "reason", "must be at most 2000 characters")
                .throwIfInvalid();
        Booking before = locked(id).booking();
        require(before, BookingStatus.AWAITING_APPROVAL, "rejected");
        occupancy.releaseBooking(id);
        Booking after = decide(id, BookingStatus.REJECTED, reason, decider);
        audit.record("booking.rejected", "booking", id, before, after);
        events.publishEvent(new BookingEvents.BookingRejected(Tenancy.currentStudioId(), id, after.code(), reason));
        return after;
    }

    /** Puts other staff on a session: they must have the skill and be free; opening hours do not matter. */
    @Transactional
    public Booking assignStaff(UUID id, List<UUID> staffIds) {
        new Validation().require(staffIds, "staff_ids").throwIfInvalid();
        BookingStore.Snapshot snapshot = locked(id);
        Booking before = snapshot.booking();
        if (!before.status().holdsItsSlot()) {
            throw invalidTransition(before, "given staff");
        }
        Verdict.Bookable bookable = Verdicts.require(availability.check(
                sameServices(before, before.startAt(), before.endAt(), StaffIds.of(staffIds), true)));
        occupancy.releaseBooking(id);
        store.replaceStaff(id, bookable.staffIds());
        // the new staff's own buffers may be longer than the old ones: they become the snapshot
        jdbc.sql(
                        "UPDATE booking SET buffer_before_min = ?, buffer_after_min = ?, updated_at = now() WHERE studio_id = ? AND id = ?")
                .params(
                        (int) bookable.bufferBefore().toMinutes(),
                        (int) bookable.bufferAfter().toMinutes(),
                        Tenancy.currentStudioId(),
                        id)
                .update();
        Booking after = store.find(id, false).orElseThrow().booking();
        occupancy.take(after.roomId(), after.staffIds(), blockedRange(after), id, null, null);
        audit.record("booking.staff_assigned", "booking", id, before, after);
        events.publishEvent(
                new BookingEvents.StaffAssigned(Tenancy.currentStudioId(), id, after.code(), after.staffIds()));
        return after;
    }

    /**
     * Moves a session to another time of the same length, atomically: the old range is released and
     * the new one taken in one transaction, or nothing changes. The fee follows the reschedule
     * policy the booking was made under.
     */
    @Transactional
    public Rescheduled reschedule(UUID id, Instant newStart, Instant newEnd, CurrentUser caller) {
        new Validation().period(newStart, "new_start_at", newEnd, "new_end_at").throwIfInvalid();
        BookingStore.Snapshot snapshot = visibleToChange(id, caller);
        Booking before = snapshot.booking();
        if (!before.status().holdsItsSlot()) {
            throw invalidTransition(before, "rescheduled");
        }
        if (!Duration.between(newStart, newEnd).equals(Duration.between(before.startAt(), before.endAt()))) {
            throw RoomtoneException.invalid(
                    "new_end_at", "a reschedule keeps the session's length; book again to change it");
        }
        Instant now = clock.instant();
        long fee = snapshot.reschedule().feeCentsFor(Duration.between(now, before.startAt()), before.reschedules());
        Verdicts.require(availability.check(sameServices(before, newStart, newEnd, before.staffIds(), false)));
        services.find(sessionService(before))
                .ifPresent(service -> dailyLimits.enforce(
                        service, newStart, policies.current().timezone(), id));
        occupancy.releaseBooking(id);
        jdbc.sql(
                        """
                        UPDATE booking SET start_at = ?, end_at = ?, reschedules = reschedules + 1, updated_at = now()
                         WHERE studio_id = ? AND id = ?
                        """)
                .params(Timestamp.from(newStart), Timestamp.from(newEnd), Tenancy.currentStudioId(), id)
                .update();
        Booking after = store.find(id, false).orElseThrow().booking();
        occupancy.take(after.roomId(), after.staffIds(), blockedRange(after), id, null, null);
        audit.record("booking.rescheduled", "booking", id, before, after);
        events.publishEvent(new BookingEvents.BookingRescheduled(
                Tenancy.currentStudioId(), id, after.code(), before.startAt(), before.endAt(), newStart, newEnd, fee));
        return new Rescheduled(after, fee);
    }

    /** Cancels under the tiered policy snapshotted on the booking, evaluated now against its start. */
    @Transactional
    public Cancellation cancel(UUID id, String reason, CurrentUser caller) {
        new Validation()
                .check(reason == null || reason.length() <= 2000, "reason", "must be at most 2000 characters")
                .throwIfInvalid();
        BookingStore.Snapshot snapshot = visibleToChange(id, caller);
        Booking before = snapshot.booking();
        if (!before.status().holdsItsSlot()) {
            throw invalidTransition(before, "canceled");
        }
        Duration ahead = Duration.between(clock.instant(), before.startAt());
        int percent = snapshot.cancellation().refundPercentAt(ahead);
        long refund = io.roomtone.shared.Money.of(before.paidCents(), before.currency())
                .percent(percent)
                .cents();
        occupancy.releaseBooking(id);
        jdbc.sql(
                        """
                        UPDATE booking SET status = 'canceled', canceled_at = now(), cancel_reason = ?, refund_cents = ?,
                                           updated_at = now()
                         WHERE studio_id = ? AND id = ?
                        """)
                .params(reason, refund, Tenancy.currentStudioId(), id)
                .update();
        Booking after = store.find(id, false).orElseThrow().booking();
        audit.record("booking.canceled", "booking", id, before, after);
        events.publishEvent(new BookingEvents.BookingCanceled(
                Tenancy.currentStudioId(), id, after.code(), reason, percent, refund));
        return new Cancellation(id, after.status(), percent, refund);
    }

    /**
     * Confirmed sessions whose end (and tear-down buffer) has passed become completed and stop
     * occupying their room.
     */
    @Transactional
    public int completeEnded() {
        List<BookingStore.Snapshot> ended = store.query(
                "b.status = 'confirmed' AND b.end_at + make_interval(mins => b.buffer_after_min) <= :now",
                java.util.Map.of("now", Timestamp.from(clock.instant())),
                true);
        for (BookingStore.Snapshot snapshot : ended) {
            Booking before = snapshot.booking();
            occupancy.releaseBooking(before.id());
            jdbc.sql("UPDATE booking SET status = 'completed', updated_at = now() WHERE studio_id = ? AND id = ?")
                    .params(Tenancy.currentStudioId(), before.id())
                    .update();
            audit.record("booking.completed", "booking", before.id(), before, java.util.Map.of("status", "completed"));
            events.publishEvent(
                    new BookingEvents.BookingCompleted(Tenancy.currentStudioId(), before.id(), before.code()));
        }
        return ended.size();
    }

    /**
     * The booking's own services and add-ons at another time or with other staff; its own blocked
     * range does not count against it. With {@code anyHours} only skills and overlaps are checked.
     */
    private static SessionRequest sameServices(
            Booking booking, Instant start, Instant end, List<UUID> staffIds, boolean anyHours) {
        UUID service = sessionService(booking);
        List<UUID> addOns = booking.lines().stream()
                .filter(Price.Line::isAddon)
                .map(Price.Line::serviceId)
                .toList();
        return new SessionRequest(
                booking.roomId(), service, addOns, start, end, staffIds, anyHours, Set.of(booking.id()));
    }

    private static UUID sessionService(Booking booking) {
        return booking.lines().stream()
                .filter(l -> !l.isAddon())
                .findFirst()
                .orElseThrow()
                .serviceId();
    }

    private BookingStore.Snapshot locked(UUID id) {
        return store.find(id, true).orElseThrow(() -> RoomtoneException.notFound("booking", id));
    }

    /** The booking, locked, if {@code caller} may change it (its client or an admin); 404 otherwise. */
    private BookingStore.Snapshot visibleToChange(UUID id, CurrentUser caller) {
        BookingStore.Snapshot snapshot = locked(id);
        if (!caller.role().isAdmin()
                && snapshot.booking().clientId().equals(caller.id())
                && !snapshot.booking().startAt().isAfter(clock.instant())) {
            throw new RoomtoneException(
                    ProblemCode.INVALID_TRANSITION, "The session has already started; ask the studio to change it.");
        }
        if (!caller.role().isAdmin() && !snapshot.booking().clientId().equals(caller.id())) {
            if (Bookings.canSee(snapshot.booking(), caller, staff)) {
                throw new RoomtoneException(
                        ProblemCode.FORBIDDEN, "Only the client or the studio can change this booking.");
            }
            throw RoomtoneException.notFound("booking", id);
        }
        return snapshot;
    }

    private Booking decide(UUID id, BookingStatus status, String message, CurrentUser decider) {
        jdbc.sql(
                        """
                        UPDATE booking SET status = ?, decided_by = ?, decided_at = now(), decision_message = ?, updated_at = now()
                         WHERE studio_id = ? AND id = ? AND status = 'awaiting_approval'
                        """)
                .params(status.json(), decider.id(), message, Tenancy.currentStudioId(), id)
                .update();
        return store.find(id, false).orElseThrow().booking();
    }

    private static void require(Booking booking, BookingStatus expected, String move) {
        if (booking.status() != expected) {
            throw invalidTransition(booking, move);
        }
    }

    private static RoomtoneException invalidTransition(Booking booking, String move) {
        return new RoomtoneException(
                ProblemCode.INVALID_TRANSITION,
                "Booking " + booking.code() + " is " + booking.status().json() + " and cannot be " + move + ".");
    }

    private static TimeRange blockedRange(Booking booking) {
        return new TimeRange(booking.startAt(), booking.endAt())
                .widen(Duration.ofMinutes(booking.bufferBeforeMin()), Duration.ofMinutes(booking.bufferAfterMin()));
    }
}
