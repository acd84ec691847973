package io.roomtone.payments;

import java.util.UUID;

/**
 * What a purchase has received and returned so far, summed from its operations.
 *
 * @param refundingCents refunds asked for and not yet settled; they already count against what can
 *     still be refunded
 * @param authorizedCents money held on a card and neither captured nor released
 */
public record PurchaseBalance(
        UUID reference,
        String currency,
        long receivedCents,
        long refundedCents,
        long refundingCents,
        long authorizedCents) {

    /** A purchase nothing happened to yet. */
    public static PurchaseBalance none(UUID reference, String currency) {
        return new PurchaseBalance(reference, currency, 0, 0, 0, 0);
    }

    /** What the client has paid and kept paid: received minus refunded. */
    public long netPaidCents() {
        return receivedCents - refundedCents;
    }

    /** What can still be refunded: received minus refunded minus refunds under way. */
    public long refundableCents() {
        return receivedCents - refundedCents - refundingCents;
    }
}
