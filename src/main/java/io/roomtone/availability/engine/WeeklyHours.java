package io.roomtone.availability.engine;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * Opening hours on some days of the week, in local wall-clock time of {@code zone}, between the
 * optional {@code from} and {@code to} dates (inclusive). An {@code end} at or before {@code start}
 * is on the next day ({@link #overnight()}): the hours belong to the day they start on, and the days
 * and dates are those of the start.
 */
public record WeeklyHours(
        Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone, LocalDate from, LocalDate to) {

    /** Whether the hours cross midnight and end on the day after they start. */
    public boolean overnight() {
        return !end.isAfter(start);
    }
}
