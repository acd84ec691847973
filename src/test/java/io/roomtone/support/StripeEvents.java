package io.roomtone.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe's webhook calls as Stripe makes them: the event's JSON, signed with the endpoint's secret. */
public final class StripeEvents {

    private StripeEvents() {}

    /** An event of {@code type} (a new id each time) about payment intent {@code intent} of studio {@code studioId}. */
    public static String aboutIntent(String type, String intent, String studioId) {
        return aboutIntent("evt_" + UUID.randomUUID(), type, intent, studioId);
    }

    public static String aboutIntent(String eventId, String type, String intent, String studioId) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"" + com.stripe.Stripe.API_VERSION
                + "\",\"type\":\"" + type + "\",\"data\":{\"object\":{\"id\":\"" + intent
                + "\",\"object\":\"payment_intent\",\"metadata\":{\"studio_id\":\"" + studioId + "\"}}}}";
    }

    /** Posts {@code payload} to {@code path} with a {@code Stripe-Signature} made with {@code secret}, now. */
    public static Api.Response deliver(Api api, String path, String payload, String secret) {
        long t = Instant.now().getEpochSecond();
        return api.send(
                "POST",
                path,
                payload,
                null,
                Map.of(
                        "Stripe-Signature",
                        "t=" + t + ",v1=" + hmac(secret, t + "." + payload),
                        "Content-Type",
                        "application/json"));
    }

    private static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
