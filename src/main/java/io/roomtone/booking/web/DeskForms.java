package io.roomtone.booking.web;

import io.roomtone.booking.BookingStatus;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeBounds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reading the studio desk's form and query fields: each parser records what is wrong with a field
 * in {@code problems} (field name to message, as {@code fields.html} shows them) instead of
 * throwing, so that a page names every bad field at once and stays a 4xx page.
 */
final class DeskForms {

    private DeskForms() {}

    static Optional<UUID> uuid(String text, String field, Map<String, String> problems) {
        if (blank(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            problems.putIfAbsent(field, "is not valid");
            return Optional.empty();
        }
    }

    /** A day such as {@code 2026-05-16} (what {@code <input type=date>} sends), years 1 to 9999. */
    static Optional<LocalDate> date(String text, String field, Map<String, String> problems) {
        if (blank(text)) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            if (!TimeBounds.contains(date.minusDays(1)) || !TimeBounds.contains(date.plusDays(1))) {
                problems.putIfAbsent(field, TimeBounds.MESSAGE);
                return Optional.empty();
            }
            return Optional.of(date);
        } catch (DateTimeParseException e) {
            problems.putIfAbsent(field, "must be a date like 2026-05-16");
            return Optional.empty();
        }
    }

    /** A studio wall-clock time such as {@code 2026-05-16T14:00} ({@code <input type=datetime-local>}). */
    static Optional<Instant> localTime(String text, ZoneId zone, String field, Map<String, String> problems) {
        if (blank(text)) {
            problems.putIfAbsent(field, "is required");
            return Optional.empty();
        }
        try {
            Instant instant = LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
            if (!TimeBounds.contains(instant)) {
                problems.putIfAbsent(field, TimeBounds.MESSAGE);
                return Optional.empty();
            }
            return Optional.of(instant);
        } catch (DateTimeParseException e) {
            problems.putIfAbsent(field, "must be a date and time like 2026-05-16T14:00");
            return Optional.empty();
        }
    }

    static Optional<BookingStatus> status(String text, String field, Map<String, String> problems) {
        if (blank(text)) {
            return Optional.empty();
        }
        Optional<BookingStatus> status = Arrays.stream(BookingStatus.values())
                .filter(s -> s.json().equals(text.strip()))
                .findFirst();
        if (status.isEmpty()) {
            problems.putIfAbsent(
                    field,
                    "must be one of "
                            + Arrays.stream(BookingStatus.values())
                                    .map(BookingStatus::json)
                                    .collect(Collectors.joining(", ")));
        }
        return status;
    }

    /** A page number from 1 to {@code last}; 1 when absent. */
    static int pageNumber(String text, int last, String field, Map<String, String> problems) {
        if (blank(text)) {
            return 1;
        }
        try {
            int page = Integer.parseInt(text.strip());
            if (page >= 1 && page <= last) {
                return page;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        problems.putIfAbsent(field, "must be a whole number from 1 to " + last);
        return 1;
    }

    /** The field problems of a refusal, added to {@code problems}; false when it named no field. */
    static boolean addFieldProblems(RoomtoneException e, Map<String, String> problems) {
        e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
        return !e.fieldProblems().isEmpty();
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
