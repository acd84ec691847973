package io.roomtone.support;

/** A cancellation and its refund ({@code POST /api/bookings/{id}/cancel}). */
public record CancellationView(String bookingId, String status, int refundPercent, long refundCents) {}
