package io.roomtone.availability.engine;

import static io.roomtone.availability.engine.Scenario.id;
import static io.roomtone.availability.engine.Scenario.label;
import static io.roomtone.availability.engine.Scenario.room;
import static io.roomtone.availability.engine.Scenario.withBlocked;
import static io.roomtone.availability.engine.Scenario.withBuffers;
import static io.roomtone.availability.engine.Scenario.withClosures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.roomtone.availability.Verdict;
import io.roomtone.availability.Verdict.Bookable;
import io.roomtone.availability.Verdict.Refused;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verdicts of {@link SlotEngine#check}. The studio (Toronto, Monday 2026-06-01) is open 10:00 to
 * 18:00 with room a1, a 15-minute step, bookings from 10:30 to 16:00, and needs one of the engineers
 * 51 and 52 unless a case says otherwise.
 */
class SlotEngineCheckTests {

    static final UUID A1 = id(0xA1);
    static final UUID S1 = id(0x51);
    static final UUID S2 = id(0x52);

    /** A call of {@code check}: times are studio-local on the first date. */
    record Call(UUID room, String start, String end, List<UUID> staff, boolean override) {

        Call overridingHours() {
            return new Call(room, start, end, staff, true);
        }
    }

    static Call call(String start, String end, UUID... staff) {
        return new Call(A1, start, end, List.of(staff), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void check(String name, Consumer<Scenario> setup, Call call, String expected, String reason) {
        Scenario scenario = Scenario.openTenToSix();
        scenario.stepMinutes = 15;
        scenario.earliestStart = scenario.at("10:30");
        scenario.latestStart = scenario.at("16:00");
        scenario.engineerRequired = true;
        scenario.staff.add(room(S1));
        scenario.staff.add(room(S2));
        setup.accept(scenario);

        Verdict verdict = SlotEngine.check(
                scenario.input(),
                call.room(),
                scenario.at(call.start()),
                scenario.at(call.end()),
                call.staff(),
                call.override());

        assertThat(render(verdict)).isEqualTo(expected);
        if (verdict instanceof Refused refused) {
            assertThat(refused.reason()).contains(reason);
        }
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                verdict("bookable, first engineer chosen", s -> {}, call("11:00", "12:00"), "bookable [51] 0/0"),
                verdict(
                        "a room that cannot host the service",
                        s -> {},
                        new Call(id(0xFF), "11:00", "12:00", List.of(), false),
                        "validation_failed room_id",
                        "cannot host"),
                verdict(
                        "end before start",
                        s -> {},
                        call("12:00", "11:00"),
                        "validation_failed end_at",
                        "after start_at"),
                verdict("end at start", s -> {}, call("12:00", "12:00"), "validation_failed end_at", "after"),
                verdict(
                        "off the step grid",
                        s -> {},
                        call("11:10", "12:10"),
                        "validation_failed start_at",
                        "15-minute grid"),
                verdict(
                        "within the lead time",
                        s -> {},
                        call("10:15", "11:15"),
                        "validation_failed start_at",
                        "lead time"),
                verdict(
                        "beyond the booking horizon (the horizon itself is fine)",
                        s -> {},
                        call("16:15", "17:15"),
                        "validation_failed start_at",
                        "booking horizon"),
                verdict("at the horizon", s -> {}, call("16:00", "17:00"), "bookable [51] 0/0"),
                verdict(
                        "past closing",
                        s -> {},
                        call("15:30", "18:30"),
                        "validation_failed start_at",
                        "outside opening hours"),
                verdict(
                        "outside the room's own hours",
                        s -> s.rooms.set(0, room(A1, s.hours("13:00", "18:00"))),
                        call("11:00", "12:00"),
                        "validation_failed start_at",
                        "outside opening hours"),
                verdict(
                        "during a studio closure",
                        s -> s.studioClosures.add(s.span("12:00", "13:00")),
                        call("11:30", "12:30"),
                        "validation_failed start_at",
                        "during a closure"),
                verdict(
                        "during a room closure",
                        s -> s.rooms.set(0, withClosures(room(A1), s.span("11:45", "11:50"))),
                        call("11:00", "12:00"),
                        "validation_failed start_at",
                        "during a closure"),
                verdict(
                        "a staff member without the skill or inactive",
                        s -> {},
                        call("11:00", "12:00", id(0x59)),
                        "validation_failed staff_ids",
                        "lacks the required skill or is inactive"),
                verdict(
                        "a named staff member off work",
                        s -> s.staff.set(1, room(S2, s.hours("10:00", "11:00"))),
                        call("11:00", "12:00", S2),
                        "validation_failed staff_ids",
                        "not working"),
                verdict(
                        "a named staff member away",
                        s -> s.staff.set(1, withClosures(room(S2), s.span("11:00", "11:15"))),
                        call("11:00", "12:00", S2),
                        "validation_failed staff_ids",
                        "away"),
                verdict(
                        "a named staff member taken",
                        s -> s.staff.set(0, withBlocked(room(S1), s.span("11:30", "13:00"))),
                        call("11:00", "12:00", S1),
                        "slot_unavailable staff_ids",
                        "taken"),
                verdict("a named free staff member", s -> {}, call("11:00", "12:00", S2), "bookable [52] 0/0"),
                verdict(
                        "a staff member named twice counts once",
                        s -> {},
                        call("11:00", "12:00", S2, S2),
                        "bookable [52] 0/0"),
                verdict(
                        "the time is judged before the staff named",
                        s -> {},
                        call("11:10", "12:10", id(0x59)),
                        "validation_failed start_at",
                        "grid"),
                verdict(
                        "the room taken",
                        s -> s.rooms.set(0, withBlocked(room(A1), s.span("11:30", "13:00"))),
                        call("11:00", "12:00"),
                        "slot_unavailable start_at",
                        "room is taken"),
                verdict(
                        "the room taken within the named staff member's buffer",
                        s -> {
                            s.rooms.set(0, withBlocked(room(A1), s.span("12:00", "13:00")));
                            s.staff.set(0, withBuffers(room(S1), 0, 30));
                        },
                        call("11:00", "12:00", S1),
                        "slot_unavailable start_at",
                        "room is taken"),
                verdict(
                        "auto-assign skips a taken engineer",
                        s -> s.staff.set(0, withBlocked(room(S1), s.span("11:30", "13:00"))),
                        call("11:00", "12:00"),
                        "bookable [52] 0/0"),
                verdict(
                        "auto-assign skips an engineer off work",
                        s -> s.staff.set(0, room(S1, s.hours("13:00", "18:00"))),
                        call("11:00", "12:00"),
                        "bookable [52] 0/0"),
                verdict(
                        "auto-assign skips an engineer whose buffer reaches the room's next session",
                        s -> {
                            s.rooms.set(0, withBlocked(room(A1), s.span("12:00", "13:00")));
                            s.staff.set(0, withBuffers(room(S1), 0, 30));
                        },
                        call("11:00", "12:00"),
                        "bookable [52] 0/0"),
                verdict(
                        "no engineer free",
                        s -> {
                            s.staff.set(0, withBlocked(room(S1), s.span("11:30", "13:00")));
                            s.staff.set(1, withClosures(room(S2), s.span("11:30", "13:00")));
                        },
                        call("11:00", "12:00"),
                        "slot_unavailable staff_ids",
                        "no engineer is free"),
                verdict(
                        "no qualifying engineer at all",
                        s -> s.staff.clear(),
                        call("11:00", "12:00"),
                        "slot_unavailable staff_ids",
                        "no engineer is free"),
                verdict(
                        "buffers: the largest of service, room and staff, before and after apart",
                        s -> {
                            s.bufferBefore = Duration.ofMinutes(10);
                            s.bufferAfter = Duration.ofMinutes(20);
                            s.rooms.set(0, withBuffers(room(A1), 15, 5));
                            s.staff.set(0, withBuffers(room(S1), 0, 30));
                            s.staff.set(1, withBuffers(room(S2), 25, 0));
                        },
                        call("11:00", "12:00"),
                        "bookable [51] 15/30"),
                verdict(
                        "several named staff: all taken, with all their buffers",
                        s -> {
                            s.staff.set(0, withBuffers(room(S1), 0, 30));
                            s.staff.set(1, withBuffers(room(S2), 25, 0));
                        },
                        call("11:00", "12:00", S2, S1),
                        "bookable [52,51] 25/30"),
                verdict(
                        "override: outside hours, off the grid, before the lead time",
                        s -> s.staff.set(0, room(S1, s.hours("10:00", "11:00"))),
                        call("07:05", "08:05").overridingHours(),
                        "bookable [51] 0/0"),
                verdict(
                        "override: a closure and a named staff member off work",
                        s -> {
                            s.studioClosures.add(s.span("11:00", "12:00"));
                            s.staff.set(1, room(S2, s.hours("15:00", "16:00")));
                        },
                        call("11:00", "12:00", S2).overridingHours(),
                        "bookable [52] 0/0"),
                verdict(
                        "override: the room taken all the same",
                        s -> s.rooms.set(0, withBlocked(room(A1), s.span("19:00", "20:00"))),
                        call("19:30", "20:30").overridingHours(),
                        "slot_unavailable start_at",
                        "room is taken"),
                verdict(
                        "override: a named staff member taken all the same",
                        s -> s.staff.set(0, withBlocked(room(S1), s.span("19:00", "20:00"))),
                        call("19:30", "20:30", S1).overridingHours(),
                        "slot_unavailable staff_ids",
                        "taken"),
                verdict(
                        "no engineer required: nobody taken",
                        s -> {
                            s.engineerRequired = false;
                            s.rooms.set(0, withBuffers(room(A1), 5, 10));
                        },
                        call("11:00", "12:00"),
                        "bookable [] 5/10"),
                verdict(
                        "no engineer required: a named staff member is still taken, with their buffers",
                        s -> {
                            s.engineerRequired = false;
                            s.staff.set(1, withBuffers(room(S2), 0, 45));
                        },
                        call("11:00", "12:00", S2),
                        "bookable [52] 0/45"),
                verdict(
                        "no engineer required: a named staff member must be active",
                        s -> s.engineerRequired = false,
                        call("11:00", "12:00", id(0x59)),
                        "validation_failed staff_ids",
                        "inactive"),
                verdict(
                        "no engineer required: a named staff member must be free",
                        s -> {
                            s.engineerRequired = false;
                            s.staff.set(1, withBlocked(room(S2), s.span("08:00", "11:01")));
                        },
                        call("11:00", "12:00", S2),
                        "slot_unavailable staff_ids",
                        "taken"));
    }

    private static Arguments verdict(String name, Consumer<Scenario> setup, Call call, String expected) {
        return arguments(name, setup, call, expected, "");
    }

    private static Arguments verdict(String name, Consumer<Scenario> setup, Call call, String expected, String reason) {
        return arguments(name, setup, call, expected, reason);
    }

    /** "validation_failed room_id", or "bookable [51] 15/30" (staff, buffers in minutes). */
    private static String render(Verdict verdict) {
        if (verdict instanceof Refused refused) {
            return refused.code() + " " + refused.field();
        }
        Bookable bookable = (Bookable) verdict;
        return "bookable "
                + bookable.staffIds().stream()
                        .map(id -> label(id))
                        .toList()
                        .toString()
                        .replace(" ", "")
                + " " + bookable.bufferBefore().toMinutes() + "/"
                + bookable.bufferAfter().toMinutes();
    }
}
