package io.roomtone.payments.web;

import io.roomtone.payments.StripeWebhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
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

    @Operation(
            summary = "Stripe's webhook for a studio's own Stripe account",
            description = "As `POST /api/webhooks/stripe`, verified with the webhook secret the studio stored with its "
                    + "own keys (multi-studio installations); a 404 when the studio stored none. Events naming "
                    + "another studio are `not_ours`.")
    @SecurityRequirements
    @PostMapping(path = "/api/webhooks/stripe/{studioId}", consumes = "*/*")
    Received receiveForStudio(
            @PathVariable UUID studioId,
            @RequestBody String payload,
            @Parameter(description = "Stripe's signature of the payload")
                    @RequestHeader(name = "Stripe-Signature", required = false)
                    String signature) {
        return new Received(
                webhooks.receive(payload, signature, studioId).name().toLowerCase(Locale.ROOT));
    }
}
