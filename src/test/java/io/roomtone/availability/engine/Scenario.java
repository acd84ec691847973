package io.roomtone.availability.engine;

import io.roomtone.availability.Slot;
import io.roomtone.availability.Verdict;
import io.roomtone.shared.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A mutable builder of {@link SearchInput}s for the engine's tests, with readable defaults. */
final class Scenario {

    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    /** A Monday in summer time, away from any transition. */
    static final LocalDate MONDAY = LocalDate.of(2026, 6, 1);

    static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    ZoneId zone = TORONTO;
    LocalDate firstDate = MONDAY;
    int days = 1;
    List<WeeklyHours> studioHours = new ArrayList<>();
    List<TimeRange> studioClosures = new ArrayList<>();
    List<Resource> rooms = new ArrayList<>();
    boolean engineerRequired;
    List<Resource> staff = new ArrayList<>();
    Duration duration = Duration.ofMinutes(60);
    Duration bufferBefore = Duration.ZERO;
    Duration bufferAfter = Duration.ZERO;
    int stepMinutes = 60;
    Instant earliestStart = Instant.parse("2000-01-01T00:00:00Z");
    Instant latestStart = Instant.parse("2100-01-01T00:00:00Z");
    long priceCents = 4500;

    /** A studio open 10:00-18:00 every day with one room following its hours. */
    static Scenario openTenToSix() {
        Scenario scenario = new Scenario();
        scenario.studioHours.add(scenario.hours("10:00", "18:00"));
        scenario.rooms.add(room(id(0xA1)));
        return scenario;
    }

    SearchInput input() {
        return new SearchInput(
                firstDate,
                days,
                zone,
                List.copyOf(studioHours),
                List.copyOf(studioClosures),
                List.copyOf(rooms),
                engineerRequired,
                List.copyOf(staff),
                duration,
                bufferBefore,
                bufferAfter,
                stepMinutes,
                earliestStart,
                latestStart,
                priceCents);
    }

    List<Slot> search() {
        return SlotEngine.search(input());
    }

    Verdict check(UUID room, String start, String end, List<UUID> staffIds) {
        return SlotEngine.check(input(), room, at(start), at(end), staffIds, false);
    }

    /** Hours in the studio's zone, every day unless days are given. */
    WeeklyHours hours(String start, String end, DayOfWeek... on) {
        return hours(zone, start, end, on);
    }

    static WeeklyHours hours(ZoneId zone, String start, String end, DayOfWeek... on) {
        Set<DayOfWeek> days = on.length == 0 ? EVERY_DAY : EnumSet.of(on[0], on);
        return new WeeklyHours(days, LocalTime.parse(start), LocalTime.parse(end), zone, null, null);
    }

    /** A studio-local date and time, e.g. {@code 2026-06-01T10:00}, or a time on the first date. */
    Instant at(String local) {
        LocalDateTime time =
                local.contains("T") ? LocalDateTime.parse(local) : firstDate.atTime(LocalTime.parse(local));
        return time.atZone(zone).toInstant();
    }

    TimeRange span(String from, String to) {
        return new TimeRange(at(from), at(to));
    }

    static UUID id(int n) {
        return new UUID(0, n);
    }

    static Resource room(UUID id, WeeklyHours... hours) {
        return new Resource(id, List.of(hours), List.of(), List.of(), Duration.ZERO, Duration.ZERO);
    }

    static Resource withClosures(Resource target, TimeRange... closures) {
        return new Resource(
                target.id(),
                target.hours(),
                List.of(closures),
                target.blocked(),
                target.bufferBefore(),
                target.bufferAfter());
    }

    static Resource withBlocked(Resource target, TimeRange... blocked) {
        return new Resource(
                target.id(),
                target.hours(),
                target.closures(),
                List.of(blocked),
                target.bufferBefore(),
                target.bufferAfter());
    }

    static Resource withBuffers(Resource target, int beforeMinutes, int afterMinutes) {
        return new Resource(
                target.id(),
                target.hours(),
                target.closures(),
                target.blocked(),
                Duration.ofMinutes(beforeMinutes),
                Duration.ofMinutes(afterMinutes));
    }

    /**
     * {@code slots} as text, one word per slot: the studio-local start time ("10:00"), preceded by the
     * date ("06-02T10:00") when several days are searched, followed by the room ("@a1") when there
     * are several rooms and by the staff ("[51,52]") when an engineer is required.
     */
    String render(List<Slot> slots) {
        StringBuilder text = new StringBuilder();
        for (Slot slot : slots) {
            LocalDateTime local = LocalDateTime.ofInstant(slot.startAt(), zone);
            text.append(text.length() == 0 ? "" : " ");
            text.append(
                    days > 1
                            ? local.toString().substring(5)
                            : local.toLocalTime().toString());
            if (rooms.size() > 1) {
                text.append('@').append(label(slot.roomId()));
            }
            if (engineerRequired) {
                text.append(slot.staffIds().stream()
                        .map(Scenario::label)
                        .toList()
                        .toString()
                        .replace(" ", ""));
            }
        }
        return text.toString();
    }

    /** The short name of an id made by {@link #id}: its number in hexadecimal. */
    static String label(UUID id) {
        return Long.toHexString(id.getLeastSignificantBits());
    }

    /** The studio-local start times of {@code slots} ("10:00"), in order, one per slot. */
    List<String> startTimes(List<Slot> slots) {
        return slots.stream()
                .map(slot -> slot.startAt().atZone(zone).toLocalTime().toString())
                .toList();
    }
}
