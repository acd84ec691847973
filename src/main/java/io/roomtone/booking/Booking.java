package io.roomtone.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A booking as its client, its staff and the studio's admins see it.
 *
 * @param decisionDueAt while it awaits approval: when it expires unless the studio decides
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
        long paidCents,
        String currency,
        String notes,
        String source,
        int reschedules,
        String decisionMessage,
        String cancelReason,
        Long refundCents,
        Instant decisionDueAt,
        Instant createdAt) {

    public boolean isUpcoming(Instant now) {
        return endAt.isAfter(now) && status.holdsItsSlot();
    }
}
