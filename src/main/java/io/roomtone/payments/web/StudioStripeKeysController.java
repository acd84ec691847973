package io.roomtone.payments.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.CardPayments;
import io.roomtone.payments.StudioStripeKeys;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Payments (admin)", description = "Webhook events from payment providers")
@RestController
@RequestMapping("/api/admin/payments/stripe-keys")
class StudioStripeKeysController {

    /**
     * The studio's Stripe set-up as its owner sees it: never a secret.
     *
     * @param source {@code studio} (its own keys), {@code installation} (the environment's) or {@code none}
     * @param storable whether the studio may store keys of its own here; {@code why_not} says why not
     * @param webhookPath where its own Stripe account's webhook endpoint must point
     */
    record Setup(
            String source,
            @JsonProperty("publishable_key") String publishableKey,
            @JsonProperty("secret_key_hint") String secretKeyHint,
            @JsonProperty("updated_at") Instant updatedAt,
            boolean storable,
            @JsonProperty("why_not") String whyNot,
            @JsonProperty("webhook_path") String webhookPath) {}

    record KeysBody(
            @JsonProperty("publishable_key") String publishableKey,
            @JsonProperty("secret_key") String secretKey,
            @JsonProperty("webhook_secret") String webhookSecret) {}

    private final StudioStripeKeys keys;
    private final CardPayments cards;

    StudioStripeKeysController(StudioStripeKeys keys, CardPayments cards) {
        this.keys = keys;
        this.cards = cards;
    }

    @Operation(
            summary = "The studio's Stripe keys",
            description =
                    "Which keys card payments use (`studio`: its own, `installation`: the environment's, `none`), "
                            + "the publishable key and the secret key's last four characters; secrets are never returned.")
    @GetMapping
    Setup show() {
        return setup();
    }

    @Operation(
            summary = "Store the studio's own Stripe keys",
            description = "Owner only (403 otherwise). Multi-studio installations with `ROOMTONE_ENCRYPTION_KEY` set "
                    + "(409 otherwise, saying what is missing): the secret key and the webhook secret are stored "
                    + "encrypted (AES-256-GCM). Point the Stripe account's webhook at `webhook_path`. 400 naming the "
                    + "field for keys that do not look like Stripe's or mix test and live.")
    @PutMapping
    Setup save(@RequestBody KeysBody body, @AuthenticationPrincipal CurrentUser user) {
        keys.save(new StudioStripeKeys.Keys(body.publishableKey(), body.secretKey(), body.webhookSecret()), user);
        return setup();
    }

    @Operation(
            summary = "Remove the studio's own Stripe keys",
            description = "Owner only. Card payments fall back to the installation's keys, if any. 204, or 404 when "
                    + "there were none.")
    @DeleteMapping
    ResponseEntity<Void> remove(@AuthenticationPrincipal CurrentUser user) {
        if (!keys.remove(user)) {
            throw RoomtoneException.notFound("Stripe keys of the studio", Tenancy.currentStudioId());
        }
        return ResponseEntity.noContent().build();
    }

    private Setup setup() {
        var own = keys.shown();
        String source = own.isPresent() ? "studio" : cards.available() ? "installation" : "none";
        return new Setup(
                source,
                own.map(StudioStripeKeys.Shown::publishableKey).orElse(cards.publishableKey()),
                own.map(StudioStripeKeys.Shown::secretKeyHint).orElse(null),
                own.map(StudioStripeKeys.Shown::updatedAt).orElse(null),
                keys.storable(),
                keys.whyNotStorable(),
                "/api/webhooks/stripe/" + Tenancy.currentStudioId());
    }
}
