package io.roomtone.booking;

import io.roomtone.catalog.CustomAnswer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A booking as its client, its staff and the studio's admins see it.
 *
 * @param decisionDueAt while it awaits approval: when it expires unless the studio decides
 * @param feesCents what the booking charges on top of its price: reschedule fees of its policy
 * @param paidCents what its client paid and was not refunded
 * @param refundedCents what was given back to its client (refunds that went through)
 * @param customFields the answers to the booked service's custom fields, with each field's label and
 *     type as they were when the booking was requested
 * @param paymentActionNeeded an automatic charge of its balance was declined (or needs the client's
 *     authentication): the client pays what is owed on the booking's page, or the studio records it
 */
public record Booking(
        UUID id,
        String code,
        BookingStatus status,
        UUID clientId,
        UUID roomId,
        List<UUID> staffIds,
        Instant startAt,
        Instant endAt,
        int bufferBeforeMin,
        int bufferAfterMin,
        List<Price.Line> lines,
        long subtotalCents,
        long taxesCents,
        long totalCents,
        long depositCents,
        long feesCents,
        long paidCents,
        long refundedCents,
        PaymentStatus paymentStatus,
        String currency,
        String notes,
        String source,
        int reschedules,
        String decisionMessage,
        String cancelReason,
        Long refundCents,
        Instant decisionDueAt,
        Instant createdAt,
        List<CustomAnswer> customFields,
        boolean paymentActionNeeded) {

    public Booking {
        customFields = customFields == null ? List.of() : List.copyOf(customFields);
    }

    public boolean isUpcoming(Instant now) {
        return endAt.isAfter(now) && status.holdsItsSlot();
    }
}
