package io.roomtone.shared;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The dates and instants Roomtone accepts: years 1 to 9999. {@code java.time} reaches year
 * ±999,999,999 and PostgreSQL 294,276, but adding a day or a zone offset to the far edges overflows,
 * and no studio books that far out; refusing them at the edge keeps such input a 400.
 */
public final class TimeBounds {

    public static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private static final Instant FIRST = Instant.parse("0001-01-02T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-30T00:00:00Z");

    private TimeBounds() {}

    public static boolean contains(LocalDate date) {
        return !date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY);
    }

    /** Within the range with a day to spare at each end, for any zone offset. */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(FIRST) && !instant.isAfter(LAST);
    }

    public static final String MESSAGE = "must be between the years 1 and 9999";
}
