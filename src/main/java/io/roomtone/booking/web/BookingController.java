package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingChanges;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingRequests;
import io.roomtone.booking.Holds;
import io.roomtone.booking.Quotes;
import io.roomtone.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Booking", description = "Quotes, holds and bookings for clients")
@RestController
class BookingController {

    record Reschedule(Instant newStartAt, Instant newEndAt) {}

    record Cancel(String reason) {}

    private final Quotes quotes;
    private final Holds holds;
    private final BookingRequests requests;
    private final BookingQueries queries;
    private final BookingChanges changes;

    BookingController(
            Quotes quotes, Holds holds, BookingRequests requests, BookingQueries queries, BookingChanges changes) {
        this.quotes = quotes;
        this.holds = holds;
        this.requests = requests;
        this.queries = queries;
        this.changes = changes;
    }

    @Operation(
            summary = "Price a session",
            description = "Computed on the server exactly as booking it would be. The basket is `service_items` "
                    + "(as in POST /api/bookings: one bookable service and any add-ons with `qty`), or `service_id` "
                    + "with `add_ons`; not both.")
    @PostMapping("/api/quote")
    Quotes.Quote quote(@RequestBody Quotes.QuoteRequest request) {
        return quotes.quote(request);
    }

    @Operation(
            summary = "Hold a slot",
            description = "Takes the slot for the studio's hold_minutes; nobody else can book it meanwhile. "
                    + "expires_at is on the server's clock, the one that searches and bookings judge holds by.")
    @PostMapping("/api/holds")
    @ResponseStatus(HttpStatus.CREATED)
    Holds.Hold hold(@RequestBody Holds.HoldRequest request, @AuthenticationPrincipal CurrentUser user) {
        return holds.place(request, user);
    }

    @Operation(
            summary = "Book a session",
            description =
                    "Exactly one bookable service (qty 1) plus any add-ons. Status is awaiting_approval, or confirmed "
                            + "when the studio does not require approval. A taken slot is a 409 slot_unavailable. "
                            + "hold_id converts an unexpired hold for the same room, start_at and end_at (else a 400 "
                            + "naming hold_id); a client converts only their own holds. Admins may book on a client's "
                            + "behalf with client_id, which must be a client account of the studio (not staff or an "
                            + "admin; else a 400 naming client_id), and may then convert that client's hold or their "
                            + "own. A hold that has expired, was used or is someone else's is a 409 conflict; a hold "
                            + "placed for another service is a 400 naming hold_id. At a studio that requires approval, "
                            + "decision_due_at tells when the request expires unless the studio decides, and a client "
                            + "may have at most max_pending_per_client unpaid requests awaiting approval (else a 409 "
                            + "conflict). With card payments on (Stripe), a client booking for themselves gets "
                            + "client_secret for a payment intent of the deposit, or of the total where the studio's "
                            + "online_payment is full; at a studio that asks no deposit, pay_online: true asks for "
                            + "the total by card now (otherwise the client pays at the studio). Where the studio's "
                            + "balance_collection is auto_charge, the card is saved (setup_future_usage=off_session) "
                            + "and the rest is charged to it balance_charge_hours before the session.")
    @PostMapping("/api/bookings")
    @ResponseStatus(HttpStatus.CREATED)
    BookingRequests.Requested book(
            @RequestBody BookingRequests.BookingRequest request, @AuthenticationPrincipal CurrentUser user) {
        return requests.request(request, user);
    }

    @Operation(
            summary = "One booking (its client, its staff and admins)",
            description = "payment_status, paid_cents (received minus given back) and refunded_cents (given back, "
                    + "refunds that went through) are summed from its payments; refund_cents is what its "
                    + "cancellation's policy promised. "
                    + "payment_action_needed is true when the automatic charge of its balance to the card saved "
                    + "at booking was declined (or needs the client's authentication): the client pays what is "
                    + "owed on the booking's page, or the studio records it; it clears once nothing is owed.")
    @GetMapping("/api/bookings/{id}")
    Booking get(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return queries.get(id, user);
    }

    @Operation(summary = "The caller's bookings, upcoming and past")
    @GetMapping("/api/me/bookings")
    BookingQueries.Mine mine(@AuthenticationPrincipal CurrentUser user) {
        return queries.mine(user);
    }

    @Operation(
            summary = "Move a booking",
            description = "Same length; the reschedule policy decides fee_cents. At a studio that requires approval, "
                    + "a client's move awaits approval again (keeping the new slot) unless the studio's "
                    + "reschedule_without_approval is on; the studio's own moves keep the status.")
    @PostMapping("/api/bookings/{id}/reschedule")
    BookingChanges.Rescheduled reschedule(
            @PathVariable UUID id, @RequestBody Reschedule body, @AuthenticationPrincipal CurrentUser user) {
        return changes.reschedule(id, body.newStartAt(), body.newEndAt(), user);
    }

    @Operation(
            summary = "Cancel a booking",
            description = "The tiered cancellation policy of the booking gives refund_percent.")
    @PostMapping("/api/bookings/{id}/cancel")
    BookingChanges.Cancellation cancel(
            @PathVariable UUID id,
            @RequestBody(required = false) Cancel body,
            @AuthenticationPrincipal CurrentUser user) {
        return changes.cancel(id, body == null ? null : body.reason(), user);
    }
}
