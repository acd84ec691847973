package io.roomtone.availability.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;

/**
 * Turns weekly hours into the {@link Intervals} when they are open over a range of instants.
 *
 * <p>Each opening is built on the local date of the hours' own zone with {@code
 * date.atTime(time).atZone(zone)}, and only then turned into an instant, so an opening follows the
 * wall clock through daylight-saving changes (a day of 00:00-06:00 lasts 5 hours on a spring-forward
 * night and 7 on a fall-back night). {@code ZonedDateTime}'s rules settle the two odd cases: a time
 * inside a spring-forward gap moves forward by the length of the gap (02:30 becomes 03:30 in
 * Toronto), and a time that occurs twice in a fall-back overlap means its first occurrence (the
 * earlier offset), for starts and ends alike. An opening that these rules leave empty is dropped.
 *
 * <p>Hours whose end is not after their start cross midnight: the opening starts on a day the rule
 * holds on and ends at {@code end} on the next local date (so Sunday 22:00-02:00 ends on Monday, and
 * its end follows that next date's offset through a DST change like any other end).
 *
 * <p>The hours' zone may differ from the studio's, so the range is walked in the hours' own local
 * dates, one day wider on each side than the range: that covers every opening that can overlap it,
 * overnight ones included (they last less than a day and a half of wall-clock time).
 */
final class OpenHours {

    private OpenHours() {}

    /** The union of the openings of {@code hours} that overlap {@code [from, to)}, clipped to it. */
    static Intervals within(List<WeeklyHours> hours, Timeline timeline, Instant from, Instant to) {
        long clipFrom = timeline.at(from);
        long clipTo = timeline.at(to);
        int capacity = 8;
        long[] starts = new long[capacity];
        long[] ends = new long[capacity];
        int n = 0;
        for (WeeklyHours rule : hours) {
            LocalDate first = LocalDate.ofInstant(from, rule.zone()).minusDays(1);
            LocalDate last = LocalDate.ofInstant(to, rule.zone()).plusDays(1);
            ZoneOffset steady = steadyOffset(rule.zone(), first, last);
            for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
                if (!applies(rule, date)) {
                    continue;
                }
                long start = Math.max(clipFrom, at(date, rule.start(), rule.zone(), steady, timeline));
                // an end at or before the start is on the next day: 22:00-02:00 belongs to the day it starts
                LocalDate endDate = rule.overnight() ? date.plusDays(1) : date;
                long end = Math.min(clipTo, at(endDate, rule.end(), rule.zone(), steady, timeline));
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

    /** {@code date.atTime(time).atZone(zone)}, by arithmetic when the offset is known to be steady. */
    private static long at(LocalDate date, LocalTime time, ZoneId zone, ZoneOffset steady, Timeline timeline) {
        if (steady == null) {
            return timeline.at(date.atTime(time).atZone(zone).toInstant());
        }
        long epochSecond = date.toEpochDay() * 86_400 + time.toSecondOfDay() - steady.getTotalSeconds();
        return timeline.at(epochSecond, time.getNano());
    }

    /**
     * The zone's offset if it does not change from a day before {@code first} to a day after {@code
     * last} (offsets are within 18 hours, so that covers every local time of those dates), else null.
     * Most searches are nowhere near a transition, and skipping the zone rules then is much cheaper.
     */
    private static ZoneOffset steadyOffset(ZoneId zone, LocalDate first, LocalDate last) {
        ZoneRules rules = zone.getRules();
        Instant from = first.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = last.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
        ZoneOffsetTransition next = rules.nextTransition(from);
        return next == null || next.getInstant().isAfter(to) ? rules.getOffset(from) : null;
    }

    /** Whether {@code rule} holds on {@code date} (a local date of the rule's zone). */
    static boolean applies(WeeklyHours rule, LocalDate date) {
        return rule.days().contains(date.getDayOfWeek())
                && (rule.from() == null || !date.isBefore(rule.from()))
                && (rule.to() == null || !date.isAfter(rule.to()));
    }
}
