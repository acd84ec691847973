package io.roomtone.payments.web;

import io.roomtone.payments.StripeWebhooks;
import io.roomtone.shared.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Payments (admin)", description = "Webhook events from payment providers")
@RestController
@RequestMapping("/api/admin/payments/webhook-events")
class WebhookEventsController {

    private static final Set<String> STATUSES = Set.of("received", "processed", "ignored", "failed");

    private final StripeWebhooks webhooks;

    WebhookEventsController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(
            summary = "Webhook events received",
            description = "Newest first, with their status (`received`, `processed`, `ignored`, `failed`), attempts "
                    + "and last error; `status` filters, `limit` 1-500 (default 100).")
    @GetMapping
    List<StripeWebhooks.StoredEvent> list(
            @RequestParam(required = false) String status, @RequestParam(required = false) Integer limit) {
        int size = limit == null ? 100 : limit;
        new Validation()
                .check(
                        status == null || STATUSES.contains(status),
                        "status",
                        "must be one of received, processed, ignored, failed")
                .check(size >= 1 && size <= 500, "limit", "must be between 1 and 500")
                .throwIfInvalid();
        return webhooks.list(status, size);
    }

    @Operation(
            summary = "Process a webhook event again",
            description = "Settles the object it names against the provider's current state; what is settled already "
                    + "does not change.")
    @PostMapping("/{id}/replay")
    StripeWebhooks.StoredEvent replay(@PathVariable UUID id) {
        return webhooks.replay(id);
    }
}
