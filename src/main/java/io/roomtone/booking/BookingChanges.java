package io.roomtone.booking;

import io.roomtone.availability.SessionRequest;
import io.roomtone.availability.StudioCatalog;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.Money;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeBounds;
import io.roomtone.shared.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to a booking that holds its slot: move it to another time, put other staff on it, or
 * cancel it. Moves that take a slot run through {@link SlotClaims} and are retried after a
 * deadlock ({@link TransactionRetries}); each writes its audit entry and event in its transaction.
 */
@Service
public class BookingChanges {

    /** The outcome of a cancellation under the policy the booking was made with. */
    public record Cancellation(UUID bookingId, BookingStatus status, int refundPercent, long refundCents) {}

    /** The outcome of a reschedule: the moved booking and the fee the policy charges. */
    public record Rescheduled(Booking booking, long feeCents) {}

    /**
     * What a reschedule would do if made now: the booking as it is, the new slot, the fee and the
     * status the booking would have afterwards (awaiting approval again at some studios).
     */
    public record ReschedulePreview(
            Booking booking, Instant newStartAt, Instant newEndAt, long feeCents, BookingStatus statusAfter) {}

    private final BookingAccess access;
    private final BookingStore store;
    private final SlotClaims claims;
    private final BookingRules rules;
    private final BookingJournal journal;
    private final TransactionRetries transactions;
    private final BookingMoney money;

    BookingChanges(
            BookingAccess access,
            BookingStore store,
            SlotClaims claims,
            BookingRules rules,
            BookingJournal journal,
            TransactionRetries transactions,
            BookingMoney money) {
        this.access = access;
        this.store = store;
        this.claims = claims;
        this.rules = rules;
        this.journal = journal;
        this.transactions = transactions;
        this.money = money;
    }

    /**
     * Moves a session to another time of the same length, atomically: the old range is released and
     * the new one taken in one transaction, or nothing changes. The fee follows the reschedule
     * policy the booking was made under. At a studio that requires approval, a client's move awaits
     * approval again (keeping the new slot) unless the studio lets clients move without it.
     */
    public Rescheduled reschedule(UUID id, Instant newStart, Instant newEnd, CurrentUser caller) {
        return reschedule(id, newStart, newEnd, null, caller);
    }

    /**
     * As {@link #reschedule(UUID, Instant, Instant, CurrentUser)}, but only for the fee the client was
     * shown ({@link #previewReschedule}): when the policy's tier changed in between (the free window
     * closed while they read), nothing moves and the answer is a 409 {@code conflict}, so that a client
     * is never charged a fee they did not see. {@code expectedFeeCents} null skips the comparison.
     */
    public Rescheduled reschedule(
            UUID id, Instant newStart, Instant newEnd, Long expectedFeeCents, CurrentUser caller) {
        validateMove(newStart, newEnd);
        return transactions.inTransaction("reschedule", () -> move(id, newStart, newEnd, expectedFeeCents, caller));
    }

    /**
     * What moving the booking to {@code [newStart, newEnd)} would do, checked as the move itself is
     * (who may, from which status, the same length, the engine's verdict on the new slot) but without
     * taking it: the fee the client would pay now and the status the booking would have. A service's
     * daily limit is counted only when the move is made.
     */
    @Transactional(readOnly = true)
    public ReschedulePreview previewReschedule(UUID id, Instant newStart, Instant newEnd, CurrentUser caller) {
        validateMove(newStart, newEnd);
        BookingAccess.Changing changing = access.readForChange(id, caller);
        Plan plan = plan(changing, newStart, newEnd);
        return new ReschedulePreview(changing.booking(), newStart, newEnd, plan.fee(), plan.status());
    }

    /**
     * The fee a move of {@code booking} made now would cost under its snapshotted policy, without
     * checking a new slot: what a booking page shows next to its "Reschedule" action.
     */
    @Transactional(readOnly = true)
    public long rescheduleFeeNow(UUID id, CurrentUser caller) {
        return feeOf(access.readForChange(id, caller));
    }

    /** Both ends within {@link TimeBounds}: beyond them the engine's arithmetic and PostgreSQL overflow. */
    private static void validateMove(Instant newStart, Instant newEnd) {
        new Validation()
                .period(newStart, "new_start_at", newEnd, "new_end_at")
                .check(newStart == null || TimeBounds.contains(newStart), "new_start_at", TimeBounds.MESSAGE)
                .check(newEnd == null || TimeBounds.contains(newEnd), "new_end_at", TimeBounds.MESSAGE)
                .throwIfInvalid();
    }

    /** The checks and outcome of a move, shared by the move and its preview so that both say the same. */
    private record Plan(
            StudioCatalog catalog, SlotClaims.Claim claim, StudioSettings settings, long fee, BookingStatus status) {}

    private Plan plan(BookingAccess.Changing changing, Instant newStart, Instant newEnd) {
        Booking before = changing.booking();
        BookingMove.RESCHEDULE.requireFrom(before);
        if (!Duration.between(newStart, newEnd).equals(Duration.between(before.startAt(), before.endAt()))) {
            throw RoomtoneException.invalid(
                    "new_end_at", "a reschedule keeps the session's length; book again to change it");
        }
        long fee = feeOf(changing);
        StudioCatalog catalog = claims.catalog();
        SlotClaims.Claim claim =
                claims.check(sameServices(before, newStart, newEnd, before.staffIds(), false), catalog);
        StudioSettings settings = catalog.settings();
        boolean backToApproval =
                settings.approvalRequired() && !settings.rescheduleWithoutApproval() && !changing.byStudio();
        BookingStatus status = backToApproval ? BookingStatus.AWAITING_APPROVAL : before.status();
        return new Plan(catalog, claim, settings, fee, status);
    }

    private static long feeOf(BookingAccess.Changing changing) {
        Booking booking = changing.booking();
        return changing.snapshot()
                .reschedule()
                .feeCentsFor(Duration.between(changing.now(), booking.startAt()), booking.reschedules());
    }

    private Rescheduled move(UUID id, Instant newStart, Instant newEnd, Long expectedFee, CurrentUser caller) {
        BookingAccess.Changing changing = access.lockForChange(id, caller);
        Booking before = changing.booking();
        Plan plan = plan(changing, newStart, newEnd);
        long fee = plan.fee();
        if (expectedFee != null && expectedFee != fee) {
            throw RoomtoneException.conflict(
                    "The fee for this move has changed since it was shown; review it and confirm again.");
        }
        plan.catalog()
                .service(sessionService(before))
                .ifPresent(service -> rules.enforceDailyLimit(
                        service, newStart, plan.settings().timezone(), id));
        BookingStatus status = plan.status();
        Instant due = status == BookingStatus.AWAITING_APPROVAL
                ? DecisionDeadline.of(newStart, plan.settings(), changing.now())
                : null;
        claims.retakeForBooking(plan.claim(), id);
        store.reschedule(id, newStart, newEnd, status, due, fee);
        Booking after = store.find(id).orElseThrow().booking();
        journal.record(
                "booking.rescheduled",
                before,
                after,
                new BookingEvents.BookingRescheduled(
                        Tenancy.currentStudioId(),
                        id,
                        after.code(),
                        before.startAt(),
                        before.endAt(),
                        newStart,
                        newEnd,
                        fee,
                        status));
        return new Rescheduled(after, fee);
    }

    /** Puts other staff on a session: they must have the skill and be free; opening hours do not matter. */
    public Booking assignStaff(UUID id, List<UUID> staffIds) {
        new Validation().require(staffIds, "staff_ids").throwIfInvalid();
        List<UUID> staff = StaffIds.of(staffIds);
        return transactions.inTransaction("staff assignment", () -> assign(id, staff));
    }

    private Booking assign(UUID id, List<UUID> staffIds) {
        Booking before = access.lock(id).booking();
        BookingMove.ASSIGN_STAFF.requireFrom(before);
        SlotClaims.Claim claim =
                claims.check(sameServices(before, before.startAt(), before.endAt(), staffIds, true), claims.catalog());
        claims.retakeForBooking(claim, id);
        // the new staff's own buffers may be longer than the old ones: they become the snapshot
        store.assignStaff(id, claim.staffIds(), claim.bufferBefore(), claim.bufferAfter());
        Booking after = store.find(id).orElseThrow().booking();
        journal.record(
                "booking.staff_assigned",
                before,
                after,
                new BookingEvents.StaffAssigned(
                        Tenancy.currentStudioId(), id, after.code(), after.staffIds(), before.staffIds()));
        return after;
    }

    /** Cancels under the tiered policy snapshotted on the booking, evaluated now against its start. */
    public Cancellation cancel(UUID id, String reason, CurrentUser caller) {
        return cancel(id, reason, null, caller);
    }

    /**
     * As {@link #cancel(UUID, String, CurrentUser)}, but only for the refund the client was shown
     * ({@link #previewCancel}): when the tier changed in between, nothing is canceled and the answer
     * is a 409 {@code conflict}. {@code expectedRefundPercent} null skips the comparison.
     */
    public Cancellation cancel(UUID id, String reason, Integer expectedRefundPercent, CurrentUser caller) {
        new Validation()
                .check(reason == null || reason.length() <= 2000, "reason", "must be at most 2000 characters")
                .throwIfInvalid();
        return transactions.inTransaction("cancellation", () -> cancelNow(id, reason, expectedRefundPercent, caller));
    }

    /**
     * What cancelling now would refund, by the same rule as {@link #cancel}: who may, from which
     * status, the tier of the snapshotted policy, the part of what was paid. Nothing changes.
     */
    @Transactional(readOnly = true)
    public Cancellation previewCancel(UUID id, CurrentUser caller) {
        BookingAccess.Changing changing = access.readForChange(id, caller);
        Booking booking = changing.booking();
        BookingMove.CANCEL.requireFrom(booking);
        int percent = refundPercentOf(changing);
        return new Cancellation(id, booking.status(), percent, refundCentsOf(booking, percent));
    }

    /** The part of what the client paid and can still get back that {@code percent} returns. */
    private long refundCentsOf(Booking booking, int percent) {
        return Money.of(money.refundable(booking), booking.currency())
                .percent(percent)
                .cents();
    }

    private static int refundPercentOf(BookingAccess.Changing changing) {
        return changing.snapshot()
                .cancellation()
                .refundPercentAt(
                        Duration.between(changing.now(), changing.booking().startAt()));
    }

    private Cancellation cancelNow(UUID id, String reason, Integer expectedPercent, CurrentUser caller) {
        BookingAccess.Changing changing = access.lockForChange(id, caller);
        Booking before = changing.booking();
        BookingMove.CANCEL.requireFrom(before);
        int percent = refundPercentOf(changing);
        if (expectedPercent != null && expectedPercent != percent) {
            throw RoomtoneException.conflict(
                    "The refund for cancelling has changed since it was shown; review it and confirm again.");
        }
        long refund = refundCentsOf(before, percent);
        claims.release(id);
        store.cancel(id, reason, refund);
        // before the event: who listens (invoicing) sees what the client keeps paid after the refund
        money.refund(before, refund, reason == null ? "Booking canceled" : reason, "cancel");
        Booking after = store.find(id).orElseThrow().booking();
        journal.record(
                "booking.canceled",
                before,
                after,
                new BookingEvents.BookingCanceled(
                        Tenancy.currentStudioId(), id, after.code(), reason, percent, refund));
        return new Cancellation(id, after.status(), percent, refund);
    }

    /**
     * The booking's own services and add-ons at another time or with other staff; its own blocked
     * range does not count against it. With {@code anyHours} only skills and overlaps are checked.
     */
    private static SessionRequest sameServices(
            Booking booking, Instant start, Instant end, List<UUID> staffIds, boolean anyHours) {
        List<UUID> addOns = booking.lines().stream()
                .filter(Price.Line::isAddon)
                .map(Price.Line::serviceId)
                .toList();
        return new SessionRequest(
                booking.roomId(),
                sessionService(booking),
                addOns,
                start,
                end,
                staffIds,
                anyHours,
                Set.of(booking.id()));
    }

    private static UUID sessionService(Booking booking) {
        return booking.lines().stream()
                .filter(l -> !l.isAddon())
                .findFirst()
                .orElseThrow()
                .serviceId();
    }
}
