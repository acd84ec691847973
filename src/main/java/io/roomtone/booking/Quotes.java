package io.roomtone.booking;

import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Services;
import io.roomtone.scheduling.StudioPolicies;
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

    /** What a client asks a price for. */
    public record QuoteRequest(
            UUID roomId,
            UUID serviceId,
            Instant startAt,
            Integer durationMin,
            List<UUID> staffIds,
            List<ServiceItem> addOns) {}

    /** The answer: the price, and the policies the booking would be made under. */
    public record Quote(
            long subtotalCents,
            long taxesCents,
            long totalCents,
            long depositCents,
            String currency,
            List<Price.Line> lines,
            String policySummary) {}

    private final Services services;
    private final Rooms rooms;
    private final StudioPolicies policies;

    Quotes(Services services, Rooms rooms, StudioPolicies policies) {
        this.services = services;
        this.rooms = rooms;
        this.policies = policies;
    }

    @Transactional(readOnly = true)
    public Quote quote(QuoteRequest request) {
        new Validation()
                .require(request.roomId(), "room_id")
                .require(request.serviceId(), "service_id")
                .require(request.startAt(), "start_at")
                .check(request.durationMin() == null || request.durationMin() > 0, "duration_min", "must be positive")
                .check(
                        request.durationMin() == null || request.durationMin() <= 1440,
                        "duration_min",
                        "must be at most 1440")
                .throwIfInvalid();
        rooms.find(request.roomId())
                .orElseThrow(() -> RoomtoneException.invalid("room_id", "is not a room of this studio"));
        List<ServiceItem> items = new ArrayList<>();
        items.add(new ServiceItem(request.serviceId(), 1));
        if (request.addOns() != null) {
            items.addAll(request.addOns());
        }
        Basket basket = Basket.of(items, services, "add_ons");
        int minutes = basket.session().sessionMinutes(request.durationMin(), "duration_min");
        StudioSettings settings = policies.current();
        Price price = basket.price(minutes, settings);
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
