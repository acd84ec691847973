package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingChanges;
import io.roomtone.booking.BookingDecisions;
import io.roomtone.booking.BookingPayments;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.identity.CurrentUser;
import io.roomtone.payments.PaymentMethod;
import io.roomtone.payments.PaymentOperation;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@Tag(name = "Bookings (admin)", description = "The approval queue and the studio's bookings")
@RestController
@RequestMapping("/api/admin/bookings")
class AdminBookingController {

    record Approve(String message) {}

    record Reject(String reason) {}

    record AssignStaff(List<UUID> staffIds) {}

    record RecordPayment(Long amountCents, String method, Instant receivedAt, String note) {}

    record Refund(Long amountCents, String reason) {}

    static final int DEFAULT_PAGE = 50;

    private final BookingQueries queries;
    private final BookingDecisions decisions;
    private final BookingChanges changes;
    private final BookingPayments payments;
    private final Clock clock;

    AdminBookingController(
            BookingQueries queries,
            BookingDecisions decisions,
            BookingChanges changes,
            BookingPayments payments,
            Clock clock) {
        this.queries = queries;
        this.decisions = decisions;
        this.changes = changes;
        this.payments = payments;
        this.clock = clock;
    }

    @Operation(
            summary = "Bookings by status and time",
            description = "`from`/`to` select bookings overlapping that span; `client_id` one client's bookings "
                    + "(their history, no-shows included). Without `limit` or `offset`: at most 1000, by start. "
                    + "With either, one page by start: `limit` (1-200, default 50) bookings from `offset` (default "
                    + "0); the `X-Total-Count` header counts the matches on all pages, so a client knows when it "
                    + "has them all, and a `Link` header names the next page (`rel=\"next\"`) while there is one.")
    @ApiResponse(
            responseCode = "200",
            description = "The bookings",
            headers = {
                @Header(
                        name = "X-Total-Count",
                        description = "Paged requests only: how many bookings match on all pages",
                        schema = @Schema(type = "integer")),
                @Header(
                        name = "Link",
                        description = "Paged requests only, while there is a next page: `<url>; rel=\"next\"`",
                        schema = @Schema(type = "string"))
            })
    @GetMapping
    ResponseEntity<List<Booking>> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(name = "client_id", required = false) UUID clientId,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        BookingStatus parsed = null;
        if (status != null) {
            parsed = Arrays.stream(BookingStatus.values())
                    .filter(s -> s.json().equals(status))
                    .findFirst()
                    .orElseThrow(() -> RoomtoneException.invalid(
                            "status",
                            "must be one of "
                                    + Arrays.stream(BookingStatus.values())
                                            .map(BookingStatus::json)
                                            .collect(Collectors.joining(", "))));
        }
        if (offset == null && limit == null) {
            // the original answer, unchanged for clients that do not page
            return ResponseEntity.ok(queries.list(parsed, from, to, clientId));
        }
        int start = offset == null ? 0 : offset;
        int size = limit == null ? DEFAULT_PAGE : limit;
        BookingQueries.Page page = queries.page(
                new BookingQueries.Search(parsed, from, to, null, null, clientId, null, null),
                BookingQueries.Order.EARLIEST_START,
                start,
                size);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Total-Count", Long.toString(page.total()));
        if (page.hasNext()) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("offset", start + page.items().size())
                    .replaceQueryParam("limit", size)
                    .build()
                    .toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(page.items());
    }

    @Operation(
            summary = "Approve a booking awaiting approval",
            description = "Only before its decision_due_at (never once the session has started): later it is a 409 "
                    + "invalid_transition, and the request expires.")
    @PostMapping("/{id}/approve")
    Booking approve(
            @PathVariable UUID id,
            @RequestBody(required = false) Approve body,
            @AuthenticationPrincipal CurrentUser user) {
        return decisions.approve(id, body == null ? null : body.message(), user);
    }

    @Operation(summary = "Reject a booking awaiting approval", description = "Releases its slot. `reason` is required.")
    @PostMapping("/{id}/reject")
    Booking reject(@PathVariable UUID id, @RequestBody Reject body, @AuthenticationPrincipal CurrentUser user) {
        return decisions.reject(id, body.reason(), user);
    }

    @Operation(summary = "Put staff on a booking", description = "Checked against their skills and other sessions.")
    @PostMapping("/{id}/assign-staff")
    Booking assignStaff(@PathVariable UUID id, @RequestBody AssignStaff body) {
        return changes.assignStaff(id, body.staffIds());
    }

    @Operation(
            summary = "Mark a no-show",
            description = "A confirmed (or already completed) session whose start has passed: the client did not "
                    + "come. It frees the rest of its slot and stays in the client's history.")
    @PostMapping("/{id}/no-show")
    Booking noShow(@PathVariable UUID id) {
        return decisions.markNoShow(id);
    }

    @Operation(
            summary = "Record a payment received at the studio",
            description = "Money the client paid by `cash`, `card_terminal`, `bank_transfer` or `other`, at "
                    + "`received_at` (default now; never in the future). At most what is still owed: the total and "
                    + "fees minus what was paid and kept (`paid_cents`). The booking comes back with its new "
                    + "`paid_cents` and `payment_status`; the payment is in the ledger (cash or bank against the "
                    + "client's receivable).")
    @PostMapping("/{id}/payments")
    @ResponseStatus(HttpStatus.CREATED)
    Booking recordPayment(@PathVariable UUID id, @RequestBody RecordPayment body) {
        new Validation()
                .require(body.amountCents(), "amount_cents")
                .require(body.method(), "method")
                .throwIfInvalid();
        return payments.recordPayment(
                id,
                new BookingPayments.Received(
                        body.amountCents(),
                        methodOf(body.method()),
                        body.receivedAt() == null ? clock.instant() : body.receivedAt(),
                        body.note()),
                UUID.randomUUID());
    }

    @Operation(
            summary = "The booking's payments",
            description = "Every payment operation of the booking, oldest first: receipts, charges, captures and "
                    + "refunds with their status (`pending`, `succeeded`, `failed`, `unknown`).")
    @GetMapping("/{id}/payments")
    List<PaymentOperation> paymentsOf(@PathVariable UUID id) {
        return payments.paymentsOf(id);
    }

    @Operation(
            summary = "Refund a booking, fully or in part",
            description = "Gives `amount_cents` back to the client, spread over what they paid (newest payment first, "
                    + "each the way it came). Never more than was paid and not yet refunded: that is a 409 "
                    + "`refund_exceeds_paid` with `refundable_cents`, and nothing moves (the database enforces it "
                    + "too). `reason` is required and audited; the client gets a credit note for it.")
    @PostMapping("/{id}/refund")
    Booking refund(@PathVariable UUID id, @RequestBody Refund body) {
        new Validation().require(body.amountCents(), "amount_cents").throwIfInvalid();
        return payments.refund(id, body.amountCents(), body.reason(), UUID.randomUUID());
    }

    private static PaymentMethod methodOf(String code) {
        return Arrays.stream(PaymentMethod.values())
                .filter(m -> m != PaymentMethod.CARD_ONLINE && m.code().equals(code))
                .findFirst()
                .orElseThrow(() -> RoomtoneException.invalid(
                        "method", "must be one of cash, card_terminal, bank_transfer, other"));
    }
}
