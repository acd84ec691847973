package io.roomtone.availability;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.Service;
import io.roomtone.identity.Tenancy;
import io.roomtone.scheduling.BufferScope;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.scheduling.TargetType;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeRange;
import io.roomtone.shared.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.transaction.annotation.Transactional;

/**
 * The studio's availability: combines the cached catalog (rooms, services, staff, rules, closures,
 * buffers, settings) with the current occupancy and asks the {@link SlotEngine}.
 */
@org.springframework.stereotype.Service
public class Availability {

    private final CatalogSnapshots snapshots;
    private final StudioVersions versions;
    private final OccupancyWindows windows;
    private final Occupancy occupancy;
    private final SearchAnswers answers;
    private final Clock clock;

    Availability(
            CatalogSnapshots snapshots,
            StudioVersions versions,
            OccupancyWindows windows,
            Occupancy occupancy,
            SearchAnswers answers,
            Clock clock) {
        this.answers = answers;
        this.snapshots = snapshots;
        this.versions = versions;
        this.windows = windows;
        this.occupancy = occupancy;
        this.clock = clock;
    }

    /**
     * Free slots. Runs without a transaction: one query reads the studio's catalog and occupancy
     * versions, and only what the node has not cached for those versions is loaded — or nothing at
     * all when the same question has an answer that is still exact (see {@link SearchAnswers}).
     */
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
        UUID studio = Tenancy.currentStudioId();
        StudioVersions.Versions current = versions.of(studio);
        CatalogSnapshot catalog = snapshots.current(current.catalog());
        Optional<Service> service =
                Optional.ofNullable(query.serviceId()).map(id -> bookable(catalog, id, "service_id"));
        int minutes = service.map(s -> s.sessionMinutes(query.durationMin(), "duration_min"))
                .orElse(query.durationMin());
        if (query.roomId() != null && !catalog.rooms().containsKey(query.roomId())) {
            throw RoomtoneException.invalid("room_id", "is not a room of this studio");
        }
        String skill = query.staffSkill() != null && !query.staffSkill().isBlank()
                ? query.staffSkill().strip().toLowerCase(Locale.ROOT)
                : service.map(Service::staffSkillRequired).orElse(null);
        boolean engineer = service.map(Service::requiresEngineer).orElse(false) || skill != null;
        SearchAnswers.Question question = new SearchAnswers.Question(
                query.date(),
                query.days() == null ? 1 : query.days(),
                minutes,
                query.serviceId(),
                query.roomId(),
                skill,
                engineer);
        Instant now = clock.instant();
        return answers.answer(
                studio, current, question, now, () -> search(studio, current, catalog, service, question, now));
    }

    private SearchAnswers.Answer search(
            UUID studio,
            StudioVersions.Versions current,
            CatalogSnapshot catalog,
            Optional<Service> service,
            SearchAnswers.Question question,
            Instant now) {
        ZoneId zone = catalog.settings().timezone();
        Instant from = question.first().atStartOfDay(zone).toInstant();
        Instant to =
                question.first().plusDays(question.days()).atStartOfDay(zone).toInstant();
        // a candidate's blocked range reaches at most one buffer before its start and one session
        // plus twice the longest buffer (its own and the neighbour's) after it
        Duration reach = catalog.longestBuffer().multipliedBy(2);
        Instant windowEnd = to.plus(Duration.ofMinutes(question.minutes())).plus(reach);
        Taken taken = windows.overlapping(studio, current.occupancy(), from.minus(reach), windowEnd);
        Engine engine = engine(catalog, taken, Set.of(), now, true);
        SearchInput input = engine.input(
                question.first(),
                question.days(),
                engine.rooms(service, question.roomId()),
                question.engineer(),
                engine.staffWith(question.skill()),
                service.stream().toList(),
                question.minutes(),
                service.map(s -> s.priceCentsFor(question.minutes())).orElse(0L));
        StudioSettings settings = catalog.settings();
        Instant boundsHold = StartBounds.answerValidUntil(now, settings.leadTime(), settings.horizon(), from, to);
        Instant holdsHold = taken.firstExpiryAfter(now);
        return new SearchAnswers.Answer(
                SlotEngine.search(input), boundsHold.isBefore(holdsHold) ? boundsHold : holdsHold);
    }

    /** Whether {@code request} can be booked (opening hours, lead time, horizon, tags, skills, overlaps). */
    @Transactional(readOnly = true)
    public Verdict check(SessionRequest request) {
        CatalogSnapshot catalog =
                snapshots.current(versions.read(Tenancy.currentStudioId()).catalog());
        Optional<Service> service =
                Optional.ofNullable(request.serviceId()).map(id -> bookable(catalog, id, "service_id"));
        List<Service> addOns = request.addOnIds().stream()
                .map(id -> Optional.ofNullable(catalog.services().get(id))
                        .filter(Service::active)
                        .orElseThrow(
                                () -> RoomtoneException.invalid("service_items", "no active service with id " + id)))
                .toList();
        Duration length = Duration.between(request.start(), request.end());
        if (length.isNegative() || length.isZero() || length.toSeconds() % 60 != 0 || length.toDays() > 31) {
            throw RoomtoneException.invalid(
                    "end_at", "a session lasts whole minutes, at most 31 days, and ends after it starts");
        }
        int minutes = (int) length.toMinutes();
        if (service.isPresent() && service.get().sessionMinutes(minutes, "end_at") != minutes) {
            throw RoomtoneException.invalid(
                    "end_at",
                    "the session must last at least " + service.get().defaultDurationMin() + " minutes for "
                            + service.get().name());
        }
        if (!catalog.rooms().containsKey(request.roomId())) {
            throw RoomtoneException.invalid("room_id", "is not a room of this studio");
        }
        ZoneId zone = catalog.settings().timezone();
        Duration reach = catalog.longestBuffer().multipliedBy(2);
        Engine engine = engine(
                catalog,
                Taken.of(occupancy.overlapping(
                        request.start().minus(reach), request.end().plus(reach))),
                request.ignoring(),
                clock.instant(),
                false);
        String skill = service.map(Service::staffSkillRequired).orElse(null);
        boolean engineer = service.map(Service::requiresEngineer).orElse(false);
        List<Resource> crew = engineer ? engine.staffWith(skill) : engine.staffWith(null);
        LocalDate first = request.start().atZone(zone).toLocalDate();
        int days = (int) Math.max(
                1,
                Duration.between(first.atStartOfDay(zone), request.end().atZone(zone))
                                .toDays()
                        + 1);
        List<Service> all = Stream.concat(service.stream(), addOns.stream()).toList();
        SearchInput input =
                engine.input(first, days, engine.rooms(service, request.roomId()), engineer, crew, all, minutes, 0);
        return SlotEngine.check(
                input, request.roomId(), request.start(), request.end(), request.staffIds(), request.overrideHours());
    }

    private static Service bookable(CatalogSnapshot catalog, UUID id, String field) {
        return Optional.ofNullable(catalog.services().get(id))
                .filter(Service::active)
                .filter(s -> !s.isAddon())
                .orElseThrow(
                        () -> RoomtoneException.invalid(field, "is not an active bookable service of this studio"));
    }

    /** @param perMinute whether to judge lead time and horizon per minute (see {@link StartBounds#forMinute}) */
    private Engine engine(CatalogSnapshot catalog, Taken taken, Set<UUID> ignoring, Instant now, boolean perMinute) {
        StudioSettings settings = catalog.settings();
        StartBounds bounds = perMinute
                ? StartBounds.forMinute(now, settings.leadTime(), settings.horizon())
                : StartBounds.at(now, settings.leadTime(), settings.horizon());
        return new Engine(catalog, taken, ignoring, now, bounds);
    }

    /** A catalog snapshot and the occupancy of one search, turned into engine values. */
    private record Engine(CatalogSnapshot catalog, Taken taken, Set<UUID> ignoring, Instant now, StartBounds bounds) {

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
            List<TimeRange> blocked = taken.spans(kind, id, now, ignoring);
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
}
