package io.roomtone.booking.web;

import io.roomtone.availability.WorkingTimes;
import io.roomtone.booking.StudioCalendar;
import io.roomtone.shared.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The board as the template draws it: one row per room (or staff member), one lane per day shown,
 * each lane a grid of time columns. Every position is computed here, as a column and a span, and
 * drawn with the utility classes {@code .c-N} and {@code .s-N} of the board's CSS block: the
 * Content-Security-Policy refuses inline styles, and a few dozen classes cover every position.
 */
final class BoardLayout {

    /** The most columns a lane has (a whole day in 30-minute columns): the CSS block has a class for each. */
    static final int MAX_COLUMNS = 48;

    private static final int DEFAULT_FIRST_MINUTE = 8 * 60;
    private static final int DEFAULT_LAST_MINUTE = 20 * 60;
    private static final int DAY_MINUTES = 24 * 60;

    /** A session or a hold within one lane. */
    record Block(
            String type,
            UUID id,
            String status,
            String time,
            String client,
            String service,
            String place,
            int col,
            int span,
            String colour,
            String ownColour,
            boolean conflict) {

        public boolean isHold() {
            return "hold".equals(type);
        }

        public boolean isPending() {
            return "awaiting_approval".equals(status);
        }
    }

    /** Shaded time of a lane: {@code off} (outside opening hours) or {@code closed} (a closure). */
    record Shade(String kind, int col, int span, String time) {}

    /** One day of one row. {@code nowCol} is the column holding now, when it is in this lane. */
    record Lane(LocalDate day, List<Shade> shades, List<Block> blocks, Integer nowCol) {}

    record Row(UUID id, String name, List<Lane> lanes) {}

    /** A label above the lanes: an hour (day view) at its column. */
    record Mark(int col, int span, String text) {}

    /** The columns every lane of the page shares. */
    record Frame(List<LocalDate> days, int firstMinute, int step, int cols, List<Mark> hours) {

        /** The local date-time where column {@code col} (1-based) of {@code day} starts. */
        public LocalDateTime at(LocalDate day, int col) {
            return day.atStartOfDay().plusMinutes(firstMinute + (long) (col - 1) * step);
        }
    }

    record Board(Frame frame, List<Row> rows) {}

    /** What a block shows of a booking beyond the board's own entry. */
    interface Names {
        String client(UUID id);

        String service(UUID id);

        String room(UUID id);

        /** The classes of a block of the service: its background (palette) and its ink. */
        String colour(UUID serviceId);

        /** The service's own colour ({@code #rrggbb}), which the board's script paints; null for none. */
        default String ownColour(UUID serviceId) {
            return null;
        }
    }

    private final ZoneId zone;
    private final Instant now;

    BoardLayout(ZoneId zone, Instant now) {
        this.zone = zone;
        this.now = now;
    }

    /**
     * Lays out {@code board} over {@code days} in columns of {@code step} minutes, from the earliest
     * opening to the latest closing of any row on any of those days (whole hours; sessions outside
     * the hours widen it), so that the studio's day fills the width.
     */
    Board layout(
            StudioCalendar.Board board,
            List<LocalDate> days,
            int step,
            Function<UUID, WorkingTimes.Times> times,
            Names names) {
        Frame frame = frame(board, days, step, times);
        List<Row> rows = new ArrayList<>();
        for (StudioCalendar.Row row : board.rows()) {
            List<Lane> lanes = new ArrayList<>();
            WorkingTimes.Times working = times.apply(row.id());
            for (LocalDate day : days) {
                lanes.add(lane(frame, day, row.entries(), working, names));
            }
            rows.add(new Row(row.id(), row.name(), lanes));
        }
        return new Board(frame, rows);
    }

    private Frame frame(
            StudioCalendar.Board board, List<LocalDate> days, int step, Function<UUID, WorkingTimes.Times> times) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        Set<LocalDate> shown = Set.copyOf(days);
        for (StudioCalendar.Row row : board.rows()) {
            List<TimeRange> spans = new ArrayList<>(times.apply(row.id()).open());
            row.entries().forEach(e -> spans.add(new TimeRange(e.startAt(), e.endAt())));
            for (TimeRange span : spans) {
                for (LocalDate day : days) {
                    long from = minuteOf(day, span.start());
                    long to = minuteOf(day, span.end());
                    if (to <= 0 || from >= DAY_MINUTES || !shown.contains(day)) {
                        continue;
                    }
                    first = (int) Math.min(first, Math.max(0, from));
                    last = (int) Math.max(last, Math.min(DAY_MINUTES, to));
                }
            }
        }
        if (first >= last) {
            first = DEFAULT_FIRST_MINUTE;
            last = DEFAULT_LAST_MINUTE;
        }
        first = first / 60 * 60;
        last = (last + 59) / 60 * 60;
        int cols = Math.min(MAX_COLUMNS, Math.max(1, (last - first) / step));
        List<Mark> hours = new ArrayList<>();
        int perHour = Math.max(1, 60 / step);
        for (int col = 1; col <= cols; col += perHour) {
            int minute = first + (col - 1) * step;
            hours.add(new Mark(col, Math.min(perHour, cols - col + 1), "%02d:00".formatted(minute / 60 % 24)));
        }
        return new Frame(List.copyOf(days), first, step, cols, hours);
    }

    private Lane lane(
            Frame frame, LocalDate day, List<StudioCalendar.Entry> entries, WorkingTimes.Times working, Names names) {
        List<Shade> shades = new ArrayList<>();
        // outside the opening hours: the gaps between openings, within the lane
        long cursor = frame.firstMinute();
        long end = frame.firstMinute() + (long) frame.cols() * frame.step();
        for (TimeRange open : working.open()) {
            long from = minuteOf(day, open.start());
            long to = minuteOf(day, open.end());
            if (to <= cursor || from >= end) {
                continue;
            }
            if (from > cursor) {
                addShade(shades, frame, "off", cursor, from, day);
            }
            cursor = Math.max(cursor, to);
        }
        if (cursor < end) {
            addShade(shades, frame, "off", cursor, end, day);
        }
        for (TimeRange closed : working.closed()) {
            addShade(shades, frame, "closed", minuteOf(day, closed.start()), minuteOf(day, closed.end()), day);
        }
        List<Block> blocks = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (StudioCalendar.Entry entry : entries) {
            long from = Math.max(minuteOf(day, entry.startAt()), frame.firstMinute());
            long to = Math.min(minuteOf(day, entry.endAt()), end);
            // a session longer than a day is stored as several pieces: one block is enough
            if (to <= from || !seen.add(entry.id())) {
                continue;
            }
            int col = startColumn(frame, from);
            int last = endLine(frame, to);
            blocks.add(new Block(
                    entry.type(),
                    entry.id(),
                    entry.status(),
                    range(entry.startAt(), entry.endAt()),
                    entry.clientId() == null ? "" : names.client(entry.clientId()),
                    entry.serviceId() == null ? "" : names.service(entry.serviceId()),
                    entry.roomId() == null ? "" : names.room(entry.roomId()),
                    col,
                    Math.max(1, last - col),
                    entry.serviceId() == null ? "" : names.colour(entry.serviceId()),
                    entry.serviceId() == null ? null : names.ownColour(entry.serviceId()),
                    entry.conflict()));
        }
        Integer nowCol = null;
        long nowMinute = minuteOf(day, now);
        if (now.atZone(zone).toLocalDate().equals(day) && nowMinute >= frame.firstMinute() && nowMinute < end) {
            nowCol = startColumn(frame, nowMinute);
        }
        return new Lane(day, shades, blocks, nowCol);
    }

    private void addShade(List<Shade> shades, Frame frame, String kind, long from, long to, LocalDate day) {
        long end = frame.firstMinute() + (long) frame.cols() * frame.step();
        long start = Math.max(from, frame.firstMinute());
        long stop = Math.min(to, end);
        if (stop <= start) {
            return;
        }
        int col = startColumn(frame, start);
        int last = endLine(frame, stop);
        String time = clock(day, start) + "–" + clock(day, stop);
        shades.add(new Shade(kind, col, Math.max(1, last - col), time));
    }

    /** The column (1-based) that {@code minute} falls in, within the lane. */
    private static int startColumn(Frame frame, long minute) {
        long col = Math.floorDiv(minute - frame.firstMinute(), frame.step()) + 1;
        return (int) Math.max(1, Math.min(frame.cols(), col));
    }

    /** The grid line (1-based) where something ending at {@code minute} ends: the next column boundary. */
    private static int endLine(Frame frame, long minute) {
        long line = Math.floorDiv(minute - frame.firstMinute() + frame.step() - 1, frame.step()) + 1;
        return (int) Math.max(2, Math.min(frame.cols() + 1, line));
    }

    /** Minutes from the start of local {@code day} to {@code instant} (negative before it, past 1440 after). */
    long minuteOf(LocalDate day, Instant instant) {
        return ChronoUnit.MINUTES.between(day.atStartOfDay(), LocalDateTime.ofInstant(instant, zone));
    }

    private String range(Instant start, Instant end) {
        return clock(start) + "–" + clock(end);
    }

    private String clock(Instant instant) {
        return "%02d:%02d"
                .formatted(instant.atZone(zone).getHour(), instant.atZone(zone).getMinute());
    }

    private static String clock(LocalDate day, long minute) {
        LocalDateTime at = day.atStartOfDay().plusMinutes(minute);
        return "%02d:%02d".formatted(at.getHour(), at.getMinute());
    }
}
