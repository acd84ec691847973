package io.roomtone.booking;

import java.util.Locale;

/** Where a booking's money stands, derived from its payments every time it is read. */
public enum PaymentStatus {
    UNPAID,
    /** Money held on the client's card, not taken yet (it is taken when the studio approves). */
    AUTHORIZED,
    /** Part of what it costs is paid (a deposit, or a part received at the studio). */
    DEPOSIT_PAID,
    PAID,
    PARTIALLY_REFUNDED,
    REFUNDED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonValue
    String jsonValue() {
        return json();
    }

    /**
     * The status of a booking that costs {@code dueCents} (price and fees) and whose purchase
     * received, refunded and holds these amounts.
     */
    static PaymentStatus of(long dueCents, long receivedCents, long refundedCents, long authorizedCents) {
        long net = receivedCents - refundedCents;
        if (refundedCents == 0 && net >= dueCents) {
            return PAID; // also a session that costs nothing: nothing is owed
        }
        if (refundedCents > 0) {
            return net > 0 && net >= dueCents ? PAID : net == 0 ? REFUNDED : PARTIALLY_REFUNDED;
        }
        if (net > 0) {
            return DEPOSIT_PAID;
        }
        return authorizedCents > 0 ? AUTHORIZED : UNPAID;
    }
}
