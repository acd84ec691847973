package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingChanges;
import io.roomtone.booking.BookingDecisions;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Bookings (admin)", description = "The approval queue and the studio's bookings")
@RestController
@RequestMapping("/api/admin/bookings")
class AdminBookingController {

    record Approve(String message) {}

    record Reject(String reason) {}

    record AssignStaff(List<UUID> staffIds) {}

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
                    + "(their history, no-shows included). At most 1000, by start.")
    @GetMapping
    List<Booking> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(name = "client_id", required = false) UUID clientId) {
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
        return queries.list(parsed, from, to, clientId);
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
