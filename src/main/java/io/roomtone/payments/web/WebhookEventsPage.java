package io.roomtone.payments.web;

import io.roomtone.identity.Studios;
import io.roomtone.payments.StripeWebhooks;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The webhook events Stripe sent the studio, newest first (optionally of one status): type, when it
 * came, status, attempts and last error, each with a Replay button (a POST form; post/redirect/get).
 * The same service as {@code /api/admin/payments/webhook-events}.
 */
@Controller
class WebhookEventsPage {

    static final List<String> STATUSES = List.of("received", "processed", "ignored", "failed");
    static final int LIMIT = 200;

    private final StripeWebhooks webhooks;
    private final Studios studios;

    WebhookEventsPage(StripeWebhooks webhooks, Studios studios) {
        this.webhooks = webhooks;
        this.studios = studios;
    }

    @GetMapping("/admin/payments/webhooks")
    String show(@RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        String status = new FormInput(values).text("status");
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("status", status);
        model.addAttribute("zone", studios.current().timezone());
        if (status != null && !STATUSES.contains(status)) {
            model.addAttribute("problems", Map.of("status", "must be one of received, processed, ignored, failed"));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "payments/webhooks";
        }
        model.addAttribute("problems", Map.of());
        model.addAttribute("events", webhooks.list(status, LIMIT));
        model.addAttribute("limit", LIMIT);
        return "payments/webhooks";
    }

    @PostMapping("/admin/payments/webhooks/{id}/replay")
    String replay(@PathVariable String id, RedirectAttributes redirect) {
        UUID event;
        try {
            event = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw RoomtoneException.notFound("webhook event", id);
        }
        StripeWebhooks.StoredEvent replayed = webhooks.replay(event);
        redirect.addFlashAttribute("replayed", replayed);
        return "redirect:/admin/payments/webhooks";
    }
}
