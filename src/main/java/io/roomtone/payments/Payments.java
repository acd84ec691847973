package io.roomtone.payments;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.PaymentEvents.PaymentReceived;
import io.roomtone.payments.PaymentOperation.Gateway;
import io.roomtone.payments.PaymentOperation.Kind;
import io.roomtone.payments.PaymentOperation.Status;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeBounds;
import io.roomtone.shared.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The money of purchases known by an opaque reference: what the studio received (recorded by hand
 * or moved by a provider), what went back, and what each leaves in the ledger. Every request carries
 * the caller's own operation id, so repeating one changes nothing.
 */
@Service
public class Payments {

    /** The largest amount of one operation: a billion in major units. */
    public static final long MAX_CENTS = 100_000_000_000L;

    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    /** Money the studio received and records itself. */
    public record Receipt(
            UUID reference,
            String currency,
            long amountCents,
            PaymentMethod method,
            Instant receivedAt,
            String note,
            UUID operationId) {}

    /** Money to give back, up to what was received and not yet refunded. */
    public record Refund(UUID reference, long amountCents, String reason, UUID operationId) {}

    /**
     * The operations of a refund, one per payment it returns money to.
     *
     * @param repeated whether the operation id had been refunded before, so that nothing happened now
     */
    public record Refunded(List<PaymentOperation> parts, boolean repeated) {}

    private final JdbcClient jdbc;
    private final OperationStore store;
    private final Settlements settlements;
    private final Clock clock;

    Payments(JdbcClient jdbc, OperationStore store, Settlements settlements, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.settlements = settlements;
        this.clock = clock;
    }

    /**
     * Records money the studio received (cash, card terminal, bank transfer): succeeded at once,
     * posted to the ledger, announced with {@link PaymentReceived}. Repeating an operation id returns
     * what it recorded the first time.
     */
    @Transactional
    public PaymentOperation recordReceipt(Receipt receipt) {
        Instant now = clock.instant();
        new Validation()
                .check(
                        receipt.amountCents() > 0 && receipt.amountCents() <= MAX_CENTS,
                        "amount_cents",
                        "must be between 1 and " + MAX_CENTS)
                .require(receipt.method(), "method")
                .check(
                        receipt.method() != PaymentMethod.CARD_ONLINE,
                        "method",
                        "card_online payments come from the processor, not by hand")
                .require(receipt.receivedAt(), "received_at")
                .check(
                        receipt.receivedAt() == null || TimeBounds.contains(receipt.receivedAt()),
                        "received_at",
                        TimeBounds.MESSAGE)
                .check(
                        receipt.receivedAt() == null || !receipt.receivedAt().isAfter(now.plus(FUTURE_SKEW)),
                        "received_at",
                        "must not be in the future")
                .check(
                        receipt.note() == null || receipt.note().length() <= 500,
                        "note",
                        "must be at most 500 characters")
                .throwIfInvalid();
        List<PaymentOperation> earlier = store.requested(receipt.operationId());
        if (!earlier.isEmpty()) {
            return earlier.get(0);
        }
        store.open(receipt.reference(), receipt.currency());
        PaymentOperation receipted = store.insert(
                new PaymentOperation(
                        receipt.operationId(),
                        receipt.reference(),
                        Kind.RECEIPT,
                        Gateway.MANUAL,
                        receipt.amountCents(),
                        receipt.currency(),
                        Status.SUCCEEDED,
                        receipt.method(),
                        null,
                        null,
                        null,
                        blankToNull(receipt.note()),
                        null,
                        receipt.receivedAt(),
                        actor(),
                        now,
                        now),
                receipt.operationId());
        settlements.received(receipted, receipt.receivedAt());
        return receipted;
    }

    /**
     * Gives money back: spread over the payments received, newest first, each returned the way it
     * came (money received by hand is recorded as returned at once; a provider's refund is asked for
     * after commit). Refuses ({@code refund_exceeds_paid}, 409) more than was received minus what was
     * refunded or is being refunded — the database refuses it too, so two refunds racing for the
     * same money cannot both pass. Repeating an operation id returns what it recorded the first time.
     */
    @Transactional
    public Refunded refund(Refund refund) {
        new Validation()
                .check(
                        refund.amountCents() > 0 && refund.amountCents() <= MAX_CENTS,
                        "amount_cents",
                        "must be between 1 and " + MAX_CENTS)
                .check(
                        refund.reason() == null || refund.reason().length() <= 500,
                        "reason",
                        "must be at most 500 characters")
                .throwIfInvalid();
        List<PaymentOperation> earlier = store.requested(refund.operationId());
        if (!earlier.isEmpty()) {
            return new Refunded(earlier, true);
        }
        String currency = store.lock(refund.reference());
        PurchaseBalance balance = balanceOf(refund.reference(), currency);
        if (currency == null || refund.amountCents() > balance.refundableCents()) {
            throw tooMuch(refund.amountCents(), balance);
        }
        Instant now = clock.instant();
        long left = refund.amountCents();
        List<PaymentOperation> parts = new ArrayList<>();
        for (Refundable source : refundable(refund.reference())) {
            if (left == 0) {
                break;
            }
            long part = Math.min(left, source.remainingCents());
            left -= part;
            UUID id = parts.isEmpty() ? refund.operationId() : partId(refund.operationId(), parts.size());
            boolean byHand = source.gateway() == Gateway.MANUAL;
            parts.add(store.insert(
                    new PaymentOperation(
                            id,
                            refund.reference(),
                            Kind.REFUND,
                            source.gateway(),
                            part,
                            currency,
                            byHand ? Status.SUCCEEDED : Status.PENDING,
                            source.method(),
                            source.id(),
                            null,
                            blankToNull(refund.reason()),
                            null,
                            null,
                            byHand ? now : null,
                            actor(),
                            now,
                            byHand ? now : null),
                    refund.operationId()));
            PaymentOperation asked = parts.get(parts.size() - 1);
            if (byHand) {
                settlements.refunded(asked, now);
            } else {
                settlements.requested(asked);
            }
        }
        return new Refunded(List.copyOf(parts), false);
    }

    /** What {@code reference} received and returned so far ({@code currency} when nothing happened yet). */
    @Transactional(readOnly = true)
    public PurchaseBalance balanceOf(UUID reference, String currency) {
        return balancesOf(List.of(reference)).getOrDefault(reference, PurchaseBalance.none(reference, currency));
    }

    /** The balances of those of {@code references} that have a purchase. */
    @Transactional(readOnly = true)
    public Map<UUID, PurchaseBalance> balancesOf(Collection<UUID> references) {
        Map<UUID, PurchaseBalance> balances = new HashMap<>();
        if (references.isEmpty()) {
            return balances;
        }
        jdbc.sql(
                        """
                        SELECT reference, currency, received_cents, refunded_cents, refunding_cents, authorized_cents
                          FROM purchase_balance
                         WHERE studio_id = :studio AND reference = ANY(:references)
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("references", references.toArray(UUID[]::new))
                .query((rs, n) -> new PurchaseBalance(
                        rs.getObject("reference", UUID.class),
                        rs.getString("currency"),
                        rs.getLong("received_cents"),
                        rs.getLong("refunded_cents"),
                        rs.getLong("refunding_cents"),
                        rs.getLong("authorized_cents")))
                .list()
                .forEach(b -> balances.put(b.reference(), b));
        return balances;
    }

    /** Every operation of {@code reference}, oldest first. */
    @Transactional(readOnly = true)
    public List<PaymentOperation> operationsOf(UUID reference) {
        return store.of(reference);
    }

    /** A payment received and how much of it can still go back. */
    private record Refundable(UUID id, Gateway gateway, PaymentMethod method, long remainingCents) {}

    private List<Refundable> refundable(UUID reference) {
        return jdbc
                .sql(
                        """
                        SELECT i.id, i.gateway, i.method,
                               i.amount_cents - coalesce((SELECT sum(r.amount_cents) FROM payment_operation r
                                                           WHERE r.studio_id = i.studio_id AND r.parent_id = i.id
                                                             AND r.kind = 'refund' AND r.status <> 'failed'), 0) AS remaining
                          FROM payment_operation i
                         WHERE i.studio_id = :studio AND i.reference = :reference
                           AND i.kind IN ('receipt', 'charge', 'capture') AND i.status = 'succeeded'
                         ORDER BY i.created_at DESC, i.id DESC
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .query((rs, n) -> new Refundable(
                        rs.getObject("id", UUID.class),
                        Gateway.valueOf(rs.getString("gateway").toUpperCase(java.util.Locale.ROOT)),
                        rs.getString("method") == null
                                ? PaymentMethod.CARD_ONLINE
                                : PaymentMethod.of(rs.getString("method")),
                        rs.getLong("remaining")))
                .list()
                .stream()
                .filter(r -> r.remainingCents() > 0)
                .toList();
    }

    private static RoomtoneException tooMuch(long asked, PurchaseBalance balance) {
        return new RoomtoneException(
                ProblemCode.REFUND_EXCEEDS_PAID,
                "A refund of " + asked + " cents is more than can be refunded: " + balance.receivedCents()
                        + " received, " + (balance.refundedCents() + balance.refundingCents())
                        + " refunded or being refunded.",
                List.of(),
                Map.of("refundable_cents", Math.max(0, balance.refundableCents())));
    }

    /** The id of the {@code n}th part of a refund spread over several payments: stable for a retry. */
    static UUID partId(UUID requestId, int n) {
        return UUID.nameUUIDFromBytes((requestId + "/" + n).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user.id() : null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
