package io.roomtone.availability.internal;

import io.roomtone.availability.BlockedRange;
import io.roomtone.availability.engine.Resource;
import io.roomtone.availability.engine.SearchInput;
import io.roomtone.availability.engine.StartBounds;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Service;
import io.roomtone.scheduling.BufferScope;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.scheduling.TargetType;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A catalog snapshot and the occupancy of one search or check, turned into the engine's values: the
 * one place where catalog and scheduling types meet the engine, which knows neither.
 */
record EngineInputs(
        CatalogSnapshot catalog, OccupancyByResource occupancy, Set<UUID> ignoring, Instant now, StartBounds bounds) {

    /** @param perMinute whether to judge lead time and horizon per minute (see {@link StartBounds#forMinute}) */
    static EngineInputs of(
            CatalogSnapshot catalog,
            OccupancyByResource occupancy,
            Set<UUID> ignoring,
            Instant now,
            boolean perMinute) {
        StudioSettings settings = catalog.settings();
        StartBounds bounds = perMinute
                ? StartBounds.forMinute(now, settings.leadTime(), settings.horizon())
                : StartBounds.at(now, settings.leadTime(), settings.horizon());
        return new EngineInputs(catalog, occupancy, ignoring, now, bounds);
    }

    /** The active, non-add-on service {@code id} of the studio, or a 400 naming {@code field}. */
    static Service bookable(CatalogSnapshot catalog, UUID id, String field) {
        return Optional.ofNullable(catalog.services().get(id))
                .filter(Service::active)
                .filter(s -> !s.isAddon())
                .orElseThrow(
                        () -> RoomtoneException.invalid(field, "is not an active bookable service of this studio"));
    }

    List<Resource> rooms(Optional<Service> service, UUID onlyRoom) {
        List<String> tags = service.map(Service::roomTags).orElse(List.of());
        return catalog.rooms().values().stream()
                .filter(Room::active)
                .filter(room -> onlyRoom == null || room.id().equals(onlyRoom))
                .filter(room -> room.tags().containsAll(tags))
                .sorted(Comparator.comparing((Room room) -> room.name().toLowerCase(Locale.ROOT))
                        .thenComparing(Room::id))
                .map(room -> resource(TargetType.ROOM, BlockedRange.Kind.ROOM, BufferScope.ROOM, room.id()))
                .toList();
    }

    List<Resource> staffWith(String skill) {
        return catalog.activeStaff().stream()
                .filter(member -> skill == null || member.skills().contains(skill))
                .map(member -> resource(TargetType.STAFF, BlockedRange.Kind.STAFF, BufferScope.STAFF, member.id()))
                .toList();
    }

    SearchInput input(
            LocalDate first,
            int days,
            List<Resource> hosts,
            boolean engineer,
            List<Resource> crew,
            List<Service> services,
            int minutes,
            long priceCents) {
        Duration before = Duration.ZERO;
        Duration after = Duration.ZERO;
        for (Service service : services) {
            before = max(before, catalog.bufferBefore(BufferScope.SERVICE, service.id()));
            after = max(after, catalog.bufferAfter(BufferScope.SERVICE, service.id()));
        }
        StudioSettings settings = catalog.settings();
        return new SearchInput(
                first,
                days,
                settings.timezone(),
                catalog.hoursOf(TargetType.STUDIO, null),
                catalog.closuresOf(TargetType.STUDIO, null),
                hosts,
                engineer,
                crew,
                Duration.ofMinutes(minutes),
                before,
                after,
                settings.slotStepMin(),
                bounds.earliest(),
                bounds.latest(),
                priceCents);
    }

    private Resource resource(TargetType type, BlockedRange.Kind kind, BufferScope scope, UUID id) {
        List<TimeRange> blocked = occupancy.ranges(kind, id, now, ignoring);
        return new Resource(
                id,
                catalog.hoursOf(type, id),
                catalog.closuresOf(type, id),
                blocked,
                catalog.bufferBefore(scope, id),
                catalog.bufferAfter(scope, id));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
