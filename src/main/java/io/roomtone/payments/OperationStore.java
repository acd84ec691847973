package io.roomtone.payments;

import io.roomtone.identity.Tenancy;
import io.roomtone.payments.PaymentOperation.Gateway;
import io.roomtone.payments.PaymentOperation.Kind;
import io.roomtone.payments.PaymentOperation.Status;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The purchase and payment_operation tables, for the payments module's services. */
@Component
class OperationStore {

    /** How the database's refund_within_received trigger begins its refusal. */
    private static final String REFUND_REFUSED = "would exceed the";

    private final JdbcClient jdbc;

    OperationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the purchase of {@code reference} if it has none; refuses another currency than its own. */
    void open(UUID reference, String currency) {
        jdbc.sql(
                        """
                        INSERT INTO purchase (studio_id, reference, currency) VALUES (:studio, :reference, :currency)
                        ON CONFLICT DO NOTHING
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .param("currency", currency)
                .update();
        String own = lock(reference);
        if (!currency.equals(own)) {
            throw RoomtoneException.invalid("currency", "must be " + own + ", the currency of this purchase");
        }
    }

    /** Locks the purchase of {@code reference} (serializing its refunds); its currency, null if none. */
    String lock(UUID reference) {
        return jdbc.sql(
                        """
                        SELECT currency FROM purchase WHERE studio_id = :studio AND reference = :reference FOR UPDATE
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    List<PaymentOperation> requested(UUID requestId) {
        return jdbc.sql(SELECT + " WHERE o.studio_id = :studio AND o.request_id = :request ORDER BY o.created_at, o.id")
                .param("studio", Tenancy.currentStudioId())
                .param("request", requestId)
                .query(OperationStore::map)
                .list();
    }

    PaymentOperation insert(PaymentOperation op, UUID requestId) {
        try {
            jdbc.sql(
                            """
                            INSERT INTO payment_operation (studio_id, id, request_id, reference, kind, gateway, amount_cents,
                                                           status, method, parent_id, provider_ref, reason, note, failure,
                                                           received_at, requested_by, created_at, settled_at)
                            VALUES (:studio, :id, :request, :reference, :kind, :gateway, :amount, :status, :method, :parent,
                                    :providerRef, :reason, :note, :failure, :received, :requestedBy, :created, :settled)
                            """)
                    .param("studio", Tenancy.currentStudioId())
                    .param("id", op.id())
                    .param("request", requestId)
                    .param("reference", op.reference())
                    .param("kind", op.kind().code())
                    .param("gateway", op.gateway().code())
                    .param("amount", op.amountCents())
                    .param("status", op.status().code())
                    .param("method", op.method() == null ? null : op.method().code())
                    .param("parent", op.parentId())
                    .param("providerRef", op.providerRef())
                    .param("reason", op.reason())
                    .param("note", op.note())
                    .param("failure", op.failure())
                    .param("received", timestamp(op.receivedAt()))
                    .param("requestedBy", op.requestedBy())
                    .param("created", timestamp(op.createdAt()))
                    .param("settled", timestamp(op.settledAt()))
                    .update();
        } catch (DataIntegrityViolationException e) {
            // the database's own check (a backstop behind the one above, made under the same lock);
            // the transaction is aborted now, so the balance cannot be read again
            if (String.valueOf(e.getMostSpecificCause().getMessage()).contains(REFUND_REFUSED)) {
                throw new RoomtoneException(
                        ProblemCode.REFUND_EXCEEDS_PAID,
                        "A refund of " + op.amountCents() + " cents is more than was received and not yet refunded.");
            }
            throw e;
        }
        return op;
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static final String SELECT =
            """
            SELECT o.*, p.currency FROM payment_operation o
              JOIN purchase p ON p.studio_id = o.studio_id AND p.reference = o.reference
            """;

    static PaymentOperation map(ResultSet rs, int n) throws SQLException {
        String method = rs.getString("method");
        return new PaymentOperation(
                rs.getObject("id", UUID.class),
                rs.getObject("reference", UUID.class),
                Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                Gateway.valueOf(rs.getString("gateway").toUpperCase(java.util.Locale.ROOT)),
                rs.getLong("amount_cents"),
                rs.getString("currency"),
                Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                method == null ? null : PaymentMethod.of(method),
                rs.getObject("parent_id", UUID.class),
                rs.getString("provider_ref"),
                rs.getString("reason"),
                rs.getString("note"),
                rs.getString("failure"),
                instant(rs.getTimestamp("received_at")),
                rs.getObject("requested_by", UUID.class),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("settled_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    Optional<PaymentOperation> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE o.studio_id = :studio AND o.id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(OperationStore::map)
                .optional();
    }

    /** Every operation of {@code reference}, oldest first. */
    List<PaymentOperation> of(UUID reference) {
        return jdbc.sql(SELECT
                        + " WHERE o.studio_id = :studio AND o.reference = :reference ORDER BY o.created_at, o.id")
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .query(OperationStore::map)
                .list();
    }

    /** The operations a provider knows as {@code providerRef} (a payment intent, a refund). */
    List<PaymentOperation> byProviderRef(String providerRef) {
        return jdbc.sql(SELECT + " WHERE o.studio_id = :studio AND o.provider_ref = :ref ORDER BY o.created_at, o.id")
                .param("studio", Tenancy.currentStudioId())
                .param("ref", providerRef)
                .query(OperationStore::map)
                .list();
    }

    /** Succeeded authorizations with no capture or release (succeeded or under way), oldest first. */
    List<PaymentOperation> heldAuthorizations() {
        return jdbc.sql(
                        SELECT
                                + """
                         WHERE o.studio_id = :studio AND o.kind = 'authorization' AND o.status = 'succeeded'
                           AND NOT EXISTS (SELECT 1 FROM payment_operation c
                                            WHERE c.studio_id = o.studio_id AND c.parent_id = o.id AND c.status <> 'failed')
                         ORDER BY o.settled_at
                        """)
                .param("studio", Tenancy.currentStudioId())
                .query(OperationStore::map)
                .list();
    }

    /**
     * Operations of a provider not yet settled (pending or unknown) whose next look is due; locked
     * for this transaction, skipping those another node is looking at.
     */
    List<PaymentOperation> dueForUpdate(Gateway gateway, Instant now, int limit) {
        return jdbc.sql(
                        SELECT
                                + """
                         WHERE o.studio_id = :studio AND o.gateway = :gateway AND o.status IN ('pending', 'unknown')
                           AND o.kind IN ('refund', 'capture', 'release', 'authorization', 'charge')
                           AND coalesce(o.next_attempt_at, o.created_at) <= :now
                         ORDER BY o.created_at LIMIT :limit FOR UPDATE OF o SKIP LOCKED
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("gateway", gateway.code())
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(OperationStore::map)
                .list();
    }

    /**
     * Moves an operation from pending or unknown to {@code status}; false when it had already left
     * them (another node or event settled it first), so that only one caller settles it.
     */
    boolean settle(UUID id, Status status, String providerRef, String failure, Instant at) {
        return jdbc.sql(
                                """
                                UPDATE payment_operation
                                   SET status = :status, provider_ref = coalesce(:ref, provider_ref),
                                       failure = coalesce(:failure, failure),
                                       settled_at = CASE WHEN :status IN ('succeeded', 'failed') THEN :at ELSE settled_at END
                                 WHERE studio_id = :studio AND id = :id AND status IN ('pending', 'unknown')
                                """)
                        .param("studio", Tenancy.currentStudioId())
                        .param("id", id)
                        .param("status", status.code())
                        .param("ref", providerRef)
                        .param("failure", failure)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /**
     * Records that the provider declined the client's card for the unsettled operation {@code id}
     * (it stays open: the client may try again). True only for the first answer that says so with
     * {@code failure}: the row lock makes a webhook and a look racing on it agree on who tells.
     */
    boolean declined(UUID id, String failure) {
        return jdbc.sql(
                                """
                        UPDATE payment_operation SET failure = :failure
                         WHERE studio_id = :studio AND id = :id AND status IN ('pending', 'unknown')
                           AND failure IS DISTINCT FROM :failure
                        """)
                        .param("studio", Tenancy.currentStudioId())
                        .param("id", id)
                        .param("failure", failure)
                        .update()
                == 1;
    }

    /**
     * Records a provider call made at {@code now}; the operation, if still unsettled then, is looked
     * at again after a minute, doubling with each call up to six hours.
     */
    void attempted(UUID id, String providerRef, String failure, Instant now) {
        jdbc.sql(
                        """
                        UPDATE payment_operation
                           SET attempts = attempts + 1, provider_ref = coalesce(:ref, provider_ref),
                               failure = coalesce(:failure, failure),
                               next_attempt_at = CAST(:now AS timestamptz) + least(interval '1 minute' * power(2, least(attempts, 20)),
                                                              interval '6 hours')
                         WHERE studio_id = :studio AND id = :id
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("ref", providerRef)
                .param("failure", failure)
                .param("now", Timestamp.from(now))
                .update();
    }
}
