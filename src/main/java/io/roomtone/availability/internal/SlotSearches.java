package io.roomtone.availability.internal;

import io.roomtone.availability.Slot;
import io.roomtone.availability.SlotPage;
import io.roomtone.availability.SlotQuery;
import io.roomtone.availability.engine.SearchInput;
import io.roomtone.availability.engine.SlotEngine;
import io.roomtone.availability.engine.StartBounds;
import io.roomtone.catalog.Service;
import io.roomtone.identity.Tenancy;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import io.roomtone.shared.WorkAllowance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@link io.roomtone.availability.Availability#search}: validates the query, answers it from {@link
 * SearchAnswers} or the engine, and cuts one page out of the whole answer. One query reads the
 * studio's catalog and occupancy versions (none while they are kept), and only what the node has not
 * cached for those versions is loaded.
 *
 * <p>A search must not be an amplifier: its days are bounded, a page carries at most {@code
 * roomtone.availability.slots-per-answer} slots, and each computed (not cached) answer counts
 * against the caller's {@link WorkAllowance}.
 */
@Component
public class SlotSearches {

    /** The dates a search may name: far from the edges of {@code java.time}, and of PostgreSQL. */
    static final LocalDate FIRST_DATE = LocalDate.of(2000, 1, 1);

    static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    private static final int MAX_MINUTES = 24 * 60;

    private final CatalogSnapshots snapshots;
    private final StudioVersions versions;
    private final OccupancyCache occupancy;
    private final SearchAnswers answers;
    private final WorkAllowance allowance;
    private final Clock clock;
    private final int slotsPerAnswer;

    SlotSearches(
            CatalogSnapshots snapshots,
            StudioVersions versions,
            OccupancyCache occupancy,
            SearchAnswers answers,
            ObjectProvider<WorkAllowance> allowance,
            Clock clock,
            @Value("${roomtone.availability.slots-per-answer:500}") int slotsPerAnswer) {
        if (slotsPerAnswer < 1) {
            throw new IllegalArgumentException("roomtone.availability.slots-per-answer must be at least 1");
        }
        this.snapshots = snapshots;
        this.versions = versions;
        this.occupancy = occupancy;
        this.answers = answers;
        this.allowance = allowance.getIfAvailable(() -> WorkAllowance.UNLIMITED);
        this.clock = clock;
        this.slotsPerAnswer = slotsPerAnswer;
    }

    public SlotPage search(SlotQuery query) {
        validate(query);
        Optional<SearchCursor> cursor = Optional.ofNullable(query.cursor()).map(SearchCursor::decode);
        UUID studio = Tenancy.currentStudioId();
        StudioVersions.Versions current = versions.of(studio);
        CatalogSnapshot catalog = snapshots.current(current.catalog());
        Optional<Service> service =
                Optional.ofNullable(query.serviceId()).map(id -> EngineInputs.bookable(catalog, id, "service_id"));
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
        List<Slot> all = answers.answer(studio, current, question, now, () -> {
            // counted only here: an answer read from the cache costs next to nothing
            allowance.take(WorkAllowance.Work.UNCACHED_SEARCH);
            return compute(studio, current, catalog, service, question, now);
        });
        return page(all, cursor.map(c -> c.position(all)).orElse(0));
    }

    private static void validate(SlotQuery query) {
        Validation validation = new Validation()
                .require(query.date(), "date")
                .check(
                        query.date() == null
                                || (!query.date().isBefore(FIRST_DATE)
                                        && !query.date().isAfter(LAST_DATE)),
                        "date",
                        "must be between " + FIRST_DATE + " and " + LAST_DATE)
                .check(query.durationMin() == null || query.durationMin() > 0, "duration_min", "must be positive")
                .check(
                        query.durationMin() == null || query.durationMin() <= MAX_MINUTES,
                        "duration_min",
                        "must be at most " + MAX_MINUTES)
                .check(
                        query.days() == null || (query.days() >= 1 && query.days() <= SlotQuery.MAX_DAYS),
                        "days",
                        "must be between 1 and " + SlotQuery.MAX_DAYS);
        if (query.serviceId() == null) {
            validation.require(query.durationMin(), "duration_min");
        }
        validation.throwIfInvalid();
    }

    private SlotPage page(List<Slot> all, int from) {
        int to = (int) Math.min(all.size(), (long) from + slotsPerAnswer);
        Optional<String> next =
                to < all.size() ? Optional.of(SearchCursor.at(all, to).encode()) : Optional.empty();
        return new SlotPage(all.subList(from, to), next);
    }

    private SearchAnswers.Answer compute(
            UUID studio,
            StudioVersions.Versions current,
            CatalogSnapshot catalog,
            Optional<Service> service,
            SearchAnswers.Question question,
            Instant now) {
        StudioSettings settings = catalog.settings();
        ZoneId zone = settings.timezone();
        Instant from = question.first().atStartOfDay(zone).toInstant();
        Instant to =
                question.first().plusDays(question.days()).atStartOfDay(zone).toInstant();
        Instant boundsHold = StartBounds.answerValidUntil(now, settings.leadTime(), settings.horizon(), from, to);
        StartBounds bounds = StartBounds.forMinute(now, settings.leadTime(), settings.horizon());
        if (!to.isAfter(bounds.earliest()) || from.isAfter(bounds.latest())) {
            // past the horizon or before the lead time: nothing to load, and no occupancy range to
            // file for dates nobody can book
            return new SearchAnswers.Answer(List.of(), boundsHold);
        }
        // a candidate's blocked range reaches at most one buffer before its start and one session
        // plus twice the longest buffer (its own and the neighbour's) after it
        Duration reach = catalog.longestBuffer().multipliedBy(2);
        Instant rangeEnd = to.plus(Duration.ofMinutes(question.minutes())).plus(reach);
        OccupancyByResource taken = occupancy.overlapping(studio, current.occupancy(), from.minus(reach), rangeEnd);
        EngineInputs engine = EngineInputs.of(catalog, taken, Set.of(), now, true);
        SearchInput input = engine.input(
                question.first(),
                question.days(),
                engine.rooms(service, question.roomId()),
                question.engineer(),
                engine.staffWith(question.skill()),
                service.stream().toList(),
                question.minutes(),
                service.map(s -> s.priceCentsFor(question.minutes())).orElse(0L));
        Instant holdsHold = taken.firstExpiryAfter(now);
        return new SearchAnswers.Answer(
                SlotEngine.search(input), boundsHold.isBefore(holdsHold) ? boundsHold : holdsHold);
    }
}
