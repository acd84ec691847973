package io.roomtone.availability.internal;

import io.roomtone.availability.StudioCatalog;
import io.roomtone.availability.engine.WeeklyHours;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.StaffMember;
import io.roomtone.scheduling.BufferRule;
import io.roomtone.scheduling.BufferScope;
import io.roomtone.scheduling.Closure;
import io.roomtone.scheduling.ScheduleRule;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.scheduling.TargetType;
import io.roomtone.shared.TimeRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything availability reads about a studio except occupancy, as of one {@code catalog_version},
 * indexed for searches: hours, closures and buffers by target.
 */
record CatalogSnapshot(
        long version,
        StudioSettings settings,
        Map<UUID, Room> rooms,
        Map<UUID, Service> services,
        List<StaffMember> activeStaff,
        Map<Target, List<WeeklyHours>> hours,
        Map<Target, List<TimeRange>> closures,
        Map<Target, BufferRule> buffers)
        implements StudioCatalog {

    /** A studio (id null), room, staff member or service that rules are about. */
    record Target(String kind, UUID id) {}

    static CatalogSnapshot of(
            long version,
            StudioSettings settings,
            List<Room> rooms,
            List<Service> services,
            List<StaffMember> staff,
            List<ScheduleRule> rules,
            List<Closure> closures,
            List<BufferRule> buffers) {
        return new CatalogSnapshot(
                version,
                settings,
                rooms.stream().collect(Collectors.toUnmodifiableMap(Room::id, Function.identity())),
                services.stream().collect(Collectors.toUnmodifiableMap(Service::id, Function.identity())),
                staff.stream().filter(StaffMember::active).toList(),
                rules.stream()
                        .collect(Collectors.groupingBy(
                                r -> target(r.targetType(), r.targetId()),
                                Collectors.mapping(
                                        r -> new WeeklyHours(
                                                r.days(),
                                                r.startTime(),
                                                r.endTime(),
                                                r.timezone(),
                                                r.effectiveFrom(),
                                                r.effectiveTo()),
                                        Collectors.toUnmodifiableList()))),
                closures.stream()
                        .collect(Collectors.groupingBy(
                                c -> target(c.targetType(), c.targetId()),
                                Collectors.collectingAndThen(
                                        Collectors.mapping(
                                                c -> new TimeRange(c.startAt(), c.endAt()), Collectors.toList()),
                                        spans -> spans.stream().sorted().toList()))),
                buffers.stream()
                        .collect(Collectors.toUnmodifiableMap(
                                b -> new Target(b.scope().name(), b.targetId()), Function.identity())));
    }

    @Override
    public Optional<Service> service(UUID id) {
        return Optional.ofNullable(services.get(id));
    }

    @Override
    public Optional<Room> room(UUID id) {
        return Optional.ofNullable(rooms.get(id));
    }

    static Target target(TargetType type, UUID id) {
        return new Target(type.name(), id);
    }

    List<WeeklyHours> hoursOf(TargetType type, UUID id) {
        return hours.getOrDefault(target(type, id), List.of());
    }

    List<TimeRange> closuresOf(TargetType type, UUID id) {
        return closures.getOrDefault(target(type, id), List.of());
    }

    Duration bufferBefore(BufferScope scope, UUID id) {
        BufferRule rule = buffers.get(new Target(scope.name(), id));
        return rule == null ? Duration.ZERO : rule.before();
    }

    Duration bufferAfter(BufferScope scope, UUID id) {
        BufferRule rule = buffers.get(new Target(scope.name(), id));
        return rule == null ? Duration.ZERO : rule.after();
    }

    /** The longest buffer of any rule: how far around a session another session's range can matter. */
    Duration longestBuffer() {
        return buffers.values().stream()
                .flatMap(b -> java.util.stream.Stream.of(b.before(), b.after()))
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    boolean sameAs(long otherVersion) {
        return version == otherVersion;
    }
}
