package io.roomtone.availability.engine;

import static io.roomtone.availability.engine.Scenario.TORONTO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.roomtone.availability.Slot;
import io.roomtone.availability.Verdict;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hours that cross midnight (22:00-02:00) belong to the day they start: they open on the days the
 * rule names and close on the next date, through the week's wrap and daylight-saving changes.
 * Expected instants are written out in UTC rather than computed.
 */
class SlotEngineOvernightTests {

    /** A Sunday in summer time (UTC-4 in Toronto). */
    static final LocalDate SUNDAY = LocalDate.of(2026, 6, 7);

    @Test
    void sundayNightHoursRunIntoMondayAndOpenNothingElse() {
        Scenario scenario = night("22:00", "02:00", DayOfWeek.SUNDAY);
        scenario.firstDate = SUNDAY;
        scenario.days = 2;

        assertThat(scenario.search())
                .extracting(Slot::startAt)
                // Sunday 22:00, 23:00, Monday 00:00, 01:00; nothing on Monday night
                .containsExactlyElementsOf(utc("06-08T02:00 03:00 04:00 05:00"));
    }

    @Test
    void aSearchOfMondayFindsTheHoursThatStartedOnSunday() {
        Scenario scenario = night("22:00", "02:00", DayOfWeek.SUNDAY);
        scenario.firstDate = SUNDAY.plusDays(1);

        assertThat(scenario.search()).extracting(Slot::startAt).containsExactlyElementsOf(utc("06-08T04:00 05:00"));
    }

    @Test
    void aSessionAcrossMidnightIsBookableInsideOvernightHoursOnly() {
        Scenario scenario = night("22:00", "02:00", DayOfWeek.SUNDAY);
        scenario.firstDate = SUNDAY;
        scenario.duration = java.time.Duration.ofHours(3);

        assertThat(scenario.check(Scenario.id(0xA1), "2026-06-07T23:00", "2026-06-08T02:00", List.of()))
                .isInstanceOf(Verdict.Bookable.class);
        assertThat(scenario.check(Scenario.id(0xA1), "2026-06-07T23:30", "2026-06-08T02:30", List.of()))
                .isNotInstanceOf(Verdict.Bookable.class);
        // Monday night is not open: the rule names Sunday only
        assertThat(scenario.check(Scenario.id(0xA1), "2026-06-08T23:00", "2026-06-09T02:00", List.of()))
                .isNotInstanceOf(Verdict.Bookable.class);
    }

    @Test
    void anEndAtMidnightIsTheNextDaysMidnight() {
        Scenario scenario = night("22:00", "00:00", DayOfWeek.MONDAY);
        scenario.firstDate = SUNDAY.plusDays(1);

        assertThat(scenario.search()).extracting(Slot::startAt).containsExactlyElementsOf(utc("06-09T02:00 03:00"));
    }

    /** Saturday night hours over the transition of the following Sunday 02:00. */
    @ParameterizedTest(name = "{0} {1}-{2}")
    @MethodSource("transitions")
    void overnightHoursFollowTheWallClockAcrossDaylightSaving(
            LocalDate saturday, String start, String end, String expectedUtcStarts) {
        Scenario scenario = night(start, end, DayOfWeek.SATURDAY);
        scenario.firstDate = saturday;
        scenario.days = 2;

        List<Slot> slots = scenario.search();

        assertThat(slots).extracting(Slot::startAt).containsExactlyElementsOf(utc(expectedUtcStarts));
        assertThat(slots).allSatisfy(slot -> assertThat(SlotEngine.check(
                        scenario.input(), slot.roomId(), slot.startAt(), slot.endAt(), List.of(), false))
                .isInstanceOf(Verdict.Bookable.class));
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                // Spring forward: Saturday 22:00 EST (03:00Z) to Sunday 04:00 EDT (08:00Z), 5 hours.
                arguments(LocalDate.of(2026, 3, 7), "22:00", "04:00", "03-08T03:00 04:00 05:00 06:00 07:00"),
                // Fall back: Saturday 22:00 EDT (02:00Z) to Sunday 02:00 EST (07:00Z), 5 hours; 01:00 twice.
                arguments(LocalDate.of(2026, 10, 31), "22:00", "02:00", "11-01T02:00 03:00 04:00 05:00 06:00"));
    }

    /** One room following studio hours {@code start}-{@code end} on {@code day}, in Toronto. */
    private static Scenario night(String start, String end, DayOfWeek day) {
        Scenario scenario = Scenario.openTenToSix();
        scenario.zone = TORONTO;
        scenario.studioHours.set(0, scenario.hours(start, end, day));
        return scenario;
    }

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
