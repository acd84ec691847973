package io.roomtone.support;

import java.util.List;

/** A signed-in caller's own bookings ({@code GET /api/me/bookings}). */
public record MyBookingsView(List<BookingView> upcoming, List<BookingView> past) {

    public List<String> upcomingIds() {
        return upcoming.stream().map(BookingView::id).toList();
    }
}
