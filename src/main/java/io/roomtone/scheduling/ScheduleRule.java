package io.roomtone.scheduling;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Weekly opening hours: on the given weekdays, from {@code startTime} to {@code endTime} local
 * wall-clock time in {@code timezone}, between the optional effective dates (both inclusive).
 *
 * @param byweekday days of the week, 0 = Sunday to 6 = Saturday, ascending
 * @param timezone the zone the times are read in: the rule's own, or the studio's when
 *     {@code followsStudioTimezone}
 * @param followsStudioTimezone whether the rule has no zone of its own and moves with the studio's
 */
public record ScheduleRule(
        UUID id,
        TargetType targetType,
        UUID targetId,
        List<Integer> byweekday,
        @JsonFormat(pattern = "HH:mm") LocalTime startTime,
        @JsonFormat(pattern = "HH:mm") LocalTime endTime,
        ZoneId timezone,
        boolean followsStudioTimezone,
        LocalDate effectiveFrom,
        LocalDate effectiveTo) {

    /** {@link #byweekday} as {@link DayOfWeek}s. */
    @JsonIgnore
    public Set<DayOfWeek> days() {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        byweekday.forEach(d -> days.add(dayOfWeek(d)));
        return days;
    }

    /** Whether the rule opens on {@code date} (a local date in {@link #timezone}). */
    public boolean appliesOn(LocalDate date) {
        return (effectiveFrom == null || !date.isBefore(effectiveFrom))
                && (effectiveTo == null || !date.isAfter(effectiveTo))
                && byweekday.contains(weekday(date.getDayOfWeek()));
    }

    /** 0 = Sunday to 6 = Saturday, as in {@link #byweekday}. */
    public static int weekday(DayOfWeek day) {
        return day.getValue() % 7;
    }

    public static DayOfWeek dayOfWeek(int weekday) {
        return DayOfWeek.of(weekday == 0 ? 7 : weekday);
    }
}
