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
import io.roomtone.identity.Tenancy;
import java.util.Locale;
import java.util.Optional;
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

    /** A payment intent as far as we care: its id, status and amounts. */
    record Intent(
            String id,
            String status,
            String clientSecret,
            long amount,
            long amountCapturable,
            long amountReceived,
            String failure) {}

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

    /** A set of keys to call Stripe with: the installation's, or a studio's own. */
    record Account(StripeClient client, String publishableKey, String webhookSecret) {}

    private final Account installation;
    private final StudioStripeKeys studioKeys;

    StripeGateway(StripeProperties properties, StudioStripeKeys studioKeys) {
        this.studioKeys = studioKeys;
        this.installation = properties.configured()
                ? new Account(
                        client(properties.secretKey(), properties.apiBase()),
                        properties.publishableKey(),
                        properties.webhookSecret())
                : null;
    }

    static StripeClient client(String secretKey, String apiBase) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(secretKey)
                .setConnectTimeout(10_000)
                .setReadTimeout(30_000)
                // our own retries carry the same idempotency key; the client's would too
                .setMaxNetworkRetries(1);
        if (apiBase != null && !apiBase.isBlank()) {
            builder.setApiBase(apiBase);
        }
        return builder.build();
    }

    /**
     * The keys of the current studio: its own when it stored some (multi-studio installations),
     * otherwise the installation's from the environment; empty when neither is set.
     */
    Optional<Account> account() {
        return Tenancy.studioId().flatMap(studioKeys::account).or(() -> Optional.ofNullable(installation));
    }

    /** The installation's keys only (a webhook call on the installation's endpoint). */
    Optional<Account> installationAccount() {
        return Optional.ofNullable(installation);
    }

    boolean configured() {
        return account().isPresent();
    }

    String publishableKey() {
        return account().map(Account::publishableKey).orElse(null);
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
        return call(c -> intent(c.v1().paymentIntents().create(params, options(operationId))));
    }

    Intent retrieve(String intentId) throws ProviderException {
        return call(c -> intent(c.v1().paymentIntents().retrieve(intentId)));
    }

    Intent capture(String intentId, long amountCents, UUID operationId) throws ProviderException {
        PaymentIntentCaptureParams params = PaymentIntentCaptureParams.builder()
                .setAmountToCapture(amountCents)
                .build();
        return call(c -> intent(c.v1().paymentIntents().capture(intentId, params, options(operationId))));
    }

    Intent cancel(String intentId, UUID operationId) throws ProviderException {
        return call(c -> intent(c.v1().paymentIntents()
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
        return call(c -> refundState(c.v1().refunds().create(params, options(operationId))));
    }

    RefundState retrieveRefund(String refundId) throws ProviderException {
        return call(c -> refundState(c.v1().refunds().retrieve(refundId)));
    }

    /** The event of a webhook call, if its signature is that of {@code account}'s endpoint; refused otherwise. */
    static Event verify(String payload, String signature, Account account) throws SignatureVerificationException {
        return Webhook.constructEvent(payload, signature, account.webhookSecret());
    }

    private interface StripeCall<T> {
        T run(StripeClient client) throws StripeException;
    }

    /** Calls Stripe with the current studio's keys. */
    private <T> T call(StripeCall<T> call) throws ProviderException {
        StripeClient client = account()
                .map(Account::client)
                .orElseThrow(() -> new ProviderException("Stripe is not configured", false, null));
        try {
            return call.run(client);
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
                failure);
    }

    private static RefundState refundState(Refund refund) {
        return new RefundState(refund.getId(), refund.getStatus(), refund.getFailureReason());
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }
}
