package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingLifecycle;
import io.roomtone.booking.BookingStatus;
import io.roomtone.booking.Bookings;
import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
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

    private final Bookings bookings;
    private final BookingLifecycle lifecycle;

    AdminBookingController(Bookings bookings, BookingLifecycle lifecycle) {
        this.bookings = bookings;
        this.lifecycle = lifecycle;
    }

    @Operation(
            summary = "Bookings by status and time",
            description = "`from`/`to` select bookings overlapping that span.")
    @GetMapping
    List<Booking> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        BookingStatus parsed = null;
        if (status != null) {
            parsed = Arrays.stream(BookingStatus.values())
                    .filter(s -> s.json().equals(status))
                    .findFirst()
                    .orElseThrow(() -> RoomtoneException.invalid(
                            "status", "must be one of awaiting_approval, confirmed, rejected, canceled, completed"));
        }
        return bookings.list(parsed, from, to);
    }

    @Operation(summary = "Approve a booking awaiting approval")
    @PostMapping("/{id}/approve")
    Booking approve(
            @PathVariable UUID id,
            @RequestBody(required = false) Approve body,
            @AuthenticationPrincipal CurrentUser user) {
        return lifecycle.approve(id, body == null ? null : body.message(), user);
    }

    @Operation(summary = "Reject a booking awaiting approval", description = "Releases its slot. `reason` is required.")
    @PostMapping("/{id}/reject")
    Booking reject(@PathVariable UUID id, @RequestBody Reject body, @AuthenticationPrincipal CurrentUser user) {
        return lifecycle.reject(id, body.reason(), user);
    }

    @Operation(summary = "Put staff on a booking", description = "Checked against their skills and other sessions.")
    @PostMapping("/{id}/assign-staff")
    Booking assignStaff(@PathVariable UUID id, @RequestBody AssignStaff body) {
        return lifecycle.assignStaff(id, body.staffIds());
    }
}
