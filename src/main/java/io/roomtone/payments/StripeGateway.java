package io.roomtone.payments;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Stripe's Payment Intents through stripe-java. Every call carries an idempotency key derived from
 * our operation id, so a call repeated after a timeout (or by a second node) is the same call to
 * Stripe. Its failures come back as {@link ProviderException}s that say whether the outcome is
 * known (a decline) or not (a timeout, a 5xx).
 */
@Component
class StripeGateway {

    /**
     * A payment intent as far as we care: its id, status and amounts, and the payment method it was
     * paid with and the customer it belongs to (null when none), to save a card for later charges.
     */
    record Intent(
            String id,
            String status,
            String clientSecret,
            long amount,
            long amountCapturable,
            long amountReceived,
            String failure,
            String paymentMethod,
            String customer) {

        Intent(
                String id,
                String status,
                String clientSecret,
                long amount,
                long amountCapturable,
                long amountReceived,
                String failure) {
            this(id, status, clientSecret, amount, amountCapturable, amountReceived, failure, null, null);
        }
    }

    /**
     * How an intent uses a saved card: made for {@code customer}, and either asking to keep the card
     * the client pays with ({@code setup_future_usage=off_session}) or, with {@code paymentMethod},
     * charging the card kept earlier without the client ({@code off_session=true, confirm=true}).
     */
    record SavedCardUse(String customer, String paymentMethod) {

        static SavedCardUse saving(String customer) {
            return new SavedCardUse(customer, null);
        }

        boolean offSession() {
            return paymentMethod != null;
        }
    }

    /** A refund's id and status ({@code pending}, {@code succeeded}, {@code failed}, {@code canceled}). */
    record RefundState(String id, String status, String failure) {}

    /** A call that did not succeed; {@code unknown} when Stripe's answer is not known. */
    static final class ProviderException extends Exception {
        private final boolean unknown;

        ProviderException(String message, boolean unknown, Throwable cause) {
            super(message, cause);
            this.unknown = unknown;
        }

        boolean unknown() {
            return unknown;
        }
    }

    private final StripeProperties properties;
    private final StripeClient client;

    StripeGateway(StripeProperties properties) {
        this.properties = properties;
        if (properties.configured()) {
            StripeClient.StripeClientBuilder builder = StripeClient.builder()
                    .setApiKey(properties.secretKey())
                    .setConnectTimeout(10_000)
                    .setReadTimeout(30_000)
                    // our own retries carry the same idempotency key; the client's would too
                    .setMaxNetworkRetries(1);
            if (properties.apiBase() != null && !properties.apiBase().isBlank()) {
                builder.setApiBase(properties.apiBase());
            }
            this.client = builder.build();
        } else {
            this.client = null;
        }
    }

    boolean configured() {
        return client != null;
    }

    String publishableKey() {
        return properties.publishableKey();
    }

    Intent createIntent(
            UUID operationId, UUID studioId, UUID reference, long amountCents, String currency, boolean captureLater)
            throws ProviderException {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(amountCents)
                .setCurrency(currency.toLowerCase(Locale.ROOT))
                .setCaptureMethod(
                        captureLater
                                ? PaymentIntentCreateParams.CaptureMethod.MANUAL
                                : PaymentIntentCreateParams.CaptureMethod.AUTOMATIC)
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .build())
                .putMetadata("studio_id", studioId.toString())
                .putMetadata("reference", reference.toString())
                .putMetadata("operation_id", operationId.toString())
                .build();
        return call(() -> intent(client.v1().paymentIntents().create(params, options(operationId))));
    }

    /**
     * An intent for a customer's card (see {@link SavedCardUse}): saving the card the client pays
     * with, or charging the saved one off-session, confirmed at once (a decline or a card that needs
     * its holder's authentication comes back as a known failure).
     */
    Intent createIntent(
            UUID operationId,
            UUID studioId,
            UUID reference,
            long amountCents,
            String currency,
            boolean captureLater,
            SavedCardUse card)
            throws ProviderException {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(amountCents)
                .setCurrency(currency.toLowerCase(Locale.ROOT))
                .setCustomer(card.customer())
                .setCaptureMethod(
                        captureLater
                                ? PaymentIntentCreateParams.CaptureMethod.MANUAL
                                : PaymentIntentCreateParams.CaptureMethod.AUTOMATIC)
                .putMetadata("studio_id", studioId.toString())
                .putMetadata("reference", reference.toString())
                .putMetadata("operation_id", operationId.toString());
        if (card.offSession()) {
            params.setPaymentMethod(card.paymentMethod()).setOffSession(true).setConfirm(true);
        } else {
            params.setSetupFutureUsage(PaymentIntentCreateParams.SetupFutureUsage.OFF_SESSION)
                    .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                            .setEnabled(true)
                            .build());
        }
        PaymentIntentCreateParams built = params.build();
        return call(() -> intent(client.v1().paymentIntents().create(built, options(operationId))));
    }

    /**
     * Creates the customer a studio's client pays as; {@code key} (derived from the studio and the
     * client) makes a repeated call, by a retry or a second node, return the same customer.
     */
    String createCustomer(UUID studioId, UUID party, UUID key) throws ProviderException {
        com.stripe.param.CustomerCreateParams params = com.stripe.param.CustomerCreateParams.builder()
                .putMetadata("studio_id", studioId.toString())
                .putMetadata("party", party.toString())
                .build();
        return call(() -> client.v1().customers().create(params, options(key)).getId());
    }

    Intent retrieve(String intentId) throws ProviderException {
        return call(() -> intent(client.v1().paymentIntents().retrieve(intentId)));
    }

    Intent capture(String intentId, long amountCents, UUID operationId) throws ProviderException {
        PaymentIntentCaptureParams params = PaymentIntentCaptureParams.builder()
                .setAmountToCapture(amountCents)
                .build();
        return call(() -> intent(client.v1().paymentIntents().capture(intentId, params, options(operationId))));
    }

    Intent cancel(String intentId, UUID operationId) throws ProviderException {
        return call(() -> intent(client.v1()
                .paymentIntents()
                .cancel(
                        intentId,
                        com.stripe.param.PaymentIntentCancelParams.builder().build(),
                        options(operationId))));
    }

    RefundState refund(String intentId, long amountCents, UUID operationId, UUID studioId, UUID reference)
            throws ProviderException {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(intentId)
                .setAmount(amountCents)
                // so that the refund's own webhooks find their studio
                .putMetadata("studio_id", studioId.toString())
                .putMetadata("reference", reference.toString())
                .putMetadata("operation_id", operationId.toString())
                .build();
        return call(() -> refundState(client.v1().refunds().create(params, options(operationId))));
    }

    RefundState retrieveRefund(String refundId) throws ProviderException {
        return call(() -> refundState(client.v1().refunds().retrieve(refundId)));
    }

    /** The event of a webhook call, if its signature is Stripe's; refused otherwise. */
    Event verify(String payload, String signature) throws SignatureVerificationException {
        return Webhook.constructEvent(payload, signature, properties.webhookSecret());
    }

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private <T> T call(StripeCall<T> call) throws ProviderException {
        if (client == null) {
            throw new ProviderException("Stripe is not configured", false, null);
        }
        try {
            return call.run();
        } catch (CardException e) {
            throw new ProviderException(declined(e), false, e);
        } catch (InvalidRequestException e) {
            throw new ProviderException(declined(e), false, e);
        } catch (ApiConnectionException e) {
            throw new ProviderException("No answer from Stripe: " + e.getMessage(), true, e);
        } catch (StripeException e) {
            Integer status = e.getStatusCode();
            boolean unknown = status == null || status >= 500 || status == 429 || status == 409;
            throw new ProviderException(declined(e), unknown, e);
        }
    }

    private static String declined(StripeException e) {
        String code = e.getStripeError() == null ? null : e.getStripeError().getDeclineCode();
        String message =
                e.getStripeError() == null ? e.getMessage() : e.getStripeError().getMessage();
        return code == null ? String.valueOf(message) : message + " (" + code + ")";
    }

    private static RequestOptions options(UUID operationId) {
        return RequestOptions.builder()
                .setIdempotencyKey("roomtone-" + operationId)
                .build();
    }

    private static Intent intent(PaymentIntent pi) {
        String failure = pi.getLastPaymentError() == null
                ? null
                : pi.getLastPaymentError().getMessage();
        return new Intent(
                pi.getId(),
                pi.getStatus(),
                pi.getClientSecret(),
                zeroIfNull(pi.getAmount()),
                zeroIfNull(pi.getAmountCapturable()),
                zeroIfNull(pi.getAmountReceived()),
                failure,
                pi.getPaymentMethod(),
                pi.getCustomer());
    }

    private static RefundState refundState(Refund refund) {
        return new RefundState(refund.getId(), refund.getStatus(), refund.getFailureReason());
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }
}
