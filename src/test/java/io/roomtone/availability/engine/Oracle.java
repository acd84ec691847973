package io.roomtone.availability.engine;

import io.roomtone.availability.Slot;
import io.roomtone.shared.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A deliberately naive reading of the availability rules, to hold the engine against: every window
 * and closure is painted minute by minute onto a grid of booleans, every aligned local time is tried,
 * and every session is tested minute by minute and against every blocked range in turn. Slow and
 * obviously right, provided all windows and closures fall on whole minutes (the generators ensure it;
 * the three zones' offsets are whole minutes too).
 */
final class Oracle {

    private final SearchInput input;
    private final Instant gridStart;
    private final int minutes;
    private final boolean[] studioOpen;
    private final boolean[] studioClosed;
    private final Map<UUID, boolean[]> open = new HashMap<>();
    private final Map<UUID, boolean[]> closed = new HashMap<>();

    Oracle(SearchInput input) {
        this.input = input;
        // Two days either side of the searched dates cover every zone's day and every session.
        this.gridStart =
                input.firstDate().minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
        this.minutes = (input.days() + 4) * 24 * 60;
        this.studioOpen = paintHours(input.studioHours());
        this.studioClosed = paintSpans(input.studioClosures());
        for (Resource target : concat(input.rooms(), input.staff())) {
            open.put(target.id(), target.hours().isEmpty() ? studioOpen : paintHours(target.hours()));
            closed.put(target.id(), paintSpans(target.closures()));
        }
    }

    /** Every aligned studio-local start of the searched dates, lead time and horizon aside. */
    List<Instant> alignedStarts() {
        ZoneId zone = input.studioZone();
        List<Instant> starts = new ArrayList<>();
        for (int day = 0; day < input.days(); day++) {
            for (int minute = 0; minute < 24 * 60; minute++) {
                if (minute % input.stepMinutes() != 0) {
                    continue;
                }
                LocalDateTime local = input.firstDate().plusDays(day).atTime(minute / 60, minute % 60);
                for (ZoneOffset offset : zone.getRules().getValidOffsets(local)) {
                    starts.add(local.toInstant(offset));
                }
            }
        }
        starts.sort(Comparator.naturalOrder());
        return starts;
    }

    List<Slot> slots() {
        List<Resource> staff = new ArrayList<>(input.staff());
        staff.sort(Comparator.comparing(member -> member.id().toString()));
        List<Slot> slots = new ArrayList<>();
        for (Instant start : alignedStarts()) {
            if (start.isBefore(input.earliestStart()) || start.isAfter(input.latestStart())) {
                continue;
            }
            Instant end = start.plus(input.duration());
            for (Resource room : input.rooms()) {
                if (!input.engineerRequired()) {
                    if (free(start, end, room, null)) {
                        slots.add(new Slot(start, end, room.id(), List.of(), input.priceCents()));
                    }
                    continue;
                }
                List<UUID> ids = new ArrayList<>();
                for (Resource member : staff) {
                    if (free(start, end, room, member)) {
                        ids.add(member.id());
                    }
                }
                if (!ids.isEmpty()) {
                    slots.add(new Slot(start, end, room.id(), ids, input.priceCents()));
                }
            }
        }
        return slots;
    }

    boolean free(Instant start, Instant end, Resource room, Resource member) {
        return inWindows(start, end, room, member) && clear(start, end, room, member);
    }

    /** Whether every minute of the session is open for all and closed for none. */
    boolean inWindows(Instant start, Instant end, Resource room, Resource member) {
        if (input.studioHours().isEmpty()) {
            return false;
        }
        for (Instant t = start; t.isBefore(end); t = t.plus(1, ChronoUnit.MINUTES)) {
            int i = index(t);
            boolean ok = studioOpen[i]
                    && !studioClosed[i]
                    && open.get(room.id())[i]
                    && !closed.get(room.id())[i]
                    && (member == null || open.get(member.id())[i] && !closed.get(member.id())[i]);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether the session's blocked range, with the largest buffers, overlaps no blocked range. */
    boolean clear(Instant start, Instant end, Resource room, Resource member) {
        Duration before = max(input.serviceBufferBefore(), room.bufferBefore());
        Duration after = max(input.serviceBufferAfter(), room.bufferAfter());
        if (member != null) {
            before = max(before, member.bufferBefore());
            after = max(after, member.bufferAfter());
        }
        TimeRange blocked = new TimeRange(start.minus(before), end.plus(after));
        for (TimeRange other : room.blocked()) {
            if (blocked.overlaps(other)) {
                return false;
            }
        }
        if (member != null) {
            for (TimeRange other : member.blocked()) {
                if (blocked.overlaps(other)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean[] paintHours(List<WeeklyHours> hours) {
        boolean[] grid = new boolean[minutes];
        for (WeeklyHours rule : hours) {
            LocalDate first = LocalDate.ofInstant(gridStart, rule.zone()).minusDays(1);
            for (int day = 0; day < input.days() + 6; day++) {
                LocalDate date = first.plusDays(day);
                boolean applies = rule.days().contains(date.getDayOfWeek())
                        && (rule.from() == null || !date.isBefore(rule.from()))
                        && (rule.to() == null || !date.isAfter(rule.to()));
                if (applies) {
                    paint(
                            grid,
                            date.atTime(rule.start()).atZone(rule.zone()).toInstant(),
                            // an end not after the start is the next day's (overnight hours)
                            (rule.end().isAfter(rule.start()) ? date : date.plusDays(1))
                                    .atTime(rule.end())
                                    .atZone(rule.zone())
                                    .toInstant());
                }
            }
        }
        return grid;
    }

    private boolean[] paintSpans(List<TimeRange> spans) {
        boolean[] grid = new boolean[minutes];
        for (TimeRange span : spans) {
            paint(grid, span.start(), span.end());
        }
        return grid;
    }

    private void paint(boolean[] grid, Instant from, Instant to) {
        long first = Math.max(0, Duration.between(gridStart, from).toMinutes());
        long last = Math.min(minutes, Duration.between(gridStart, to).toMinutes());
        for (long i = first; i < last; i++) {
            grid[(int) i] = true;
        }
    }

    private int index(Instant t) {
        return (int) Duration.between(gridStart, t).toMinutes();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static List<Resource> concat(List<Resource> a, List<Resource> b) {
        List<Resource> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
