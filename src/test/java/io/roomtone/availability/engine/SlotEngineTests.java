package io.roomtone.availability.engine;

import static io.roomtone.availability.engine.Scenario.LONDON;
import static io.roomtone.availability.engine.Scenario.LORD_HOWE;
import static io.roomtone.availability.engine.Scenario.hours;
import static io.roomtone.availability.engine.Scenario.id;
import static io.roomtone.availability.engine.Scenario.room;
import static io.roomtone.availability.engine.Scenario.withBlocked;
import static io.roomtone.availability.engine.Scenario.withBuffers;
import static io.roomtone.availability.engine.Scenario.withClosures;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.roomtone.availability.Slot;
import io.roomtone.availability.Verdict;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of {@link SlotEngine#search}, one small scenario each: a studio in Toronto open 10:00 to
 * 18:00 with room a1, 60-minute sessions on a 60-minute step, on Monday 2026-06-01 unless a case
 * changes it. Rooms are a1, a2; staff members 51, 52 (see {@link Scenario#render}).
 */
class SlotEngineTests {

    static final UUID A1 = id(0xA1);
    static final UUID A2 = id(0xA2);
    static final UUID S1 = id(0x51);
    static final UUID S2 = id(0x52);

    @ParameterizedTest(name = "{0}")
    @MethodSource("searches")
    void search(String name, Consumer<Scenario> setup, String expected) {
        Scenario scenario = Scenario.openTenToSix();
        setup.accept(scenario);

        assertThat(scenario.render(scenario.search())).isEqualTo(expected);
    }

    static Stream<Arguments> searches() {
        return Stream.of(
                slots("opening window; the room follows the studio's hours", s -> {}, EIGHT_TO_FIVE),
                slots("the session must end by closing", s -> s.duration = Duration.ofMinutes(90), SEVEN_TO_FOUR),
                slots(
                        "starts on the step grid from local midnight",
                        s -> {
                            s.studioHours.set(0, s.hours("10:10", "11:30"));
                            s.stepMinutes = 15;
                            s.duration = Duration.ofMinutes(30);
                        },
                        "10:15 10:30 10:45 11:00"),
                slots(
                        "a step that does not divide an hour still counts from midnight",
                        s -> {
                            s.studioHours.set(0, s.hours("10:00", "11:30"));
                            s.stepMinutes = 25;
                            s.duration = Duration.ofMinutes(15);
                        },
                        "10:00 10:25 10:50 11:15"),
                slots(
                        "touching rules are one piece",
                        s -> {
                            s.studioHours.set(0, s.hours("10:00", "12:00"));
                            s.studioHours.add(s.hours("12:00", "14:00"));
                            s.duration = Duration.ofMinutes(120);
                        },
                        "10:00 11:00 12:00"),
                slots(
                        "a session does not span a gap between rules",
                        s -> {
                            s.studioHours.set(0, s.hours("10:00", "12:00"));
                            s.studioHours.add(s.hours("12:30", "14:00"));
                            s.duration = Duration.ofMinutes(90);
                            s.stepMinutes = 30;
                        },
                        "10:00 10:30 12:30"),
                slots("a room's own hours", s -> s.rooms.set(0, room(A1, s.hours("12:00", "20:00"))), FROM_TWELVE),
                slots(
                        "a room's hours in another zone (London 15:00-19:00 is Toronto 10:00-14:00)",
                        s -> s.rooms.set(0, room(A1, hours(LONDON, "15:00", "19:00"))),
                        "10:00 11:00 12:00 13:00"),
                slots(
                        "staff hours on the next local date in Lord Howe (Tuesday 00:30 there is Monday 10:00 here)",
                        s -> {
                            s.engineerRequired = true;
                            s.staff.add(room(S1, hours(LORD_HOWE, "00:30", "04:30", TUESDAY)));
                        },
                        "10:00[51] 11:00[51] 12:00[51] 13:00[51]"),
                slots(
                        "studio, room and staff hours intersect",
                        s -> {
                            s.studioHours.set(0, s.hours("09:00", "18:00"));
                            s.rooms.set(0, room(A1, s.hours("10:00", "20:00")));
                            s.engineerRequired = true;
                            s.staff.add(room(S1, s.hours("08:00", "12:00")));
                        },
                        "10:00[51] 11:00[51]"),
                slots(
                        "a studio closure",
                        s -> s.studioClosures.add(s.span("12:00", "13:00")),
                        "10:00 11:00 13:00 14:00 15:00 16:00 17:00"),
                slots(
                        "a closure off the grid removes every session it touches",
                        s -> s.studioClosures.add(s.span("12:30", "12:45")),
                        "10:00 11:00 13:00 14:00 15:00 16:00 17:00"),
                slots(
                        "a room closure",
                        s -> s.rooms.set(0, withClosures(s.rooms.get(0), s.span("10:00", "14:00"))),
                        "14:00 15:00 16:00 17:00"),
                slots(
                        "a staff closure",
                        s -> {
                            s.studioHours.set(0, s.hours("10:00", "13:00"));
                            s.engineerRequired = true;
                            s.staff.add(withClosures(room(S1), s.span("10:00", "12:00")));
                            s.staff.add(room(S2));
                        },
                        "10:00[52] 11:00[52] 12:00[51,52]"),
                slots(
                        "a blocked range of the room",
                        s -> s.rooms.set(0, withBlocked(s.rooms.get(0), s.span("12:00", "13:00"))),
                        "10:00 11:00 13:00 14:00 15:00 16:00 17:00"),
                slots(
                        "others' buffers are inside their blocked ranges",
                        s -> s.rooms.set(0, withBlocked(s.rooms.get(0), s.span("12:00", "13:15"))),
                        "10:00 11:00 14:00 15:00 16:00 17:00"),
                slots(
                        "the service's buffer after",
                        s -> {
                            s.bufferAfter = Duration.ofMinutes(30);
                            s.rooms.set(0, withBlocked(s.rooms.get(0), s.span("13:00", "14:00")));
                        },
                        "10:00 11:00 14:00 15:00 16:00 17:00"),
                slots(
                        "the room's buffer before",
                        s -> s.rooms.set(0, withBuffers(withBlocked(s.rooms.get(0), s.span("12:00", "13:00")), 30, 0)),
                        "10:00 11:00 14:00 15:00 16:00 17:00"),
                slots(
                        "buffers may reach outside opening hours and over closures",
                        s -> {
                            s.bufferBefore = Duration.ofMinutes(60);
                            s.bufferAfter = Duration.ofMinutes(60);
                            s.studioClosures.add(s.span("08:00", "10:00"));
                            s.studioClosures.add(s.span("18:00", "19:00"));
                        },
                        EIGHT_TO_FIVE),
                slots(
                        "a staff member's buffer guards the room too",
                        s -> {
                            s.rooms.set(0, withBlocked(s.rooms.get(0), s.span("12:00", "13:00")));
                            s.engineerRequired = true;
                            s.staff.add(withBuffers(room(S1), 0, 60));
                            s.staff.add(room(S2));
                        },
                        "10:00[51,52] 11:00[52] 13:00[51,52] 14:00[51,52] 15:00[51,52] 16:00[51,52]" + " 17:00[51,52]"),
                slots(
                        "a staff member's blocked range and buffer",
                        s -> {
                            s.studioHours.set(0, s.hours("10:00", "14:00"));
                            s.engineerRequired = true;
                            s.staff.add(withBuffers(withBlocked(room(S1), s.span("12:00", "12:30")), 45, 0));
                            s.staff.add(room(S2));
                        },
                        "10:00[51,52] 11:00[51,52] 12:00[52] 13:00[52]"),
                slots(
                        "lead time and horizon, both inclusive",
                        s -> {
                            s.earliestStart = s.at("11:00").plusSeconds(1);
                            s.latestStart = s.at("15:00");
                        },
                        "12:00 13:00 14:00 15:00"),
                slots(
                        "several days, hours on some weekdays",
                        s -> {
                            s.firstDate = LocalDate.of(2026, 6, 5);
                            s.days = 4;
                            s.studioHours.set(0, s.hours("10:00", "12:00", MONDAY, FRIDAY));
                        },
                        "06-05T10:00 06-05T11:00 06-08T10:00 06-08T11:00"),
                slots(
                        "effective from and to, inclusive",
                        s -> {
                            s.days = 5;
                            WeeklyHours hours = s.hours("10:00", "11:00");
                            s.studioHours.set(
                                    0,
                                    new WeeklyHours(
                                            hours.days(),
                                            hours.start(),
                                            hours.end(),
                                            hours.zone(),
                                            LocalDate.of(2026, 6, 2),
                                            LocalDate.of(2026, 6, 3)));
                        },
                        "06-02T10:00 06-03T10:00"),
                slots(
                        "rooms in the given order at each start",
                        s -> {
                            s.studioHours.set(0, s.hours("10:00", "12:00"));
                            s.rooms.add(0, room(A2));
                        },
                        "10:00@a2 10:00@a1 11:00@a2 11:00@a1"),
                slots("no qualifying staff, no slots", s -> s.engineerRequired = true, ""),
                slots(
                        "staff are ignored when no engineer is required",
                        s -> s.staff.add(withBlocked(room(S1), s.span("00:00", "23:00"))),
                        EIGHT_TO_FIVE),
                slots(
                        "a studio without hours is closed, whatever its rooms' hours",
                        s -> {
                            s.studioHours.clear();
                            s.rooms.set(0, room(A1, s.hours("10:00", "18:00")));
                        },
                        ""),
                slots(
                        "a repeated room is listed once",
                        s -> {
                            s.studioHours.set(0, s.hours("10:00", "11:00"));
                            s.rooms.add(room(A2));
                            s.rooms.add(room(A1));
                        },
                        "10:00@a1 10:00@a2"));
    }

    private static final String EIGHT_TO_FIVE = "10:00 11:00 12:00 13:00 14:00 15:00 16:00 17:00";
    private static final String SEVEN_TO_FOUR = "10:00 11:00 12:00 13:00 14:00 15:00 16:00";
    private static final String FROM_TWELVE = "12:00 13:00 14:00 15:00 16:00 17:00";

    private static Arguments slots(String name, Consumer<Scenario> setup, String expected) {
        return arguments(name, setup, expected);
    }

    @Test
    void aSlotCarriesItsEndRoomAndPrice() {
        Scenario scenario = Scenario.openTenToSix();
        scenario.duration = Duration.ofMinutes(45);
        scenario.priceCents = 12_345;

        Slot first = scenario.search().get(0);

        assertThat(first).isEqualTo(new Slot(scenario.at("10:00"), scenario.at("10:45"), A1, List.of(), 12_345));
    }

    @Test
    void staffAreListedByTheTextOfTheirIds() {
        // UUID.compareTo compares signed halves, so it would put 8... before 1...; the text does not.
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        UUID low = UUID.fromString("10000000-0000-0000-0000-000000000000");
        Scenario scenario = Scenario.openTenToSix();
        scenario.engineerRequired = true;
        scenario.staff.add(room(high));
        scenario.staff.add(room(low));

        assertThat(scenario.search())
                .allSatisfy(slot -> assertThat(slot.staffIds()).containsExactly(low, high));
        Verdict chosen = scenario.check(A1, "10:00", "11:00", List.of());
        assertThat(chosen).isEqualTo(new Verdict.Bookable(List.of(low), Duration.ZERO, Duration.ZERO));
    }

    @Test
    void searchesFollowTheStepOnEveryDate() {
        Scenario scenario = Scenario.openTenToSix();
        scenario.days = 31;
        scenario.stepMinutes = 5;
        scenario.duration = Duration.ofMinutes(5);

        List<Slot> slots = scenario.search();

        assertThat(slots).hasSize(31 * 8 * 12);
        assertThat(slots)
                .extracting(slot -> slot.startAt().atZone(scenario.zone).toLocalTime())
                .allMatch(time -> time.getMinute() % 5 == 0 && !time.isBefore(LocalTime.of(10, 0)));
        assertThat(slots).isSortedAccordingTo((a, b) -> a.startAt().compareTo(b.startAt()));
    }
}
