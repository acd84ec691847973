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
        return call(c -> intent(c.v1().paymentIntents().create(built, options(operationId))));
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
        return call(c -> c.v1().customers().create(params, options(key)).getId());
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

    // --- balance transactions (fees and reconciliation); added for them, nothing above changed ---

    /**
     * One entry of Stripe's balance, as far as fees and reconciliation care: what moved ({@code
     * amount}, signed, in cents: a charge positive, a refund negative), what Stripe kept ({@code
     * fee}, positive; negative when a fee was given back) and the rest ({@code net}).
     *
     * @param sourceKind {@code charge}, {@code refund} or {@code other} (a payout, an adjustment, …)
     * @param sourceId the charge ({@code ch_…}) or refund ({@code re_…}) it moved
     * @param paymentIntent the payment intent of the charge or refund, if any
     * @param studioId the {@code studio_id} in the source's metadata, if any
     * @param reference the {@code reference} in the source's metadata, if any
     */
    record BalanceEntry(
            String id,
            String type,
            long amount,
            long fee,
            long net,
            String currency,
            java.time.Instant created,
            String sourceKind,
            String sourceId,
            String paymentIntent,
            String studioId,
            String reference) {}

    /**
     * Every balance transaction Stripe created in {@code [from, to)}, with its source expanded,
     * following Stripe's pages to the end.
     */
    java.util.List<BalanceEntry> balanceTransactions(java.time.Instant from, java.time.Instant to)
            throws ProviderException {
        com.stripe.param.BalanceTransactionListParams params = com.stripe.param.BalanceTransactionListParams.builder()
                .setCreated(com.stripe.param.BalanceTransactionListParams.Created.builder()
                        .setGte(from.getEpochSecond())
                        .setLt(to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0))
                        .build())
                .setLimit(100L)
                .addExpand("data.source")
                .build();
        return call(client -> {
            java.util.List<BalanceEntry> entries = new java.util.ArrayList<>();
            for (com.stripe.model.BalanceTransaction tx :
                    client.v1().balanceTransactions().list(params).autoPagingIterable()) {
                entries.add(balanceEntry(tx));
            }
            return entries;
        });
    }

    /**
     * The balance transaction of the charge that took the money of {@code intentId}; empty while
     * there is none (nothing taken yet, or Stripe has not booked it).
     */
    java.util.Optional<BalanceEntry> balanceOfIntent(String intentId) throws ProviderException {
        com.stripe.param.PaymentIntentRetrieveParams params = com.stripe.param.PaymentIntentRetrieveParams.builder()
                .addExpand("latest_charge.balance_transaction")
                .build();
        return call(client -> {
            PaymentIntent pi = client.v1().paymentIntents().retrieve(intentId, params);
            com.stripe.model.Charge charge = pi.getLatestChargeObject();
            if (charge == null || charge.getBalanceTransactionObject() == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(withSource(
                    charge.getBalanceTransactionObject(), "charge", charge.getId(), intentId, pi.getMetadata()));
        });
    }

    /** The balance transaction of refund {@code refundId}; empty while there is none. */
    java.util.Optional<BalanceEntry> balanceOfRefund(String refundId) throws ProviderException {
        com.stripe.param.RefundRetrieveParams params = com.stripe.param.RefundRetrieveParams.builder()
                .addExpand("balance_transaction")
                .build();
        return call(client -> {
            Refund refund = client.v1().refunds().retrieve(refundId, params);
            if (refund.getBalanceTransactionObject() == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(withSource(
                    refund.getBalanceTransactionObject(),
                    "refund",
                    refund.getId(),
                    refund.getPaymentIntent(),
                    refund.getMetadata()));
        });
    }

    /** The {@code studio_id} and {@code reference} in a payment intent's metadata (a charge may carry none). */
    java.util.Map<String, String> intentMetadata(String intentId) throws ProviderException {
        return call(client -> {
            java.util.Map<String, String> metadata =
                    client.v1().paymentIntents().retrieve(intentId).getMetadata();
            return metadata == null ? java.util.Map.of() : metadata;
        });
    }

    private static BalanceEntry balanceEntry(com.stripe.model.BalanceTransaction tx) {
        com.stripe.model.BalanceTransactionSource source = tx.getSourceObject();
        if (source instanceof com.stripe.model.Charge charge) {
            return withSource(tx, "charge", charge.getId(), charge.getPaymentIntent(), charge.getMetadata());
        }
        if (source instanceof Refund refund) {
            return withSource(tx, "refund", refund.getId(), refund.getPaymentIntent(), refund.getMetadata());
        }
        return withSource(tx, "other", tx.getSource(), null, null);
    }

    private static BalanceEntry withSource(
            com.stripe.model.BalanceTransaction tx,
            String kind,
            String sourceId,
            String paymentIntent,
            java.util.Map<String, String> metadata) {
        java.util.Map<String, String> meta = metadata == null ? java.util.Map.of() : metadata;
        return new BalanceEntry(
                tx.getId(),
                tx.getType(),
                zeroIfNull(tx.getAmount()),
                zeroIfNull(tx.getFee()),
                zeroIfNull(tx.getNet()),
                tx.getCurrency() == null ? null : tx.getCurrency().toUpperCase(Locale.ROOT),
                tx.getCreated() == null ? null : java.time.Instant.ofEpochSecond(tx.getCreated()),
                kind,
                sourceId,
                paymentIntent,
                meta.get("studio_id"),
                meta.get("reference"));
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
