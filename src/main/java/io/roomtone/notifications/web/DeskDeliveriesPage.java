package io.roomtone.notifications.web;

import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studios;
import io.roomtone.notifications.Deliveries;
import io.roomtone.notifications.DeliveryStatus;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The delivery log on the desk: every message, newest first, of one status or all, each with a
 * Retry button where one makes sense; one message as it was written (the outbox viewer, which
 * shows what an installation without SMTP would have sent); and a booking's messages, which the
 * desk booking page loads into itself. The same service as {@code /api/admin/deliveries}.
 */
@Controller
class DeskDeliveriesPage {

    static final int LIMIT = 200;
    static final List<String> STATUSES =
            Arrays.stream(DeliveryStatus.values()).map(DeliveryStatus::json).toList();

    private final Deliveries deliveries;
    private final BookingQueries bookings;
    private final Studios studios;

    DeskDeliveriesPage(Deliveries deliveries, BookingQueries bookings, Studios studios) {
        this.deliveries = deliveries;
        this.bookings = bookings;
        this.studios = studios;
    }

    @GetMapping("/admin/deliveries")
    String log(@RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        String status = new FormInput(values).text("status");
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("status", status);
        model.addAttribute("zone", studios.current().timezone());
        if (status != null && !STATUSES.contains(status)) {
            model.addAttribute("problems", Map.of("status", "must be one of " + String.join(", ", STATUSES)));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "notifications/deliveries";
        }
        model.addAttribute("problems", Map.of());
        model.addAttribute(
                "page", deliveries.search(status == null ? null : DeliveryStatus.parse("status", status), 0, LIMIT));
        return "notifications/deliveries";
    }

    @GetMapping("/admin/deliveries/{id}")
    String message(@PathVariable String id, @AuthenticationPrincipal CurrentUser viewer, Model model) {
        model.addAttribute("message", content(id, viewer));
        model.addAttribute("zone", studios.current().timezone());
        return "notifications/delivery";
    }

    /**
     * The HTML of a message, alone in a sandbox: no script runs, no form posts, nothing is fetched
     * but images, whatever the message holds.
     */
    @GetMapping("/admin/deliveries/{id}/html")
    ResponseEntity<byte[]> html(@PathVariable String id, @AuthenticationPrincipal CurrentUser viewer) {
        Deliveries.Content content = content(id, viewer);
        if (content.html() == null) {
            throw RoomtoneException.notFound("HTML of delivery", id);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(
                        "Content-Security-Policy",
                        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(content.html().getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/admin/deliveries/{id}/retry")
    String retry(
            @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean resend,
            @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("retried", deliveries.retry(parse(id), resend));
        return "redirect:" + ("booking".equals(back) ? "/admin/deliveries/" + id : "/admin/deliveries");
    }

    /** A booking's messages: a section of the desk booking page (htmx), or a page of its own. */
    @GetMapping("/admin/bookings/{id}/deliveries")
    String ofBooking(@PathVariable String id, Model model) {
        UUID booking = parse(id);
        model.addAttribute(
                "booking", bookings.ofStudio(booking).orElseThrow(() -> RoomtoneException.notFound("booking", id)));
        model.addAttribute("items", deliveries.ofBooking(booking));
        model.addAttribute("zone", studios.current().timezone());
        return "notifications/booking-deliveries";
    }

    private Deliveries.Content content(String id, CurrentUser viewer) {
        return deliveries.content(parse(id), viewer).orElseThrow(() -> RoomtoneException.notFound("delivery", id));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw RoomtoneException.notFound("delivery", id);
        }
    }
}
