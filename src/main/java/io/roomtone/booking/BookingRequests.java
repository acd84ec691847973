package io.roomtone.booking;

import io.roomtone.availability.SessionRequest;
import io.roomtone.availability.StudioCatalog;
import io.roomtone.catalog.CustomAnswer;
import io.roomtone.catalog.CustomFields;
import io.roomtone.identity.Clients;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Asking for a session: a client for themselves, or the studio on a client's behalf. */
@Service
public class BookingRequests {

    /**
     * A booking request, as the client (or an admin on a client's behalf) sends it.
     *
     * @param customFields answers to the booked service's custom fields by key (see {@link
     *     CustomFields#answer}); null or absent when it has none
     * @param payOnline the client chose to pay the full price by card now, at a studio that asks for
     *     no deposit (null or false: pay at the studio); ignored where the studio asks for a payment
     */
    public record BookingRequest(
            UUID holdId,
            UUID roomId,
            List<ServiceItem> serviceItems,
            Instant startAt,
            Instant endAt,
            String notes,
            List<UUID> staffIds,
            UUID clientId,
            Boolean overrideRules,
            Map<String, Object> customFields,
            Boolean payOnline) {

        /** The same request, for {@code client}. */
        BookingRequest forClient(UUID client) {
            return new BookingRequest(
                    holdId,
                    roomId,
                    serviceItems,
                    startAt,
                    endAt,
                    notes,
                    staffIds,
                    client,
                    overrideRules,
                    customFields,
                    payOnline);
        }
    }

    /** A client new to the studio, as the desk takes them down for a phone or walk-in booking. */
    public record NewClient(String name, String email, String phone) {}

    /**
     * The answer to a booking request.
     *
     * @param clientSecret when card payments are on and the client pays a deposit online: the secret
     *     of its payment intent, for Stripe's Payment Element in the browser (held until the studio
     *     approves, where it must); null otherwise — the client pays at the studio
     */
    public record Requested(
            UUID bookingId,
            String code,
            BookingStatus status,
            long totalCents,
            long depositCents,
            String currency,
            Instant decisionDueAt,
            String clientSecret) {

        Requested withClientSecret(String secret) {
            return new Requested(bookingId, code, status, totalCents, depositCents, currency, decisionDueAt, secret);
        }
    }

    private final BookingMoney money;
    private final Pricing pricing;
    private final SlotClaims claims;
    private final Holds holds;
    private final BookingRules rules;
    private final BookingStore store;
    private final BookingJournal journal;
    private final TransactionRetries transactions;
    private final Clients clients;

    BookingRequests(
            Pricing pricing,
            SlotClaims claims,
            Holds holds,
            BookingRules rules,
            BookingStore store,
            BookingJournal journal,
            TransactionRetries transactions,
            BookingMoney money,
            Clients clients) {
        this.money = money;
        this.clients = clients;
        this.pricing = pricing;
        this.claims = claims;
        this.holds = holds;
        this.rules = rules;
        this.store = store;
        this.journal = journal;
        this.transactions = transactions;
    }

    /**
     * Books the session, or refuses with a problem and writes nothing. At a studio that requires
     * approval a client's booking awaits it until its decision deadline, and a client may have only
     * the studio's {@code max_pending_per_client} such requests at once; what the studio books
     * itself is confirmed at once.
     */
    public Requested request(BookingRequest request, CurrentUser caller) {
        List<UUID> staff = validated(request, caller);
        Requested requested = transactions.inTransaction("booking request", () -> book(request, staff, caller));
        // after commit: a provider call never runs inside the booking's transaction
        return money.startOnline(requested, caller, Boolean.TRUE.equals(request.payOnline()));
    }

    /**
     * Books for a client new to the studio (the desk's phone and walk-in bookings): the client, the
     * booking and its invoice are written in one transaction, so a refused booking leaves no client
     * behind and a retried one creates the client once. The studio's admins only.
     */
    public Requested requestForNewClient(NewClient client, BookingRequest request, CurrentUser admin) {
        if (!admin.role().isAdmin()) {
            throw new RoomtoneException(ProblemCode.FORBIDDEN, "Only the studio books for a new client.");
        }
        List<UUID> staff = validated(request, admin);
        return transactions.inTransaction("booking request", () -> {
            UUID clientId = clients.create(client.name(), client.email(), client.phone())
                    .id();
            return book(request.forClient(clientId), staff, admin);
        });
    }

    /** The request's own checks (before anything is read); the staff asked for. */
    private static List<UUID> validated(BookingRequest request, CurrentUser caller) {
        boolean admin = caller.role().isAdmin();
        new Validation()
                .require(request.roomId(), "room_id")
                .period(request.startAt(), "start_at", request.endAt(), "end_at")
                .check(
                        request.notes() == null || request.notes().length() <= 2000,
                        "notes",
                        "must be at most 2000 characters")
                .check(
                        admin || request.clientId() == null,
                        "client_id",
                        "only the studio can book on a client's behalf")
                .check(
                        admin || !Boolean.TRUE.equals(request.overrideRules()),
                        "override_rules",
                        "only the studio can override its rules")
                .throwIfInvalid();
        return StaffIds.of(request.staffIds());
    }

    private Requested book(BookingRequest request, List<UUID> staff, CurrentUser caller) {
        boolean admin = caller.role().isAdmin();
        StudioCatalog catalog = claims.catalog();
        Basket basket = pricing.basket(catalog, request.serviceItems(), "service_items");
        // answered against the service's fields as they are now; the booking keeps this snapshot. The
        // studio booking for a client may leave the client's required questions open.
        List<CustomAnswer> answers = CustomFields.answer(
                basket.session().customFields(), request.customFields(), !(admin && request.clientId() != null));
        UUID clientId = request.clientId() == null ? caller.id() : rules.requireClient(request.clientId());
        UUID holdId = request.holdId();
        if (holdId != null) {
            // the studio, booking for a client, may convert the hold that client placed
            holds.requireConvertible(
                    holdId,
                    Set.copyOf(List.of(caller.id(), clientId)),
                    request.roomId(),
                    basket.session().id(),
                    request.startAt(),
                    request.endAt());
        }
        boolean override = Boolean.TRUE.equals(request.overrideRules());
        SlotClaims.Claim claim = claims.check(
                new SessionRequest(
                        request.roomId(),
                        basket.session().id(),
                        basket.addOnIds(),
                        request.startAt(),
                        request.endAt(),
                        staff,
                        override,
                        holdId == null ? Set.of() : Set.of(holdId)),
                catalog);
        int minutes = (int) Duration.between(request.startAt(), request.endAt()).toMinutes();
        Pricing.Priced priced = pricing.price(catalog, basket, minutes);
        StudioSettings settings = priced.settings();
        rules.enforceDailyLimit(basket.session(), request.startAt(), settings.timezone(), null);
        // what the studio books itself needs no approval of its own
        BookingStatus status =
                settings.approvalRequired() && !admin ? BookingStatus.AWAITING_APPROVAL : BookingStatus.CONFIRMED;
        if (status == BookingStatus.AWAITING_APPROVAL) {
            rules.enforcePendingCap(clientId, settings.maxPendingPerClient());
        }
        Booking booking = store.insert(new BookingStore.NewBooking(
                clientId,
                request.roomId(),
                claim.staffIds(),
                request.startAt(),
                request.endAt(),
                claim.bufferBefore(),
                claim.bufferAfter(),
                status,
                status == BookingStatus.AWAITING_APPROVAL
                        ? DecisionDeadline.of(request.startAt(), settings, priced.at())
                        : null,
                admin && request.clientId() != null ? "admin" : "web",
                request.notes(),
                priced.price(),
                settings.cancellationPolicy(),
                settings.reschedulePolicy(),
                override,
                caller.id(),
                answers));
        claims.takeForBooking(claim, booking.id(), holdId);
        if (holdId != null) {
            holds.markConverted(holdId);
        }
        journal.record(
                "booking.requested",
                null,
                booking,
                new BookingEvents.BookingRequested(
                        Tenancy.currentStudioId(),
                        booking.id(),
                        booking.code(),
                        clientId,
                        booking.roomId(),
                        booking.staffIds(),
                        booking.startAt(),
                        booking.endAt(),
                        status,
                        priced.price()));
        if (override) {
            journal.note("booking.override_rules", booking, Map.of("override_rules", true));
        }
        return new Requested(
                booking.id(),
                booking.code(),
                status,
                booking.totalCents(),
                booking.depositCents(),
                booking.currency(),
                booking.decisionDueAt(),
                null);
    }
}
