package io.roomtone.booking;

import io.roomtone.availability.Availability;
import io.roomtone.availability.StudioCatalog;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;

/** Prices a session before it is booked, exactly as booking it would. */
@org.springframework.stereotype.Service
public class Quotes {

    /**
     * What a client asks a price for: the basket as {@code service_items} (the shape a booking
     * takes), or as {@code service_id} plus {@code add_ons}.
     */
    public record QuoteRequest(
            UUID roomId,
            UUID serviceId,
            Instant startAt,
            Integer durationMin,
            List<UUID> staffIds,
            List<ServiceItem> addOns,
            List<ServiceItem> serviceItems) {}

    /** The answer: the price, and the policies the booking would be made under. */
    public record Quote(
            long subtotalCents,
            long taxesCents,
            long totalCents,
            long depositCents,
            String currency,
            List<Price.Line> lines,
            String policySummary) {}

    private final Pricing pricing;
    private final Availability availability;

    Quotes(Pricing pricing, Availability availability) {
        this.pricing = pricing;
        this.availability = availability;
    }

    @Transactional(readOnly = true)
    public Quote quote(QuoteRequest request) {
        boolean asItems = request.serviceItems() != null;
        Validation validation = new Validation()
                .require(request.roomId(), "room_id")
                .check(
                        !asItems || (request.serviceId() == null && request.addOns() == null),
                        "service_items",
                        "give either service_items or service_id with add_ons, not both");
        if (!asItems) {
            validation.require(request.serviceId(), "service_id");
        }
        validation
                .require(request.startAt(), "start_at")
                .check(request.durationMin() == null || request.durationMin() > 0, "duration_min", "must be positive")
                .check(
                        request.durationMin() == null || request.durationMin() <= 1440,
                        "duration_min",
                        "must be at most 1440")
                .throwIfInvalid();
        StudioCatalog catalog = availability.catalog();
        catalog.room(request.roomId())
                .orElseThrow(() -> RoomtoneException.invalid("room_id", "is not a room of this studio"));
        Basket basket;
        if (asItems) {
            basket = pricing.basket(catalog, request.serviceItems(), "service_items");
        } else {
            List<ServiceItem> items = new ArrayList<>();
            items.add(new ServiceItem(request.serviceId(), 1));
            if (request.addOns() != null) {
                items.addAll(request.addOns());
            }
            basket = pricing.basket(catalog, items, "add_ons");
        }
        int minutes = basket.session().sessionMinutes(request.durationMin(), "duration_min");
        Pricing.Priced priced = pricing.price(catalog, basket, minutes);
        StudioSettings settings = priced.settings();
        Price price = priced.price();
        return new Quote(
                price.subtotalCents(),
                price.taxesCents(),
                price.totalCents(),
                price.depositCents(),
                price.currency(),
                price.lines(),
                PolicySummary.of(settings.cancellationPolicy(), settings.reschedulePolicy(), settings.currency()));
    }
}
