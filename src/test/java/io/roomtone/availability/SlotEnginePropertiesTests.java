package io.roomtone.availability;

import static io.roomtone.availability.Scenario.LONDON;
import static io.roomtone.availability.Scenario.LORD_HOWE;
import static io.roomtone.availability.Scenario.TORONTO;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.availability.Verdict.Bookable;
import io.roomtone.availability.Verdict.Refused;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The engine against generated studios around the daylight-saving transitions of Toronto, London and
 * Lord Howe: random hours per weekday (also in another zone), closures, blocked ranges, buffers,
 * steps and durations. {@link Oracle} is the naive reference.
 *
 * <p>Named {@code *Tests} so that Surefire's default includes pick it up: the jqwik engine runs
 * whatever Surefire selects, and a class named {@code *Properties} would silently be left out.
 */
class SlotEnginePropertiesTests {

    private static final List<ZoneId> ZONES = List.of(TORONTO, LONDON, LORD_HOWE);
    /** The 2026 transitions, two per zone in the order of {@link #ZONES}. */
    private static final List<LocalDate> TRANSITIONS = List.of(
            LocalDate.of(2026, 3, 8),
            LocalDate.of(2026, 11, 1),
            LocalDate.of(2026, 3, 29),
            LocalDate.of(2026, 10, 25),
            LocalDate.of(2026, 4, 5),
            LocalDate.of(2026, 10, 4));

    /** (a) Every slot is within everyone's windows, outside closures, and clear of blocked ranges. */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void everySlotIsFree(@ForAll("studios") SearchInput input) {
        Oracle oracle = new Oracle(input);
        List<Slot> slots = SlotEngine.search(input);

        for (Slot slot : slots) {
            Resource room = find(input.rooms(), slot.roomId());
            assertThat(slot.endAt()).isEqualTo(slot.startAt().plus(input.duration()));
            assertThat(slot.startAt()).isBetween(input.earliestStart(), input.latestStart());
            assertThat(Grid.aligned(slot.startAt(), input)).isTrue();
            assertThat(slot.priceCents()).isEqualTo(input.priceCents());
            if (!input.engineerRequired()) {
                assertThat(slot.staffIds()).isEmpty();
                assertThat(oracle.free(slot.startAt(), slot.endAt(), room, null))
                        .isTrue();
                continue;
            }
            assertThat(slot.staffIds()).isNotEmpty().isSortedAccordingTo((a, b) -> a.toString()
                    .compareTo(b.toString()));
            for (UUID id : slot.staffIds()) {
                Resource member = find(input.staff(), id);
                assertThat(oracle.inWindows(slot.startAt(), slot.endAt(), room, member))
                        .isTrue();
                assertThat(oracle.clear(slot.startAt(), slot.endAt(), room, member))
                        .isTrue();
            }
        }
    }

    /** (b) Nothing is missed, nothing is extra: the same slots, order and staff as the oracle. */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void sameSlotsAsTheOracle(@ForAll("studios") SearchInput input) {
        List<Slot> expected = new Oracle(input).slots();

        assertThat(SlotEngine.search(input)).containsExactlyElementsOf(expected);

        // Guards the generators: enough studios with slots, with some staff busy, across a transition.
        String found = expected.isEmpty() ? "none" : expected.size() < 20 ? "few" : "many";
        Statistics.label("slots").collect(found);
        Statistics.label("slots").coverage(check -> check.check("none").percentage(p -> p < 70));
        boolean someStaffBusy = expected.stream()
                .anyMatch(slot -> !slot.staffIds().isEmpty()
                        && slot.staffIds().size() < input.staff().size());
        Statistics.label("some staff busy").collect(someStaffBusy);
        Statistics.label("some staff busy").coverage(check -> check.check(true).percentage(p -> p > 3));
        Statistics.label("transition searched").collect(transitionSearched(input));
        Statistics.label("transition searched")
                .coverage(check -> check.check(true).percentage(p -> p > 10));
    }

    private static boolean transitionSearched(SearchInput input) {
        Instant from = input.firstDate().atStartOfDay(input.studioZone()).toInstant();
        Instant to = input.firstDate()
                .plusDays(input.days())
                .atStartOfDay(input.studioZone())
                .toInstant();
        var next = input.studioZone().getRules().nextTransition(from);
        return next != null && next.getInstant().isBefore(to);
    }

    /** (c) check() agrees with search() on every aligned start of the searched dates. */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void checkAgreesWithSearch(@ForAll("studios") SearchInput input) {
        Map<String, Slot> slots = new HashMap<>();
        SlotEngine.search(input).forEach(slot -> slots.put(slot.startAt() + " " + slot.roomId(), slot));
        for (Instant start : new Oracle(input).alignedStarts()) {
            Instant end = start.plus(input.duration());
            for (Resource room : input.rooms()) {
                Slot slot = slots.get(start + " " + room.id());
                Verdict chosen = SlotEngine.check(input, room.id(), start, end, List.of(), false);
                if (slot == null) {
                    assertThat(chosen).isInstanceOf(Refused.class);
                    continue;
                }
                List<UUID> first =
                        input.engineerRequired() ? List.of(slot.staffIds().get(0)) : List.of();
                assertThat(chosen).isEqualTo(bookable(input, room, first));
                if (!input.engineerRequired()) {
                    continue;
                }
                for (Resource member : input.staff()) {
                    Verdict named = SlotEngine.check(input, room.id(), start, end, List.of(member.id()), false);
                    if (slot.staffIds().contains(member.id())) {
                        assertThat(named).isEqualTo(bookable(input, room, List.of(member.id())));
                    } else {
                        assertThat(named).isInstanceOf(Refused.class);
                    }
                }
            }
        }
    }

    private static Bookable bookable(SearchInput input, Resource room, List<UUID> staffIds) {
        Buffers buffers = Buffers.of(input, room);
        for (UUID id : staffIds) {
            buffers = buffers.with(find(input.staff(), id));
        }
        return new Bookable(staffIds, buffers.before(), buffers.after());
    }

    private static Resource find(List<Resource> targets, UUID id) {
        return targets.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** The searched dates, in a zone, mostly around a transition (of any of the three zones). */
    record Frame(ZoneId zone, LocalDate firstDate, int days) {

        Instant at(int minutes) {
            return firstDate.atStartOfDay(zone).toInstant().plus(Duration.ofMinutes(minutes));
        }

        int minutes() {
            return days * 24 * 60;
        }
    }

    @Provide
    Arbitrary<SearchInput> studios() {
        return Arbitraries.of(ZONES)
                .flatMap(zone -> Combinators.combine(
                                dates(zone), Arbitraries.integers().between(1, 2))
                        .as((date, days) -> new Frame(zone, date, days)))
                .flatMap(this::studio);
    }

    /** Mostly around the zone's own transitions, sometimes another zone's, sometimes any day. */
    private static Arbitrary<LocalDate> dates(ZoneId zone) {
        int own = ZONES.indexOf(zone) * 2;
        Arbitrary<LocalDate> nearOwn = Combinators.combine(
                        Arbitraries.of(TRANSITIONS.subList(own, own + 2)),
                        Arbitraries.integers().between(-2, 1))
                .as(LocalDate::plusDays);
        Arbitrary<LocalDate> nearAny = Combinators.combine(
                        Arbitraries.of(TRANSITIONS), Arbitraries.integers().between(-2, 1))
                .as(LocalDate::plusDays);
        Arbitrary<LocalDate> anyDay = Arbitraries.integers().between(0, 364).map(n -> LocalDate.of(2026, 1, 1)
                .plusDays(n));
        return Arbitraries.frequencyOf(Tuple.of(3, nearOwn), Tuple.of(1, nearAny), Tuple.of(1, anyDay));
    }

    private Arbitrary<SearchInput> studio(Frame frame) {
        // Now and then a studio without hours (closed).
        Arbitrary<List<WeeklyHours>> hours = Arbitraries.frequencyOf(
                Tuple.of(
                        19,
                        hours(frame, Arbitraries.just(frame.zone()))
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(3)),
                Tuple.of(1, Arbitraries.just(List.of())));
        Arbitrary<List<Span>> closures = spans(frame, false).list().ofMaxSize(2);
        Arbitrary<List<Resource>> rooms =
                resources(frame).list().ofMinSize(1).ofMaxSize(3).map(list -> withIds(list, 0xA0));
        Arbitrary<List<Resource>> staff = Arbitraries.frequencyOf(
                        Tuple.of(9, resources(frame).list().ofMinSize(1).ofMaxSize(3)),
                        Tuple.of(1, Arbitraries.just(List.<Resource>of())))
                .map(list -> withIds(list, 0x50));
        Arbitrary<Integer> duration = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(15, 30, 60, 90, 120)),
                Tuple.of(1, Arbitraries.integers().between(5, 240)));
        Arbitrary<Integer> step = Arbitraries.of(5, 10, 15, 30, 60);
        // Half the time no lead time or horizon within the searched dates.
        Arbitrary<Instant[]> bounds = Arbitraries.frequencyOf(
                Tuple.of(
                        1,
                        Combinators.combine(
                                        Arbitraries.integers().between(-2000, frame.minutes()),
                                        Arbitraries.integers().between(0, frame.minutes() + 2000))
                                .as((earliest, latest) -> new Instant[] {frame.at(earliest), frame.at(latest)})),
                Tuple.of(1, Arbitraries.just(new Instant[] {frame.at(-2000), frame.at(frame.minutes() + 2000)})));
        Arbitrary<Object[]> rest = Combinators.combine(Arbitraries.of(true, false), buffer(), buffer(), bounds)
                .as((engineer, before, after, range) -> new Object[] {engineer, before, after, range});
        return Combinators.combine(hours, closures, rooms, staff, duration, step, rest)
                .as((studioHours, studioClosures, roomList, staffList, minutes, stepMinutes, more) -> {
                    Instant[] range = (Instant[]) more[3];
                    return new SearchInput(
                            frame.firstDate(),
                            frame.days(),
                            frame.zone(),
                            studioHours,
                            studioClosures,
                            roomList,
                            (Boolean) more[0],
                            staffList,
                            Duration.ofMinutes(minutes),
                            (Duration) more[1],
                            (Duration) more[2],
                            stepMinutes,
                            range[0],
                            range[1],
                            4200);
                });
    }

    /** Rooms or staff with ids {@code <random high bits>-...-<tag + index>}, unique by index. */
    private static List<Resource> withIds(List<Resource> targets, int tag) {
        List<Resource> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Resource t = targets.get(i);
            UUID id = new UUID(t.id().getMostSignificantBits(), tag + i);
            out.add(new Resource(id, t.hours(), t.closures(), t.blocked(), t.bufferBefore(), t.bufferAfter()));
        }
        return out;
    }

    private Arbitrary<Resource> resources(Frame frame) {
        // Mostly the studio's zone; sometimes one of the others, whose dates and transitions differ.
        Arbitrary<ZoneId> zones = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(frame.zone())), Tuple.of(1, Arbitraries.of(ZONES)));
        // Two in three follow the studio's hours.
        Arbitrary<List<WeeklyHours>> ownHours = Arbitraries.frequencyOf(
                Tuple.of(1, hours(frame, zones).list().ofMinSize(1).ofMaxSize(2)),
                Tuple.of(2, Arbitraries.just(List.of())));
        return Combinators.combine(
                        ownHours,
                        spans(frame, false).list().ofMaxSize(2),
                        spans(frame, true).list().ofMaxSize(5),
                        buffer(),
                        buffer(),
                        Arbitraries.longs())
                .as((hours, closures, blocked, before, after, high) ->
                        new Resource(new UUID(high, 0), hours, closures, blocked, before, after));
    }

    private Arbitrary<WeeklyHours> hours(Frame frame, Arbitrary<ZoneId> zones) {
        // Starts often at the night hours that transitions move.
        Arbitrary<Integer> start = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(0, 1380)),
                Tuple.of(2, Arbitraries.of(0, 60, 90, 120, 150, 180, 540, 600)));
        Arbitrary<LocalDate> from = Arbitraries.integers()
                .between(-2, 2)
                .map(frame.firstDate()::plusDays)
                .injectNull(0.85);
        Arbitrary<Integer> lasting = Arbitraries.integers().between(0, 3).injectNull(0.85);
        Arbitrary<Set<DayOfWeek>> weekdays = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(EnumSet.allOf(DayOfWeek.class))),
                Tuple.of(1, Arbitraries.subsetOf(DayOfWeek.values()).ofMinSize(1)));
        // Effective dates: a from date, a to date some days later (or after the first date).
        return Combinators.combine(
                        zones, weekdays, start, Arbitraries.integers().between(180, 900), from, lasting)
                .as((zone, days, minute, length, first, count) -> new WeeklyHours(
                        days,
                        LocalTime.MIN.plusMinutes(minute),
                        LocalTime.MIN.plusMinutes(Math.min(24 * 60 - 1, minute + length)),
                        zone,
                        first,
                        count == null ? null : (first == null ? frame.firstDate() : first).plusDays(count)));
    }

    /** Spans around the searched dates; blocked ranges may also fall on odd seconds. */
    private Arbitrary<Span> spans(Frame frame, boolean oddSeconds) {
        Arbitrary<Integer> seconds = oddSeconds
                ? Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.just(0)),
                        Tuple.of(1, Arbitraries.integers().between(1, 59)))
                : Arbitraries.just(0);
        return Combinators.combine(
                        Arbitraries.integers().between(-600, frame.minutes() + 600),
                        Arbitraries.integers().between(1, 120),
                        seconds)
                .as((start, length, odd) -> {
                    Instant from = frame.at(start).plusSeconds(odd);
                    return new Span(from, from.plus(Duration.ofMinutes(length)));
                });
    }

    private static Arbitrary<Duration> buffer() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.just(0)),
                        Tuple.of(2, Arbitraries.integers().between(1, 60)))
                .map(Duration::ofMinutes);
    }
}
