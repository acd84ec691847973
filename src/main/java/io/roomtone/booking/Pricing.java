package io.roomtone.booking;

import io.roomtone.catalog.Services;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Prices a basket with the studio's settings of the moment, the same way for quotes and bookings. */
@Component
class Pricing {

    /** A priced basket, and the settings it was priced (and will be booked) under, at {@code at}. */
    record Priced(Basket basket, Price price, StudioSettings settings, Instant at) {}

    private final Services services;
    private final StudioPolicies policies;
    private final Clock clock;

    Pricing(Services services, StudioPolicies policies, Clock clock) {
        this.services = services;
        this.policies = policies;
        this.clock = clock;
    }

    /** Reads {@code items} (field {@code field} of the request) against the current catalog. */
    Basket basket(List<ServiceItem> items, String field) {
        return Basket.of(items, services, field);
    }

    /** The settings are read here, once per request: the price and the booking's terms agree. */
    Priced price(Basket basket, int minutes) {
        StudioSettings settings = policies.current();
        return new Priced(basket, basket.price(minutes, settings), settings, clock.instant());
    }
}
