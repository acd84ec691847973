package io.roomtone.booking;

import io.roomtone.availability.StudioCatalog;
import io.roomtone.scheduling.StudioSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Prices a basket with the studio's settings of the moment, the same way for quotes and bookings.
 * Services and settings come from one {@link StudioCatalog}, read once per request, so the price,
 * the check and the booking's terms agree.
 */
@Component
class Pricing {

    /** A priced basket, and the settings it was priced (and will be booked) under, at {@code at}. */
    record Priced(Basket basket, Price price, StudioSettings settings, Instant at) {}

    private final Clock clock;

    Pricing(Clock clock) {
        this.clock = clock;
    }

    /** Reads {@code items} (field {@code field} of the request) against {@code catalog}. */
    Basket basket(StudioCatalog catalog, List<ServiceItem> items, String field) {
        return Basket.of(items, catalog, field);
    }

    Priced price(StudioCatalog catalog, Basket basket, int minutes) {
        StudioSettings settings = catalog.settings();
        return new Priced(basket, basket.price(minutes, settings), settings, clock.instant());
    }
}
