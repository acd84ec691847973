package io.roomtone.notifications.web;

import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.CurrentUser;
import io.roomtone.notifications.Deliveries;
import io.roomtone.notifications.Delivery;
import io.roomtone.notifications.DeliveryStatus;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Deliveries (admin)",
        description =
                "The delivery log: every e-mail and SMS Roomtone wrote, whether it went out, and sending it again")
@RestController
class DeliveryController {

    static final String STATUSES = "`pending` (due at `next_attempt_at`; `attempts` and `last_error` tell of failed "
            + "tries), `sending`, `sent`, `failed` (every attempt failed; retry to send it again) or `skipped` (not "
            + "sent on purpose: the channel is not configured, or the session moved before its reminder was due).";

    private final Deliveries deliveries;
    private final BookingQueries bookings;

    DeliveryController(Deliveries deliveries, BookingQueries bookings) {
        this.deliveries = deliveries;
        this.bookings = bookings;
    }

    @Operation(
            summary = "The messages about one booking",
            description = "Oldest first. Status: " + STATUSES + " Reminders wait as `pending` until their time.")
    @GetMapping("/api/admin/bookings/{id}/deliveries")
    List<Delivery> ofBooking(@PathVariable UUID id) {
        bookings.ofStudio(id).orElseThrow(() -> RoomtoneException.notFound("booking", id));
        return deliveries.ofBooking(id);
    }

    @Operation(summary = "The studio's delivery log", description = "Newest first, of one status or all. " + STATUSES)
    @GetMapping("/api/admin/deliveries")
    Deliveries.Page search(
            @Parameter(example = "failed") @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        return deliveries.search(
                status == null || status.isBlank() ? null : DeliveryStatus.parse("status", status), offset, limit);
    }

    @Operation(
            summary = "One message as it was written",
            description = "Its plain text and HTML and the names of its attachments: the outbox viewer (a message "
                    + "skipped because no SMTP server is configured can be read here). A message that carried a "
                    + "one-time secret (a sign-in link) has no text once it was sent, and shows it to its own "
                    + "recipient only.")
    @GetMapping("/api/admin/deliveries/{id}")
    Deliveries.Content content(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return deliveries.content(id, user).orElseThrow(() -> RoomtoneException.notFound("delivery", id));
    }

    @Operation(
            summary = "Send a message again",
            description =
                    "A `failed` or `skipped` message is sent again from its first attempt, now; a `sent` one only "
                            + "with `resend=true`. A message still pending or being sent, or one whose one-time secret was "
                            + "erased, is a 409.")
    @PostMapping("/api/admin/deliveries/{id}/retry")
    Delivery retry(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean resend) {
        return deliveries.retry(id, resend);
    }
}
