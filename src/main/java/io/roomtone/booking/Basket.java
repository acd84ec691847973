package io.roomtone.booking;

import io.roomtone.availability.StudioCatalog;
import io.roomtone.catalog.Service;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.Money;
import io.roomtone.shared.RoomtoneException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The services of one booking: exactly one bookable service (quantity 1, priced for the session's
 * length) and any number of add-ons. Prices come from the catalog now, and are snapshotted.
 */
record Basket(Service session, List<AddOn> addOns) {

    record AddOn(Service service, int quantity) {}

    /** Reads {@code items} (field {@code field}) against {@code catalog}. */
    static Basket of(List<ServiceItem> items, StudioCatalog catalog, String field) {
        if (items == null || items.isEmpty()) {
            throw RoomtoneException.invalid(field, "must name the service to book");
        }
        if (items.size() > 20) {
            throw RoomtoneException.invalid(field, "must have at most 20 items");
        }
        Service session = null;
        List<AddOn> addOns = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ServiceItem item = items.get(i);
            String at = field + "[" + i + "]";
            if (item == null || item.serviceId() == null) {
                throw RoomtoneException.invalid(at + ".service_id", "is required");
            }
            if (!seen.add(item.serviceId())) {
                throw RoomtoneException.invalid(at + ".service_id", "appears twice; use qty instead");
            }
            int quantity = item.qty() == null ? 1 : item.qty();
            if (quantity < 1 || quantity > 99) {
                throw RoomtoneException.invalid(at + ".qty", "must be between 1 and 99");
            }
            Service service = catalog.service(item.serviceId())
                    .filter(Service::active)
                    .orElseThrow(() ->
                            RoomtoneException.invalid(at + ".service_id", "is not an active service of this studio"));
            if (service.isAddon()) {
                addOns.add(new AddOn(service, quantity));
            } else if (session != null) {
                throw RoomtoneException.invalid(
                        at + ".service_id", "a booking has exactly one bookable service; the others must be add-ons");
            } else if (quantity != 1) {
                throw RoomtoneException.invalid(
                        at + ".qty", "the booked service is priced by the session's length; its qty is 1");
            } else {
                session = service;
            }
        }
        if (session == null) {
            throw RoomtoneException.invalid(field, "must include one bookable (non add-on) service");
        }
        return new Basket(session, List.copyOf(addOns));
    }

    List<UUID> addOnIds() {
        return addOns.stream().map(a -> a.service().id()).toList();
    }

    Price price(int minutes, StudioSettings settings) {
        List<Price.Line> lines = new ArrayList<>();
        long sessionPrice = session.priceCentsFor(minutes);
        lines.add(new Price.Line(session.id(), session.name(), false, 1, sessionPrice, sessionPrice));
        for (AddOn addOn : addOns) {
            long unit = addOn.service().basePriceCents();
            lines.add(new Price.Line(
                    addOn.service().id(),
                    addOn.service().name(),
                    true,
                    addOn.quantity(),
                    unit,
                    Math.multiplyExact(unit, (long) addOn.quantity())));
        }
        Money subtotal =
                Money.of(lines.stream().mapToLong(Price.Line::totalCents).sum(), settings.currency());
        Money taxes = subtotal.basisPoints(settings.taxRateBps());
        Money total = subtotal.plus(taxes);
        Money deposit = total.percent(settings.depositPercent());
        return new Price(
                List.copyOf(lines),
                subtotal.cents(),
                settings.taxRateBps(),
                taxes.cents(),
                total.cents(),
                settings.depositPercent(),
                deposit.cents(),
                settings.currency());
    }
}
