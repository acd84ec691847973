package io.roomtone.support;

/** The answer to {@code POST /api/bookings}. */
public record BookedView(
        String bookingId,
        String code,
        String status,
        long totalCents,
        long depositCents,
        String decisionDueAt,
        String clientSecret) {}
