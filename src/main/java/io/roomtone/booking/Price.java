package io.roomtone.booking;

import java.util.List;
import java.util.UUID;

/**
 * What a session costs, computed on the server only: the booked service priced for the session's
 * length, add-ons at their base price times quantity, tax on the subtotal and the deposit on the
 * total, each rounded half-up to the cent.
 */
public record Price(
        List<Line> lines,
        long subtotalCents,
        int taxRateBps,
        long taxesCents,
        long totalCents,
        int depositPercent,
        long depositCents,
        String currency) {

    /** One priced line of a booking. */
    public record Line(
            UUID serviceId, String name, boolean isAddon, int quantity, long unitPriceCents, long totalCents) {}
}
