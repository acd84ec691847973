package io.roomtone.availability.engine;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * Opening hours on some days of the week, in local wall-clock time of {@code zone}, between the
 * optional {@code from} and {@code to} dates (inclusive). {@code end} is after {@code start}.
 */
public record WeeklyHours(
        Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone, LocalDate from, LocalDate to) {}
