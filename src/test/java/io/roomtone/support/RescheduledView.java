package io.roomtone.support;

/** A moved booking and what the move cost ({@code POST /api/bookings/{id}/reschedule}). */
public record RescheduledView(BookingView booking, long feeCents) {}
