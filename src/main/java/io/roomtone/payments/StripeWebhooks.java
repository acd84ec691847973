package io.roomtone.payments;

import com.stripe.exception.SignatureVerificationException;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhooks, stored first: a call is verified, its raw event kept (once per event id) and
 * answered at once; it is processed afterwards, idempotently, with retries, by asking Stripe for
 * the current state of the object it names — so duplicates, replays and events out of order all
 * settle to what Stripe knows now.
 */
@Service
public class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    /** Attempts after which a failing event is left for the studio to look at and replay. */
    static final int MAX_ATTEMPTS = 10;

    /** A stored event as the studio's admin page lists it. */
    public record StoredEvent(
            UUID id,
            String eventId,
            String type,
            String objectId,
            String status,
            int attempts,
            String lastError,
            Instant receivedAt,
            Instant processedAt) {}

    /** What became of a webhook call. */
    public enum Receipt {
        STORED,
        DUPLICATE,
        /** Verified, but about nothing of ours (no studio of this installation in its metadata). */
        NOT_OURS
    }

    private final StripeGateway stripe;
    private final StudioStripeKeys studioKeys;
    private final CardPayments cards;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Executor executor;
    private final Clock clock;

    StripeWebhooks(
            StripeGateway stripe,
            StudioStripeKeys studioKeys,
            CardPayments cards,
            JdbcClient jdbc,
            JsonMapper json,
            PlatformTransactionManager transactionManager,
            @Qualifier("applicationTaskExecutor") Executor executor,
            Clock clock) {
        this.stripe = stripe;
        this.studioKeys = studioKeys;
        this.cards = cards;
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Verifies and stores one webhook call on the installation's endpoint (signed with
     * {@code ROOMTONE_STRIPE_WEBHOOK_SECRET}); processing follows on another thread. Refuses a call
     * whose signature does not verify (400), and any call while the installation has no Stripe keys
     * (404). An event for a studio that takes payments into its own Stripe account is not ours here.
     */
    public Receipt receive(String payload, String signature) {
        StripeGateway.Account account = stripe.installationAccount()
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.NOT_FOUND, "Card payments (Stripe) are not configured here."));
        return receive(payload, signature, account, null);
    }

    /**
     * Verifies and stores one webhook call on {@code studioId}'s own endpoint, signed with the
     * webhook secret the studio stored with its keys (404 when it stored none).
     */
    public Receipt receive(String payload, String signature, UUID studioId) {
        StripeGateway.Account account = studioKeys
                .account(studioId)
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.NOT_FOUND, "This studio has no Stripe keys of its own here."));
        return receive(payload, signature, account, studioId);
    }

    private Receipt receive(String payload, String signature, StripeGateway.Account account, UUID endpointStudio) {
        try {
            StripeGateway.verify(payload, signature == null ? "" : signature, account);
        } catch (SignatureVerificationException e) {
            throw RoomtoneException.invalid("Stripe-Signature", "does not verify: " + e.getMessage());
        }
        JsonNode event = json.readTree(payload);
        JsonNode object = event.path("data").path("object");
        Optional<UUID> studio = uuid(object.path("metadata").path("studio_id").asText(null));
        // an event belongs to the endpoint of the account that signed it: a studio's own account
        // speaks for that studio only, the installation's for studios without keys of their own
        boolean elsewhere = studio.isPresent()
                && (endpointStudio != null
                        ? !endpointStudio.equals(studio.get())
                        : studioKeys.account(studio.get()).isPresent());
        if (studio.isEmpty() || elsewhere) {
            log.info(
                    "Stripe event {} ({}) names no studio of this endpoint; acknowledged, not kept",
                    event.path("id"),
                    event.path("type"));
            return Receipt.NOT_OURS;
        }
        UUID id = UUID.randomUUID();
        boolean stored;
        try {
            stored = Tenancy.callAs(
                    studio.get(),
                    () -> transactions.execute(tx -> jdbc.sql(
                                            """
                                    INSERT INTO payment_webhook_event (studio_id, id, provider, event_id, type, object_id, payload)
                                    VALUES (:studio, :id, 'stripe', :event, :type, :object, :payload)
                                    ON CONFLICT (studio_id, provider, event_id) DO NOTHING
                                    """)
                                    .param("studio", studio.get())
                                    .param("id", id)
                                    .param("event", event.path("id").asText())
                                    .param("type", event.path("type").asText())
                                    .param("object", objectOf(event.path("type").asText(), object))
                                    .param("payload", payload)
                                    .update()
                            == 1));
        } catch (DataIntegrityViolationException e) {
            log.info("Stripe event {} names studio {}, which does not exist here", event.path("id"), studio.get());
            return Receipt.NOT_OURS;
        }
        if (!stored) {
            return Receipt.DUPLICATE;
        }
        executor.execute(() -> Tenancy.runAs(studio.get(), () -> process(id)));
        return Receipt.STORED;
    }

    /** Processes the studio's stored events that are due (new, or failed and waiting for a retry). */
    public int processDue() {
        List<UUID> due = transactions.execute(tx -> jdbc.sql(
                        """
                        SELECT id FROM payment_webhook_event
                         WHERE studio_id = :studio AND status IN ('received', 'failed') AND attempts < :max
                           AND next_attempt_at <= :now
                         ORDER BY received_at LIMIT 100
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("max", MAX_ATTEMPTS)
                .param("now", Timestamp.from(clock.instant()))
                .query(UUID.class)
                .list());
        due.forEach(this::process);
        return due.size();
    }

    /** The studio's stored events, newest first, optionally of one status. */
    public List<StoredEvent> list(String status, int limit) {
        return transactions.execute(tx -> jdbc.sql(
                        """
                        SELECT id, event_id, type, object_id, status, attempts, last_error, received_at, processed_at
                          FROM payment_webhook_event
                         WHERE studio_id = :studio AND (CAST(:status AS text) IS NULL OR status = :status)
                         ORDER BY received_at DESC, id LIMIT :limit
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("status", status)
                .param("limit", limit)
                .query((rs, n) -> new StoredEvent(
                        rs.getObject("id", UUID.class),
                        rs.getString("event_id"),
                        rs.getString("type"),
                        rs.getString("object_id"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getTimestamp("processed_at") == null
                                ? null
                                : rs.getTimestamp("processed_at").toInstant()))
                .list());
    }

    /** Processes a stored event again, now (it changes nothing that is already settled). */
    public StoredEvent replay(UUID id) {
        int found = transactions.execute(tx -> jdbc.sql(
                        """
                        UPDATE payment_webhook_event SET status = 'received', next_attempt_at = :now, attempts = 0
                         WHERE studio_id = :studio AND id = :id
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("now", Timestamp.from(clock.instant()))
                .update());
        if (found == 0) {
            throw RoomtoneException.notFound("webhook event", id);
        }
        process(id);
        return list(null, 1000).stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Claims one event (a row lock others skip; its next attempt pushed back while it is worked on),
     * settles the object it names against Stripe's current state, and records the outcome.
     */
    void process(UUID id) {
        Optional<String[]> claimed = transactions.execute(tx -> jdbc.sql(
                        """
                        UPDATE payment_webhook_event
                           SET attempts = attempts + 1,
                               next_attempt_at = CAST(:now AS timestamptz) + least(interval '1 minute' * power(2, least(attempts, 20)),
                                                              interval '6 hours')
                         WHERE studio_id = :studio AND id = :id AND status IN ('received', 'failed')
                           AND id = (SELECT id FROM payment_webhook_event
                                      WHERE studio_id = :studio AND id = :id FOR UPDATE SKIP LOCKED)
                        RETURNING type, object_id
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new String[] {rs.getString("type"), rs.getString("object_id")})
                .optional());
        if (claimed.isEmpty()) {
            return;
        }
        String type = claimed.get()[0];
        String object = claimed.get()[1];
        String status = "processed";
        String error = null;
        try {
            if (object == null) {
                status = "ignored";
            } else if (type.startsWith("payment_intent.") || type.startsWith("charge.") && object.startsWith("pi_")) {
                cards.reconcile(object);
            } else if (type.startsWith("refund.") || type.startsWith("charge.refund.")) {
                cards.reconcileRefund(object);
            } else {
                status = "ignored";
            }
        } catch (StripeGateway.ProviderException | RuntimeException e) {
            status = "failed";
            error = e.getMessage();
            log.warn("Stripe event {} ({}) failed: {}", id, type, e.getMessage());
        }
        String outcome = status;
        String lastError = error;
        transactions.executeWithoutResult(tx -> jdbc.sql(
                        """
                        UPDATE payment_webhook_event
                           SET status = :status, last_error = :error,
                               processed_at = CASE WHEN :status = 'failed' THEN processed_at ELSE :now END
                         WHERE studio_id = :studio AND id = :id
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("status", outcome)
                .param("error", lastError)
                .param("now", Timestamp.from(clock.instant()))
                .update());
    }

    /** The Stripe object an event is about: its payment intent, or its refund. */
    private static String objectOf(String type, JsonNode object) {
        if (type.startsWith("charge.") && !type.startsWith("charge.refund.")) {
            return object.path("payment_intent").asText(null);
        }
        return object.path("id").asText(null);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
