package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingChanges;
import io.roomtone.booking.BookingDecisions;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@Tag(name = "Bookings (admin)", description = "The approval queue and the studio's bookings")
@RestController
@RequestMapping("/api/admin/bookings")
class AdminBookingController {

    record Approve(String message) {}

    record Reject(String reason) {}

    record AssignStaff(List<UUID> staffIds) {}

    static final int DEFAULT_PAGE = 50;

    private final BookingQueries queries;
    private final BookingDecisions decisions;
    private final BookingChanges changes;

    AdminBookingController(BookingQueries queries, BookingDecisions decisions, BookingChanges changes) {
        this.queries = queries;
        this.decisions = decisions;
        this.changes = changes;
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
}
