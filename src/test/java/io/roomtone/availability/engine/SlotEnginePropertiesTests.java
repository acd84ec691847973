package io.roomtone.availability.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.roomtone.availability.Slot;
import io.roomtone.availability.Verdict;
import io.roomtone.availability.Verdict.Bookable;
import io.roomtone.availability.Verdict.Refused;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine against generated studios around the daylight-saving transitions of Toronto, London and
 * Lord Howe: random hours per weekday (also in another zone), closures, blocked ranges, buffers,
 * steps and durations (see {@link StudioGenerator}). {@link Oracle} is the naive reference.
 *
 * <p>Each property runs {@value #CASES} studios, one dynamic test per seed; the seeds are fixed, so a
 * failure reproduces. A failure names its seed and describes the studio; {@code
 * -Droomtone.properties.seed=N} runs only the studio of seed {@code N}, in every property. The
 * report also shows the smallest studio that still fails ({@link Shrinker}).
 */
class SlotEnginePropertiesTests {

    /** Generated studios per property. */
    static final int CASES = 200;
    /** A system property: the seed of the one studio to run, instead of all of them. */
    static final String SEED = "roomtone.properties.seed";

    /** (a) Every slot is within everyone's windows, outside closures, and clear of blocked ranges. */
    @TestFactory
    Stream<DynamicTest> everySlotIsFree() {
        return cases(1_000_000, SlotEnginePropertiesTests::everySlotIsFree);
    }

    /**
     * (b) Nothing is missed, nothing is extra: the same slots, order and staff as the oracle. A last
     * test guards the generator: enough studios with slots, with some staff busy, across a transition.
     */
    @TestFactory
    Stream<DynamicTest> sameSlotsAsTheOracle() {
        Coverage coverage = new Coverage();
        Stream<DynamicTest> cases = cases(2_000_000, input -> sameSlotsAsTheOracle(input, coverage));
        return oneSeed() != null
                ? cases
                : Stream.concat(cases, Stream.of(dynamicTest("coverage of the generator", coverage::check)));
    }

    /** (c) check() agrees with search() on every aligned start of the searched dates. */
    @TestFactory
    Stream<DynamicTest> checkAgreesWithSearch() {
        return cases(3_000_000, SlotEnginePropertiesTests::checkAgreesWithSearch);
    }

    /**
     * (d) Lead time and horizon judged for a whole minute ({@link StartBounds#forMinute}) give exactly
     * the slots of judging them at the instant itself, and at every instant until the answer's end
     * ({@link StartBounds#answerValidUntil}), which is what lets searches reuse answers.
     */
    @TestFactory
    Stream<DynamicTest> perMinuteBoundsAreExact() {
        return cases(4_000_000, SlotEnginePropertiesTests::perMinuteBoundsAreExact);
    }

    private static void perMinuteBoundsAreExact(SearchInput input) {
        SplittableRandom random = new SplittableRandom(input.earliestStart().getEpochSecond());
        List<Slot> all = SlotEngine.search(input);
        // the bounds matter where they cut next to a start that would otherwise be offered
        Instant pivot = all.isEmpty()
                ? input.earliestStart()
                : all.get(random.nextInt(all.size())).startAt();
        Duration lead = Duration.ofMinutes(random.nextInt(0, 180));
        long jitterNanos = random.nextInt(4) == 0 ? 0 : random.nextLong(1, 60_000_000_000L);

        // now + lead just after the pivot (or on it)
        Instant now = pivot.minus(lead).plusNanos(jitterNanos);
        samePerMinuteAsExact(input, now, lead, Duration.between(StartBounds.minuteOf(now), input.latestStart()));
        // now + horizon just before the pivot (or a minute before it)
        Instant early = input.earliestStart().minus(lead).plusNanos(jitterNanos);
        samePerMinuteAsExact(
                input,
                early,
                lead,
                Duration.between(StartBounds.minuteOf(early), pivot).minusMinutes(1));
    }

    /** The answer computed at {@code now} is the exact one at now and until it says it ends. */
    private static void samePerMinuteAsExact(SearchInput input, Instant now, Duration lead, Duration horizon) {
        List<Slot> answer = SlotEngine.search(withBounds(input, StartBounds.forMinute(now, lead, horizon)));
        Instant from = input.firstDate().atStartOfDay(input.studioZone()).toInstant();
        Instant to = input.firstDate()
                .plusDays(input.days())
                .atStartOfDay(input.studioZone())
                .toInstant();
        Instant validUntil = StartBounds.answerValidUntil(now, lead, horizon, from, to);
        assertThat(validUntil).isAfter(now);
        long span = Duration.between(now, validUntil).toNanos();
        SplittableRandom random = new SplittableRandom(now.getEpochSecond());
        for (Instant at : List.of(
                now,
                now.plusNanos(random.nextLong(span)),
                now.plusNanos(random.nextLong(span)),
                validUntil.minusNanos(1))) {
            assertThat(answer)
                    .as(
                            "now %s, lead %s, horizon %s, exact at %s (answer valid until %s)",
                            now, lead, horizon, at, validUntil)
                    .isEqualTo(SlotEngine.search(withBounds(input, StartBounds.at(at, lead, horizon))));
        }
    }

    private static SearchInput withBounds(SearchInput input, StartBounds bounds) {
        return new SearchInput(
                input.firstDate(),
                input.days(),
                input.studioZone(),
                input.studioHours(),
                input.studioClosures(),
                input.rooms(),
                input.engineerRequired(),
                input.staff(),
                input.duration(),
                input.serviceBufferBefore(),
                input.serviceBufferAfter(),
                input.stepMinutes(),
                bounds.earliest(),
                bounds.latest(),
                input.priceCents());
    }

    private static void everySlotIsFree(SearchInput input) {
        Oracle oracle = new Oracle(input);
        List<Slot> slots = SlotEngine.search(input);

        for (Slot slot : slots) {
            Resource room = find(input.rooms(), slot.roomId());
            assertThat(slot.endAt())
                    .as("end of %s", slot)
                    .isEqualTo(slot.startAt().plus(input.duration()));
            assertThat(slot.startAt()).as("start of %s", slot).isBetween(input.earliestStart(), input.latestStart());
            assertThat(CandidateStarts.aligned(slot.startAt(), input))
                    .as("start of %s aligned", slot)
                    .isTrue();
            assertThat(slot.priceCents()).as("price of %s", slot).isEqualTo(input.priceCents());
            if (!input.engineerRequired()) {
                assertThat(slot.staffIds()).as("staff of %s", slot).isEmpty();
                assertThat(oracle.free(slot.startAt(), slot.endAt(), room, null))
                        .as("%s free", slot)
                        .isTrue();
                continue;
            }
            assertThat(slot.staffIds()).as("staff of %s", slot).isNotEmpty().isSortedAccordingTo((a, b) -> a.toString()
                    .compareTo(b.toString()));
            for (UUID id : slot.staffIds()) {
                Resource member = find(input.staff(), id);
                assertThat(oracle.inWindows(slot.startAt(), slot.endAt(), room, member))
                        .as("%s within the windows of staff %s", slot, id)
                        .isTrue();
                assertThat(oracle.clear(slot.startAt(), slot.endAt(), room, member))
                        .as("%s clear of blocked ranges with staff %s", slot, id)
                        .isTrue();
            }
        }
    }

    private static void sameSlotsAsTheOracle(SearchInput input, Coverage coverage) {
        List<Slot> expected = new Oracle(input).slots();

        assertThat(SlotEngine.search(input)).containsExactlyElementsOf(expected);

        coverage.count(input, expected);
    }

    private static void checkAgreesWithSearch(SearchInput input) {
        Map<String, Slot> slots = new HashMap<>();
        SlotEngine.search(input).forEach(slot -> slots.put(slot.startAt() + " " + slot.roomId(), slot));
        for (Instant start : new Oracle(input).alignedStarts()) {
            Instant end = start.plus(input.duration());
            for (Resource room : input.rooms()) {
                Slot slot = slots.get(start + " " + room.id());
                Verdict chosen = SlotEngine.check(input, room.id(), start, end, List.of(), false);
                if (slot == null) {
                    assertThat(chosen)
                            .as("check at %s in room %s, not a slot", start, room.id())
                            .isInstanceOf(Refused.class);
                    continue;
                }
                List<UUID> first =
                        input.engineerRequired() ? List.of(slot.staffIds().get(0)) : List.of();
                assertThat(chosen).as("check of %s", slot).isEqualTo(bookable(input, room, first));
                if (!input.engineerRequired()) {
                    continue;
                }
                for (Resource member : input.staff()) {
                    Verdict named = SlotEngine.check(input, room.id(), start, end, List.of(member.id()), false);
                    if (slot.staffIds().contains(member.id())) {
                        assertThat(named)
                                .as("check of %s with staff %s", slot, member.id())
                                .isEqualTo(bookable(input, room, List.of(member.id())));
                    } else {
                        assertThat(named)
                                .as("check of %s with busy staff %s", slot, member.id())
                                .isInstanceOf(Refused.class);
                    }
                }
            }
        }
    }

    private static Bookable bookable(SearchInput input, Resource room, List<UUID> staffIds) {
        SessionBuffers buffers = SessionBuffers.of(input, room);
        for (UUID id : staffIds) {
            buffers = buffers.with(find(input.staff(), id));
        }
        return new Bookable(staffIds, buffers.before(), buffers.after());
    }

    private static Resource find(List<Resource> targets, UUID id) {
        return targets.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** The studios of seeds {@code base} to {@code base + CASES - 1}, or the one seed asked for. */
    private static Stream<DynamicTest> cases(long base, Consumer<SearchInput> property) {
        Long seed = oneSeed();
        LongStream seeds = seed != null ? LongStream.of(seed) : LongStream.range(base, base + CASES);
        return seeds.mapToObj(s -> dynamicTest("seed " + s, () -> run(s, property)));
    }

    /** Runs {@code property} on the studio of {@code seed}; a failure reports the seed and the smallest failing studio. */
    static void run(long seed, Consumer<SearchInput> property) {
        SearchInput input;
        try {
            input = StudioGenerator.studio(seed);
        } catch (RuntimeException e) {
            throw new AssertionError("Seed " + seed + ": the generator failed", e);
        }
        try {
            property.accept(input);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(report(seed, input, property, e), e);
        }
    }

    /**
     * The seed (and how to rerun it alone), the generated studio, the failure, then the smallest
     * studio that still fails the same way and how it fails. Shrinking must not hide the seed: if
     * it breaks down, the report says so and keeps the rest.
     */
    static String report(long seed, SearchInput input, Consumer<SearchInput> property, Throwable failure) {
        StringBuilder report = new StringBuilder()
                .append("Seed ")
                .append(seed)
                .append(" (rerun alone with -D")
                .append(SEED)
                .append('=')
                .append(seed)
                .append("):\n")
                .append(StudioGenerator.describe(input))
                .append(failure.getMessage());
        try {
            SearchInput smallest = Shrinker.shrink(input, Shrinker.failingLike(property, failure));
            report.append("\nThe smallest studio that still fails the same way, shrunk from it:\n")
                    .append(StudioGenerator.describe(smallest))
                    .append("It fails with: ")
                    .append(Shrinker.failure(property, smallest)
                            .map(Throwable::getMessage)
                            .orElse("nothing when run again: the property is not deterministic"));
        } catch (RuntimeException | StackOverflowError e) {
            report.append("\n(Shrinking it failed: ").append(e).append(')');
        }
        return report.toString();
    }

    private static Long oneSeed() {
        String seed = System.getProperty(SEED, "").trim();
        return seed.isEmpty() ? null : Long.valueOf(seed);
    }

    /** How many studios of a property had no slots, some staff busy, a transition searched. */
    private static final class Coverage {

        private int studios;
        private int withoutSlots;
        private int withFewSlots;
        private int withSomeStaffBusy;
        private int acrossATransition;
        private int withOvernightHours;

        void count(SearchInput input, List<Slot> expected) {
            studios++;
            withoutSlots += expected.isEmpty() ? 1 : 0;
            withFewSlots += !expected.isEmpty() && expected.size() < 20 ? 1 : 0;
            boolean someStaffBusy = expected.stream()
                    .anyMatch(slot -> !slot.staffIds().isEmpty()
                            && slot.staffIds().size() < input.staff().size());
            withSomeStaffBusy += someStaffBusy ? 1 : 0;
            acrossATransition += transitionSearched(input) ? 1 : 0;
            withOvernightHours += overnight(input) ? 1 : 0;
        }

        /** Whether any hours of the studio, a room or a staff member cross midnight (22:00-02:00). */
        private static boolean overnight(SearchInput input) {
            return Stream.of(
                            input.studioHours().stream(),
                            input.rooms().stream().flatMap(r -> r.hours().stream()),
                            input.staff().stream().flatMap(s -> s.hours().stream()))
                    .flatMap(hours -> hours)
                    .anyMatch(WeeklyHours::overnight);
        }

        void check() {
            String counts = String.format(
                    "of %d studios: %d without slots, %d with fewer than 20, %d with some staff busy,"
                            + " %d across a transition, %d with overnight hours",
                    studios, withoutSlots, withFewSlots, withSomeStaffBusy, acrossATransition, withOvernightHours);
            assumeTrue(studios == CASES, "Some studios failed: " + counts);
            assertThat(percent(withoutSlots)).as(counts).isLessThan(70);
            assertThat(percent(withSomeStaffBusy)).as(counts).isGreaterThan(3);
            assertThat(percent(acrossATransition)).as(counts).isGreaterThan(10);
            // hours that cross midnight, into the next day and across its transitions
            assertThat(percent(withOvernightHours)).as(counts).isGreaterThan(10);
        }

        private double percent(int count) {
            return 100.0 * count / studios;
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
    }
}
