package io.roomtone.payments;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Stripe's keys ({@code ROOMTONE_STRIPE_SECRET_KEY}, {@code ROOMTONE_STRIPE_PUBLISHABLE_KEY},
 * {@code ROOMTONE_STRIPE_WEBHOOK_SECRET}); card payments are on only when all three are set.
 *
 * @param apiBase where Stripe's API answers; only tests change it (to a WireMock server)
 */
@ConfigurationProperties("roomtone.stripe")
record StripeProperties(String secretKey, String publishableKey, String webhookSecret, String apiBase) {

    boolean configured() {
        return present(secretKey) && present(publishableKey) && present(webhookSecret);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
