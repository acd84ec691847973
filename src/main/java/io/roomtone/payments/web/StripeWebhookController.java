package io.roomtone.payments.web;

import io.roomtone.payments.StripeWebhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Webhooks", description = "Calls from payment providers")
@RestController
class StripeWebhookController {

    record Received(String outcome) {}

    private final StripeWebhooks webhooks;

    StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(
            summary = "Stripe's webhook",
            description = "Verified by its `Stripe-Signature` (else 400); stored once per event id and answered at "
                    + "once (`stored`, or `duplicate` for an event already stored, or `not_ours` for one naming no "
                    + "studio here); processed afterwards against Stripe's current state, with retries. A 404 while "
                    + "Stripe is not configured.")
    @SecurityRequirements
    @PostMapping(path = "/api/webhooks/stripe", consumes = "*/*")
    Received receive(
            @RequestBody String payload,
            @Parameter(description = "Stripe's signature of the payload")
                    @RequestHeader(name = "Stripe-Signature", required = false)
                    String signature) {
        return new Received(webhooks.receive(payload, signature).name().toLowerCase(Locale.ROOT));
    }
}
