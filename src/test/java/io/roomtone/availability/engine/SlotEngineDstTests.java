package io.roomtone.availability.engine;

import static io.roomtone.availability.engine.Scenario.LONDON;
import static io.roomtone.availability.engine.Scenario.LORD_HOWE;
import static io.roomtone.availability.engine.Scenario.TORONTO;
import static io.roomtone.availability.engine.Scenario.id;
import static io.roomtone.availability.engine.Scenario.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.roomtone.availability.Slot;
import io.roomtone.availability.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Daylight-saving days: windows follow the wall clock (23- and 25-hour days), candidate starts that
 * do not exist are skipped and those that exist twice are both offered. Expected instants are written
 * out in UTC rather than computed, so that they check the engine against the calendar, not against
 * itself.
 */
class SlotEngineDstTests {

    /**
     * Hours 00:00-06:00 on the transition day, sessions of 60 minutes (or as given) on a step of 60
     * (or as given): the UTC starts of every slot.
     */
    @ParameterizedTest(name = "{0} {1} step {2}")
    @MethodSource("transitions")
    void nightHoursOnATransitionDay(ZoneId zone, LocalDate date, int step, String expectedUtcStarts) {
        Scenario scenario = Scenario.openTenToSix();
        scenario.zone = zone;
        scenario.firstDate = date;
        scenario.stepMinutes = step;
        scenario.studioHours.set(0, scenario.hours("00:00", "06:00"));

        List<Slot> slots = scenario.search();

        assertThat(slots).extracting(Slot::startAt).containsExactlyElementsOf(utc(expectedUtcStarts));
        assertThat(slots).allSatisfy(slot -> assertThat(SlotEngine.check(
                        scenario.input(), slot.roomId(), slot.startAt(), slot.endAt(), List.of(), false))
                .isInstanceOf(Verdict.Bookable.class));
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                // Spring forward 02:00 EST -> 03:00 EDT: open 05:00Z-10:00Z, 5 hours; 02:00 does not exist.
                arguments(TORONTO, LocalDate.of(2026, 3, 8), 60, "03-08T05:00 06:00 07:00 08:00 09:00"),
                // Fall back 02:00 EDT -> 01:00 EST: open 04:00Z-11:00Z, 7 hours; 01:00 exists twice.
                arguments(TORONTO, LocalDate.of(2026, 11, 1), 60, "11-01T04:00 05:00 06:00 07:00 08:00 09:00 10:00"),
                // Spring forward 01:00 GMT -> 02:00 BST: open 00:00Z-05:00Z; 01:00 does not exist.
                arguments(LONDON, LocalDate.of(2026, 3, 29), 60, "03-29T00:00 01:00 02:00 03:00 04:00"),
                // Fall back 02:00 BST -> 01:00 GMT: open 23:00Z (the day before)-06:00Z, 7 hours.
                arguments(
                        LONDON,
                        LocalDate.of(2026, 10, 25),
                        60,
                        "10-24T23:00 10-25T00:00 01:00 02:00 03:00 04:00 05:00"),
                // Back 02:00 +11 -> 01:30 +10:30: open 13:00Z-19:30Z, 6.5 hours; no hour is ambiguous.
                arguments(LORD_HOWE, LocalDate.of(2026, 4, 5), 60, "04-04T13:00 14:00 15:30 16:30 17:30 18:30"),
                // The same on a 30-minute step: 01:30 exists twice, 30 minutes apart.
                arguments(
                        LORD_HOWE,
                        LocalDate.of(2026, 4, 5),
                        30,
                        "04-04T13:00 13:30 14:00 14:30 15:00 15:30 16:00 16:30 17:00 17:30 18:00 18:30"),
                // Forward 02:00 +10:30 -> 02:30 +11: open 13:30Z-19:00Z, 5.5 hours; 02:00 does not exist.
                arguments(
                        LORD_HOWE,
                        LocalDate.of(2026, 10, 4),
                        30,
                        "10-03T13:30 14:00 14:30 15:00 15:30 16:00 16:30 17:00 17:30 18:00"));
    }

    /** Opening at 10:00 means 10:00 on the wall clock the day before, of and after a transition. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transitionDays")
    void tenOClockIsTenOClockOnBothSides(ZoneId zone, LocalDate transition) {
        Scenario scenario = Scenario.openTenToSix();
        scenario.zone = zone;
        scenario.firstDate = transition.minusDays(1);
        scenario.days = 3;
        scenario.studioHours.set(0, scenario.hours("10:00", "11:00"));

        List<Slot> slots = scenario.search();

        assertThat(slots).hasSize(3);
        assertThat(slots)
                .extracting(slot -> slot.startAt().atZone(zone).toLocalDateTime())
                .containsExactly(
                        transition.minusDays(1).atTime(10, 0),
                        transition.atTime(10, 0),
                        transition.plusDays(1).atTime(10, 0));
        Duration offsetChange =
                Duration.between(slots.get(0).startAt(), slots.get(2).startAt()).minusDays(2);
        assertThat(offsetChange.abs()).isIn(Duration.ofMinutes(30), Duration.ofMinutes(60));
    }

    static Stream<Arguments> transitionDays() {
        return Stream.of(
                arguments(TORONTO, LocalDate.of(2026, 3, 8)),
                arguments(TORONTO, LocalDate.of(2026, 11, 1)),
                arguments(LONDON, LocalDate.of(2026, 3, 29)),
                arguments(LONDON, LocalDate.of(2026, 10, 25)),
                arguments(LORD_HOWE, LocalDate.of(2026, 4, 5)),
                arguments(LORD_HOWE, LocalDate.of(2026, 10, 4)));
    }

    @Test
    void aWholeDayOfHoursCounts23And25Hours() {
        Scenario spring = Scenario.openTenToSix();
        spring.firstDate = LocalDate.of(2026, 3, 8);
        spring.studioHours.set(0, spring.hours("00:00", "23:59"));
        Scenario fall = Scenario.openTenToSix();
        fall.firstDate = LocalDate.of(2026, 11, 1);
        fall.studioHours.set(0, fall.hours("00:00", "23:59"));

        // 24 local hours on the step, minus 02:00 (missing) or plus the second 01:00; 23:00 does not fit.
        assertThat(spring.search()).hasSize(22);
        assertThat(fall.search()).hasSize(24);
    }

    @Test
    void anOpeningInsideTheSpringForwardGapMovesForwardByTheGap() {
        // 02:30 does not exist on 2026-03-08 in Toronto; ZonedDateTime reads it as 03:30 EDT.
        Scenario scenario = Scenario.openTenToSix();
        scenario.firstDate = LocalDate.of(2026, 3, 8);
        scenario.stepMinutes = 30;
        scenario.studioHours.set(0, scenario.hours("02:30", "05:00"));

        assertThat(scenario.startTimes(scenario.search())).containsExactly("03:30", "04:00");
    }

    @Test
    void anAmbiguousClosingTimeMeansItsFirstOccurrence() {
        // 01:30 happens twice on 2026-11-01 in Toronto; the window ends at the first (05:30Z).
        Scenario scenario = Scenario.openTenToSix();
        scenario.firstDate = LocalDate.of(2026, 11, 1);
        scenario.stepMinutes = 30;
        scenario.duration = Duration.ofMinutes(30);
        scenario.studioHours.set(0, scenario.hours("00:00", "01:30"));

        assertThat(scenario.search())
                .extracting(Slot::startAt)
                .containsExactlyElementsOf(utc("11-01T04:00 04:30 05:00"));
    }

    @Test
    void hoursInAnotherZoneFollowThatZonesTransition() {
        // The studio is in Toronto, the room's hours in London: on 2026-03-29 London moves forward while
        // Toronto does not, so London 14:00-16:00 is 10:00-12:00 in Toronto on Saturday, 09:00-11:00 on Sunday.
        Scenario scenario = Scenario.openTenToSix();
        scenario.firstDate = LocalDate.of(2026, 3, 28);
        scenario.days = 2;
        scenario.studioHours.set(0, scenario.hours("08:00", "18:00"));
        scenario.rooms.set(0, room(id(0xA1), Scenario.hours(LONDON, "14:00", "16:00")));

        assertThat(scenario.search())
                .extracting(slot -> slot.startAt().atZone(TORONTO).toLocalDateTime())
                .containsExactly(
                        LocalDate.of(2026, 3, 28).atTime(10, 0),
                        LocalDate.of(2026, 3, 28).atTime(11, 0),
                        LocalDate.of(2026, 3, 29).atTime(9, 0),
                        LocalDate.of(2026, 3, 29).atTime(10, 0));
    }

    @Test
    void checkAcceptsTheSecondOccurrenceOfAnAmbiguousTime() {
        Scenario scenario = Scenario.openTenToSix();
        scenario.firstDate = LocalDate.of(2026, 11, 1);
        scenario.studioHours.set(0, scenario.hours("00:00", "06:00"));
        Instant secondOneOClock = Instant.parse("2026-11-01T06:00:00Z");
        assertThat(secondOneOClock.atZone(TORONTO).toLocalTime()).isEqualTo(LocalTime.of(1, 0));

        Verdict verdict = SlotEngine.check(
                scenario.input(),
                id(0xA1),
                secondOneOClock,
                secondOneOClock.plus(Duration.ofHours(1)),
                List.of(),
                false);

        assertThat(verdict).isInstanceOf(Verdict.Bookable.class);
    }

    /**
     * "03-08T05:00 06:00 10-25T00:00" as instants in UTC in 2026: a time without a date takes the date
     * of the previous word.
     */
    private static List<Instant> utc(String words) {
        String[] date = {""};
        return Arrays.stream(words.split(" "))
                .map(word -> {
                    if (word.contains("T")) {
                        date[0] = word.substring(0, word.indexOf('T'));
                        return word;
                    }
                    return date[0] + "T" + word;
                })
                .map(text -> Instant.parse("2026-" + text + ":00Z"))
                .toList();
    }
}
