package io.roomtone.availability.internal;

import io.roomtone.availability.Occupancy;
import io.roomtone.availability.SessionRequest;
import io.roomtone.availability.StudioCatalog;
import io.roomtone.availability.Verdict;
import io.roomtone.availability.engine.Resource;
import io.roomtone.availability.engine.SearchInput;
import io.roomtone.availability.engine.SlotEngine;
import io.roomtone.catalog.Service;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * {@link io.roomtone.availability.Availability#check}: one session judged against the database's
 * current state, never against a kept counter or cached occupancy (a booking must not wait for a
 * notification from another node).
 */
@Component
public class SessionChecks {

    /** The longest session a booking may ask for. */
    private static final int MAX_DAYS = 31;

    private final CatalogSnapshots snapshots;
    private final StudioVersions versions;
    private final Occupancy occupancy;
    private final Clock clock;

    SessionChecks(CatalogSnapshots snapshots, StudioVersions versions, Occupancy occupancy, Clock clock) {
        this.snapshots = snapshots;
        this.versions = versions;
        this.occupancy = occupancy;
        this.clock = clock;
    }

    /**
     * The current studio's catalog as the database has it now: its version is read (one query), the
     * snapshot comes from memory unless that version is new here.
     */
    public StudioCatalog catalog() {
        return snapshots.current(versions.read(Tenancy.currentStudioId()).catalog());
    }

    /**
     * Whether {@code request} can be booked against {@code studioCatalog} (from {@link #catalog()});
     * a request that makes no sense is a 400 naming its field.
     */
    public Verdict check(SessionRequest request, StudioCatalog studioCatalog) {
        if (!(studioCatalog instanceof CatalogSnapshot catalog)) {
            throw new IllegalArgumentException("A catalog is checked against only as this module handed it out");
        }
        Optional<Service> service =
                Optional.ofNullable(request.serviceId()).map(id -> EngineInputs.bookable(catalog, id, "service_id"));
        List<Service> addOns = request.addOnIds().stream()
                .map(id -> Optional.ofNullable(catalog.services().get(id))
                        .filter(Service::active)
                        .orElseThrow(
                                () -> RoomtoneException.invalid("service_items", "no active service with id " + id)))
                .toList();
        Duration length = Duration.between(request.start(), request.end());
        if (length.isNegative() || length.isZero() || length.toSeconds() % 60 != 0 || length.toDays() > MAX_DAYS) {
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
        // a neighbour's blocked range reaches at most twice the longest buffer into the session's
        Duration reach = catalog.longestBuffer().multipliedBy(2);
        EngineInputs engine = EngineInputs.of(
                catalog,
                OccupancyByResource.of(occupancy.overlapping(
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
}
