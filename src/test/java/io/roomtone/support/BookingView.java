package io.roomtone.support;

import java.util.List;

/** One booking as {@code GET /api/bookings/{id}}, the back office and the client's lists show it. */
public record BookingView(
        String id,
        String code,
        String status,
        String clientId,
        String roomId,
        List<String> staffIds,
        String startAt,
        String endAt,
        int bufferBeforeMin,
        int bufferAfterMin,
        long subtotalCents,
        long taxesCents,
        long totalCents,
        long depositCents,
        long feesCents,
        long paidCents,
        long refundedCents,
        String paymentStatus,
        String currency,
        String notes,
        String source,
        int reschedules,
        String decisionMessage,
        String cancelReason,
        Long refundCents,
        String decisionDueAt) {}
