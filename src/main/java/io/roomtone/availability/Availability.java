package io.roomtone.availability;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.Services;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.scheduling.BufferRule;
import io.roomtone.scheduling.BufferRules;
import io.roomtone.scheduling.BufferScope;
import io.roomtone.scheduling.Closure;
import io.roomtone.scheduling.Closures;
import io.roomtone.scheduling.ScheduleRule;
import io.roomtone.scheduling.ScheduleRules;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.scheduling.TargetType;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.transaction.annotation.Transactional;

/**
 * The studio's availability: loads rules, closures, buffers and occupancy for the current studio and
 * asks the {@link SlotEngine}.
 */
@org.springframework.stereotype.Service
public class Availability {

    /** Buffers are at most a day (buffer rules allow 0..1440 minutes): load that much around a search. */
    private static final Duration MARGIN = Duration.ofDays(2);

    private final StudioPolicies policies;
    private final Rooms rooms;
    private final Services services;
    private final StaffMembers staff;
    private final ScheduleRules rules;
    private final Closures closures;
    private final BufferRules buffers;
    private final Occupancy occupancy;
    private final Clock clock;

    Availability(
            StudioPolicies policies,
            Rooms rooms,
            Services services,
            StaffMembers staff,
            ScheduleRules rules,
            Closures closures,
            BufferRules buffers,
            Occupancy occupancy,
            Clock clock) {
        this.policies = policies;
        this.rooms = rooms;
        this.services = services;
        this.staff = staff;
        this.rules = rules;
        this.closures = closures;
        this.buffers = buffers;
        this.occupancy = occupancy;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Slot> search(SlotQuery query) {
        Validation validation = new Validation()
                .require(query.date(), "date")
                .check(query.durationMin() == null || query.durationMin() > 0, "duration_min", "must be positive")
                .check(
                        query.durationMin() == null || query.durationMin() <= 1440,
                        "duration_min",
                        "must be at most 1440")
                .check(
                        query.days() == null || (query.days() >= 1 && query.days() <= 31),
                        "days",
                        "must be between 1 and 31");
        if (query.serviceId() == null) {
            validation.require(query.durationMin(), "duration_min");
        }
        validation.throwIfInvalid();
        StudioSettings settings = policies.current();
        Optional<Service> service = Optional.ofNullable(query.serviceId()).map(id -> bookable(id, "service_id"));
        int minutes = sessionMinutes(service, query.durationMin(), "duration_min");
        if (query.roomId() != null) {
            rooms.find(query.roomId())
                    .orElseThrow(() -> RoomtoneException.invalid("room_id", "is not a room of this studio"));
        }
        String skill = query.staffSkill() != null && !query.staffSkill().isBlank()
                ? query.staffSkill().strip().toLowerCase(Locale.ROOT)
                : service.map(Service::staffSkillRequired).orElse(null);
        boolean engineer = service.map(Service::requiresEngineer).orElse(false) || skill != null;
        ZoneId zone = settings.timezone();
        LocalDate first = query.date();
        int days = query.days() == null ? 1 : query.days();
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = first.plusDays(days).atStartOfDay(zone).toInstant();
        Loaded loaded = load(from.minus(MARGIN), to.plus(MARGIN), Set.of());
        List<Resource> hosts = loaded.rooms(service, query.roomId());
        SearchInput input = loaded.input(
                settings,
                first,
                days,
                hosts,
                engineer,
                loaded.staffWith(skill),
                service.stream().toList(),
                minutes,
                service.map(s -> s.priceCentsFor(minutes)).orElse(0L));
        return SlotEngine.search(input);
    }

    /** Whether {@code request} can be booked (opening hours, lead time, horizon, tags, skills, overlaps). */
    @Transactional(readOnly = true)
    public Verdict check(SessionRequest request) {
        StudioSettings settings = policies.current();
        Optional<Service> service = Optional.ofNullable(request.serviceId()).map(id -> bookable(id, "service_id"));
        List<Service> addOns = request.addOnIds().stream()
                .map(id -> services.find(id)
                        .filter(Service::active)
                        .orElseThrow(
                                () -> RoomtoneException.invalid("service_items", "no active service with id " + id)))
                .toList();
        int minutes = (int) Duration.between(request.start(), request.end()).toMinutes();
        if (service.isPresent()) {
            sessionMinutes(service, minutes, "end_at");
        }
        Room room = rooms.find(request.roomId())
                .orElseThrow(() -> RoomtoneException.invalid("room_id", "is not a room of this studio"));
        ZoneId zone = settings.timezone();
        Loaded loaded = load(request.start().minus(MARGIN), request.end().plus(MARGIN), request.ignoring());
        List<Resource> hosts = loaded.rooms(service, room.id());
        String skill = service.map(Service::staffSkillRequired).orElse(null);
        boolean engineer = service.map(Service::requiresEngineer).orElse(false);
        List<Resource> crew = engineer ? loaded.staffWith(skill) : loaded.staffWith(null);
        LocalDate first = request.start().atZone(zone).toLocalDate();
        int days = (int) Math.max(
                1,
                Duration.between(first.atStartOfDay(zone), request.end().atZone(zone))
                                .toDays()
                        + 1);
        List<Service> all = Stream.concat(service.stream(), addOns.stream()).toList();
        SearchInput input = loaded.input(settings, first, days, hosts, engineer, crew, all, minutes, 0);
        return SlotEngine.check(
                input, room.id(), request.start(), request.end(), request.staffIds(), request.overrideHours());
    }

    private Service bookable(UUID id, String field) {
        return services.find(id)
                .filter(Service::active)
                .filter(s -> !s.isAddon())
                .orElseThrow(
                        () -> RoomtoneException.invalid(field, "is not an active bookable service of this studio"));
    }

    /** max(service default, requested), which must be a whole number of the service's blocks. */
    private static int sessionMinutes(Optional<Service> service, Integer requested, String field) {
        if (service.isEmpty()) {
            return requested;
        }
        int block = service.get().defaultDurationMin();
        int minutes = requested == null ? block : Math.max(block, requested);
        if (minutes % block != 0) {
            throw RoomtoneException.invalid(
                    field,
                    "the session must last a multiple of " + block + " minutes for "
                            + service.get().name());
        }
        return minutes;
    }

    private Loaded load(Instant from, Instant to, Set<UUID> ignoring) {
        List<BlockedRange> taken = occupancy.overlapping(from, to).stream()
                .filter(range -> !ignoring.contains(range.ownerId()))
                .toList();
        return new Loaded(
                policies.current().timezone(),
                rules.list(),
                closures.overlapping(from, to),
                buffers.list(),
                taken,
                rooms.list(true),
                staff.list(true),
                clock.instant());
    }

    /** One consistent read of everything a search needs, turned into engine values. */
    private record Loaded(
            ZoneId studioZone,
            List<ScheduleRule> rules,
            List<Closure> closures,
            List<BufferRule> buffers,
            List<BlockedRange> taken,
            List<Room> rooms,
            List<StaffMember> staff,
            Instant now) {

        List<Resource> rooms(Optional<Service> service, UUID onlyRoom) {
            List<String> tags = service.map(Service::roomTags).orElse(List.of());
            return rooms.stream()
                    .filter(room -> onlyRoom == null || room.id().equals(onlyRoom))
                    .filter(room -> room.tags().containsAll(tags))
                    .map(room -> resource(TargetType.ROOM, BlockedRange.Kind.ROOM, BufferScope.ROOM, room.id()))
                    .toList();
        }

        List<Resource> staffWith(String skill) {
            return staff.stream()
                    .filter(member -> skill == null || member.skills().contains(skill))
                    .map(member -> resource(TargetType.STAFF, BlockedRange.Kind.STAFF, BufferScope.STAFF, member.id()))
                    .toList();
        }

        SearchInput input(
                StudioSettings settings,
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
                Optional<BufferRule> rule = buffer(BufferScope.SERVICE, service.id());
                before = max(before, rule.map(BufferRule::before).orElse(Duration.ZERO));
                after = max(after, rule.map(BufferRule::after).orElse(Duration.ZERO));
            }
            return new SearchInput(
                    first,
                    days,
                    studioZone,
                    hours(TargetType.STUDIO, null),
                    closuresOf(TargetType.STUDIO, null),
                    hosts,
                    engineer,
                    crew,
                    Duration.ofMinutes(minutes),
                    before,
                    after,
                    settings.slotStepMin(),
                    now.plus(settings.leadTime()),
                    now.plus(settings.horizon()),
                    priceCents);
        }

        private Resource resource(TargetType type, BlockedRange.Kind kind, BufferScope scope, UUID id) {
            Optional<BufferRule> rule = buffer(scope, id);
            return new Resource(
                    id,
                    hours(type, id),
                    closuresOf(type, id),
                    taken.stream()
                            .filter(r -> r.kind() == kind && r.resourceId().equals(id))
                            .map(BlockedRange::span)
                            .sorted()
                            .toList(),
                    rule.map(BufferRule::before).orElse(Duration.ZERO),
                    rule.map(BufferRule::after).orElse(Duration.ZERO));
        }

        private List<WeeklyHours> hours(TargetType type, UUID id) {
            return rules.stream()
                    .filter(rule -> rule.targetType() == type && Objects.equals(rule.targetId(), id))
                    .map(rule -> new WeeklyHours(
                            rule.days(),
                            rule.startTime(),
                            rule.endTime(),
                            rule.timezone(),
                            rule.effectiveFrom(),
                            rule.effectiveTo()))
                    .toList();
        }

        private List<Span> closuresOf(TargetType type, UUID id) {
            return closures.stream()
                    .filter(c -> c.targetType() == type && Objects.equals(c.targetId(), id))
                    .map(c -> new Span(c.startAt(), c.endAt()))
                    .sorted()
                    .toList();
        }

        private Optional<BufferRule> buffer(BufferScope scope, UUID id) {
            return buffers.stream()
                    .filter(b -> b.scope() == scope && b.targetId().equals(id))
                    .findFirst();
        }

        private static Duration max(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
