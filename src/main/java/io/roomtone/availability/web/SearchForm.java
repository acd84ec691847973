package io.roomtone.availability.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The availability page's query parameters, read from text. Only what cannot even be read (a date
 * that is no date, an id that is no id) is refused here; every rule about the values (dates in
 * range, lengths that fit the service, rooms of this studio) is the search's own, so the page and
 * the API refuse the same things with the same words.
 */
final class SearchForm {

    private static final int MAX_DAYS_AHEAD_IN_STRIP = 6;
    private static final LocalDate FIRST = LocalDate.of(2000, 1, 1);

    private final Map<String, String> problems = new LinkedHashMap<>();
    private final LocalDate today;
    private final LocalDate date;
    private final UUID serviceId;
    private final Integer minutes;
    private final UUID roomId;

    SearchForm(ZoneId zone, String date, String service, String duration, String room) {
        this.today = LocalDate.now(zone);
        this.date = blank(date) ? today : parseDate(date, today);
        this.serviceId = blank(service) ? null : parseId(service, "service");
        this.minutes = blank(duration) ? null : parseMinutes(duration);
        this.roomId = blank(room) ? null : parseId(room, "room");
    }

    /** The page's name of a field the search (the API) names. */
    static String pageField(String apiField) {
        return switch (apiField) {
            case "service_id" -> "service";
            case "room_id" -> "room";
            case "duration_min" -> "duration";
            default -> apiField;
        };
    }

    Map<String, String> problems() {
        return problems;
    }

    LocalDate date() {
        return date;
    }

    /**
     * The first day of the week strip: today while the chosen day is in the coming week, else a few
     * days before the chosen one (so that the day before is one click away), within the dates the
     * search accepts.
     */
    LocalDate weekStart() {
        if (!date.isBefore(today) && !date.isAfter(today.plusDays(MAX_DAYS_AHEAD_IN_STRIP))) {
            return today;
        }
        LocalDate start = date.minusDays(3);
        LocalDate last = LocalDate.of(9999, 12, 31).minusDays(MAX_DAYS_AHEAD_IN_STRIP);
        return start.isAfter(last) ? last : start.isBefore(FIRST) ? FIRST : start;
    }

    Optional<UUID> serviceId() {
        return Optional.ofNullable(serviceId);
    }

    Optional<Integer> minutes() {
        return Optional.ofNullable(minutes);
    }

    Optional<UUID> roomId() {
        return Optional.ofNullable(roomId);
    }

    private LocalDate parseDate(String text, LocalDate fallback) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.put("date", "'" + text + "' is not a date (YYYY-MM-DD)");
            return fallback;
        }
    }

    private UUID parseId(String text, String field) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            problems.put(field, "is not one of the choices");
            return null;
        }
    }

    private Integer parseMinutes(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.put("duration", "must be a whole number of minutes");
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
