package io.roomtone.payments;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * One movement of money for a purchase, with our own id (the idempotency key of any provider call
 * derives from it) and its outcome as recorded, never guessed.
 *
 * @param parentId the authorization a capture or release settles
 * @param providerRef the provider's id of the movement (a Stripe payment intent or refund)
 * @param failure why the provider declined, when it did
 */
public record PaymentOperation(
        UUID id,
        UUID reference,
        Kind kind,
        Gateway gateway,
        long amountCents,
        String currency,
        Status status,
        PaymentMethod method,
        UUID parentId,
        String providerRef,
        String reason,
        String note,
        String failure,
        Instant receivedAt,
        UUID requestedBy,
        Instant createdAt,
        Instant settledAt) {

    /** A card payment asked of Stripe ({@code kind} authorization or charge), not answered yet. */
    static PaymentOperation pendingCard(
            UUID id, UUID reference, Kind kind, long amountCents, String currency, Instant at) {
        return new PaymentOperation(
                id,
                reference,
                kind,
                Gateway.STRIPE,
                amountCents,
                currency,
                Status.PENDING,
                PaymentMethod.CARD_ONLINE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                at,
                null);
    }

    /**
     * What became of authorization {@code auth}: its capture (pending, on the same intent) or its
     * release (settled at once), for all of its amount.
     */
    static PaymentOperation ofAuthorization(PaymentOperation auth, UUID id, Kind kind, Instant at) {
        boolean capture = kind == Kind.CAPTURE;
        return new PaymentOperation(
                id,
                auth.reference(),
                kind,
                Gateway.STRIPE,
                auth.amountCents(),
                auth.currency(),
                capture ? Status.PENDING : Status.SUCCEEDED,
                PaymentMethod.CARD_ONLINE,
                auth.id(),
                capture ? auth.providerRef() : null,
                null,
                null,
                null,
                null,
                null,
                at,
                capture ? null : at);
    }

    public enum Kind {
        /** Money held on the client's card, not yet taken. */
        AUTHORIZATION,
        /** An authorization let go without taking the money. */
        RELEASE,
        /** The money of an authorization taken. */
        CAPTURE,
        /** Money taken at once. */
        CHARGE,
        /** Money the studio received and recorded itself (cash, terminal, transfer). */
        RECEIPT,
        /** Money returned to the client. */
        REFUND;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean bringsMoneyIn() {
            return this == CAPTURE || this == CHARGE || this == RECEIPT;
        }
    }

    public enum Status {
        PENDING,
        SUCCEEDED,
        FAILED,
        /** The provider did not answer clearly (timeout, 5xx); settled later by asking it. */
        UNKNOWN;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Gateway {
        /** Money the studio handles itself and records. Always available. */
        MANUAL,
        STRIPE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
