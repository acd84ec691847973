package io.roomtone.booking;

import io.roomtone.availability.Availability;
import io.roomtone.availability.SessionRequest;
import io.roomtone.availability.Verdict;
import io.roomtone.catalog.Services;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Accounts;
import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeRange;
import io.roomtone.shared.Validation;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Asking for a session, and reading bookings with the visibility of each role. */
@Service
public class Bookings {

    /** A booking request, as the client (or an admin on a client's behalf) sends it. */
    public record BookingRequest(
            UUID holdId,
            UUID roomId,
            List<ServiceItem> serviceItems,
            Instant startAt,
            Instant endAt,
            String notes,
            List<UUID> staffIds,
            UUID clientId,
            Boolean overrideRules) {}

    /** The answer to a booking request. {@code clientSecret} stays null until payments exist. */
    public record Requested(
            UUID bookingId,
            String code,
            BookingStatus status,
            long totalCents,
            long depositCents,
            String clientSecret) {}

    private final Availability availability;
    private final Services services;
    private final StaffMembers staff;
    private final Accounts accounts;
    private final StudioPolicies policies;
    private final Holds holds;
    private final OccupancyTable occupancy;
    private final BookingStore store;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final DailyLimits dailyLimits;
    private final Clock clock;

    Bookings(
            Availability availability,
            Services services,
            StaffMembers staff,
            Accounts accounts,
            StudioPolicies policies,
            Holds holds,
            OccupancyTable occupancy,
            BookingStore store,
            AuditTrail audit,
            ApplicationEventPublisher events,
            DailyLimits dailyLimits,
            Clock clock) {
        this.availability = availability;
        this.services = services;
        this.staff = staff;
        this.accounts = accounts;
        this.policies = policies;
        this.holds = holds;
        this.occupancy = occupancy;
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.dailyLimits = dailyLimits;
        this.clock = clock;
    }

    @Transactional
    public Requested request(BookingRequest request, CurrentUser caller) {
        Validation validation = new Validation()
                .require(request.roomId(), "room_id")
                .period(request.startAt(), "start_at", request.endAt(), "end_at")
                .check(
                        request.notes() == null || request.notes().length() <= 2000,
                        "notes",
                        "must be at most 2000 characters");
        boolean admin = caller.role().isAdmin();
        validation.check(
                admin || request.clientId() == null, "client_id", "only the studio can book on a client's behalf");
        validation.check(
                admin || !Boolean.TRUE.equals(request.overrideRules()),
                "override_rules",
                "only the studio can override its rules");
        validation.throwIfInvalid();
        Basket basket = Basket.of(request.serviceItems(), services, "service_items");
        UUID clientId = request.clientId() == null ? caller.id() : requireClient(request.clientId());
        Set<UUID> ignoring = Set.of();
        if (request.holdId() != null) {
            ignoring = Set.of(convertible(request, caller, clientId).id());
        }
        boolean override = Boolean.TRUE.equals(request.overrideRules());
        List<UUID> staff = StaffIds.of(request.staffIds());
        Verdict.Bookable bookable = Verdicts.require(availability.check(new SessionRequest(
                request.roomId(),
                basket.session().id(),
                basket.addOnIds(),
                request.startAt(),
                request.endAt(),
                staff,
                override,
                ignoring)));
        StudioSettings settings = policies.current();
        dailyLimits.enforce(basket.session(), request.startAt(), settings.timezone(), null);
        int minutes = (int) Duration.between(request.startAt(), request.endAt()).toMinutes();
        Price price = basket.price(minutes, settings);
        BookingStatus status = settings.approvalRequired() ? BookingStatus.AWAITING_APPROVAL : BookingStatus.CONFIRMED;
        UUID id = store.insert(new BookingStore.NewBooking(
                clientId,
                request.roomId(),
                bookable.staffIds(),
                request.startAt(),
                request.endAt(),
                (int) bookable.bufferBefore().toMinutes(),
                (int) bookable.bufferAfter().toMinutes(),
                status,
                admin && request.clientId() != null ? "admin" : "web",
                request.notes(),
                price,
                settings.cancellationPolicy(),
                settings.reschedulePolicy(),
                override,
                caller.id()));
        if (request.holdId() != null) {
            holds.convert(request.holdId());
        }
        TimeRange blocked = new TimeRange(request.startAt(), request.endAt())
                .widen(bookable.bufferBefore(), bookable.bufferAfter());
        occupancy.take(request.roomId(), bookable.staffIds(), blocked, id, null, null);
        Booking booking = store.find(id, false).orElseThrow().booking();
        audit.record("booking.requested", "booking", id, null, booking);
        if (override) {
            audit.record("booking.override_rules", "booking", id, null, Map.of("override_rules", true));
        }
        events.publishEvent(new BookingEvents.BookingRequested(
                Tenancy.currentStudioId(),
                id,
                booking.code(),
                clientId,
                booking.roomId(),
                booking.staffIds(),
                booking.startAt(),
                booking.endAt(),
                status,
                booking.totalCents(),
                booking.currency()));
        return new Requested(id, booking.code(), status, booking.totalCents(), booking.depositCents(), null);
    }

    /**
     * The studio books on behalf of its clients only: a booking's client is who is charged, notified
     * and may cancel, so staff and admin accounts are refused rather than silently made clients.
     */
    private UUID requireClient(UUID clientId) {
        return accounts.find(clientId)
                .filter(account -> account.role() == Role.CLIENT)
                .map(UserAccount::id)
                .orElseThrow(() -> RoomtoneException.invalid("client_id", "is not a client of this studio"));
    }

    /**
     * The hold the request converts. A client converts only their own; the studio, booking for a
     * client, also the hold that client placed while asking for the session.
     */
    private Holds.ActiveHold convertible(BookingRequest request, CurrentUser caller, UUID clientId) {
        // the same account when a client books for themselves; Set.copyOf keeps one of duplicates
        Set<UUID> holders = Set.copyOf(List.of(caller.id(), clientId));
        Holds.ActiveHold hold = holds.active(request.holdId(), holders)
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.CONFLICT, "The hold has expired, was used, or is not yours."));
        if (!hold.roomId().equals(request.roomId())
                || !hold.startAt().equals(request.startAt())
                || !hold.endAt().equals(request.endAt())) {
            throw RoomtoneException.invalid("hold_id", "is for another room or time than this booking");
        }
        return hold;
    }

    /** A booking its client, its staff and the studio's admins may see; 404 for anyone else. */
    @Transactional(readOnly = true)
    public Booking get(UUID id, CurrentUser viewer) {
        Booking booking = store.find(id, false)
                .map(BookingStore.Snapshot::booking)
                .orElseThrow(() -> RoomtoneException.notFound("booking", id));
        if (!canSee(booking, viewer, staff)) {
            throw RoomtoneException.notFound("booking", id);
        }
        return booking;
    }

    /** The caller's own bookings, split at now. */
    public record Mine(List<Booking> upcoming, List<Booking> past) {}

    @Transactional(readOnly = true)
    public Mine mine(CurrentUser client) {
        Instant now = clock.instant();
        List<Booking> all = store.query("b.client_id = :client", Map.of("client", client.id()), false).stream()
                .map(BookingStore.Snapshot::booking)
                .toList();
        return new Mine(
                all.stream().filter(b -> b.isUpcoming(now)).toList(),
                all.stream()
                        .filter(b -> !b.isUpcoming(now))
                        .sorted((a, b) -> b.startAt().compareTo(a.startAt()))
                        .toList());
    }

    /** The studio's bookings, optionally by status and by time (overlapping {@code [from, to)}). */
    @Transactional(readOnly = true)
    public List<Booking> list(BookingStatus status, Instant from, Instant to) {
        StringBuilder where = new StringBuilder("TRUE");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            where.append(" AND b.status = :status");
            params.put("status", status.json());
        }
        if (from != null) {
            where.append(" AND b.end_at > :from");
            params.put("from", Timestamp.from(from));
        }
        if (to != null) {
            where.append(" AND b.start_at < :to");
            params.put("to", Timestamp.from(to));
        }
        return store.query(where.toString(), params, false).stream()
                .map(BookingStore.Snapshot::booking)
                .toList();
    }

    /** Admins see everything; clients their own bookings; staff also the sessions they work. */
    static boolean canSee(Booking booking, CurrentUser viewer, StaffMembers staff) {
        return viewer.role().isAdmin()
                || booking.clientId().equals(viewer.id())
                || (viewer.role() == Role.STAFF
                        && staff.ofUser(viewer.id())
                                .map(m -> booking.staffIds().contains(m.id()))
                                .orElse(false));
    }
}
