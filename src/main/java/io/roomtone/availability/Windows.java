package io.roomtone.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Turns weekly hours and closures into {@link Intervals} over a range of instants.
 *
 * <p>Each window is built on the local date of the hours' own zone with {@code
 * date.atTime(time).atZone(zone)}, and only then turned into an instant, so a window follows the
 * wall clock through daylight-saving changes (a day of 00:00-06:00 lasts 5 hours on a spring-forward
 * night and 7 on a fall-back night). {@code ZonedDateTime}'s rules settle the two odd cases: a time
 * inside a spring-forward gap moves forward by the length of the gap (02:30 becomes 03:30 in
 * Toronto), and a time that occurs twice in a fall-back overlap means its first occurrence (the
 * earlier offset), for starts and ends alike. A window that these rules leave empty is dropped.
 *
 * <p>The hours' zone may differ from the studio's, so the range is walked in the hours' own local
 * dates, one day wider on each side than the range: that covers every window that can overlap it.
 */
final class Windows {

    private Windows() {}

    /** The union of the windows of {@code hours} that overlap {@code [from, to)}, clipped to it. */
    static Intervals open(List<WeeklyHours> hours, Timeline timeline, Instant from, Instant to) {
        long clipFrom = timeline.at(from);
        long clipTo = timeline.at(to);
        int capacity = 8;
        long[] starts = new long[capacity];
        long[] ends = new long[capacity];
        int n = 0;
        for (WeeklyHours rule : hours) {
            LocalDate last = LocalDate.ofInstant(to, rule.zone()).plusDays(1);
            for (LocalDate date = LocalDate.ofInstant(from, rule.zone()).minusDays(1);
                    !date.isAfter(last);
                    date = date.plusDays(1)) {
                if (!applies(rule, date)) {
                    continue;
                }
                long start = timeline.at(
                        date.atTime(rule.start()).atZone(rule.zone()).toInstant());
                long end =
                        timeline.at(date.atTime(rule.end()).atZone(rule.zone()).toInstant());
                start = Math.max(start, clipFrom);
                end = Math.min(end, clipTo);
                if (start >= end) {
                    continue;
                }
                if (n == capacity) {
                    capacity *= 2;
                    starts = Arrays.copyOf(starts, capacity);
                    ends = Arrays.copyOf(ends, capacity);
                }
                starts[n] = start;
                ends[n] = end;
                n++;
            }
        }
        return Intervals.union(starts, ends, n);
    }

    /** Whether {@code rule} holds on {@code date} (a local date of the rule's zone). */
    static boolean applies(WeeklyHours rule, LocalDate date) {
        return rule.days().contains(date.getDayOfWeek())
                && (rule.from() == null || !date.isBefore(rule.from()))
                && (rule.to() == null || !date.isAfter(rule.to()));
    }

    /** The union of {@code spans} (closures or blocked ranges), whatever their order. */
    static Intervals of(List<Span> spans, Timeline timeline) {
        int n = spans.size();
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = timeline.at(spans.get(i).start());
            ends[i] = timeline.at(spans.get(i).end());
        }
        return Intervals.union(starts, ends, n);
    }
}
