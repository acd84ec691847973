package io.roomtone.booking.web;

import io.roomtone.availability.StudioCatalog;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Service;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The board's "new booking" form as typed: every field kept as text (so the form shows back what was
 * typed) and read here. Only what cannot be read at all (a time that is no time, a room of no studio
 * of ours) is refused here; the rules about a session (hours, lengths, overlaps) are the booking's
 * own and come back from {@code BookingRequests} with the field named.
 */
record NewBookingForm(
        String room,
        String service,
        String start,
        String end,
        String client,
        String q,
        String name,
        String email,
        String phone,
        String notes,
        Boolean override) {

    private static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2999, 12, 31);

    /** The form's times as the datetime-local fields want them ("2026-12-01T10:00"), read from a link. */
    NewBookingForm inZone(ZoneId zone) {
        return new NewBookingForm(
                room,
                service,
                localText(start, zone),
                localText(end, zone),
                client,
                q,
                name,
                email,
                phone,
                notes,
                override);
    }

    /** Whether the admin books outside the rules (the checkbox; absent means no). */
    boolean overridesRules() {
        return Boolean.TRUE.equals(override);
    }

    boolean hasWalkIn() {
        return !blank(name) || !blank(email) || !blank(phone);
    }

    /** What was read, or the problems of each field that could not be. */
    record Read(UUID roomId, UUID serviceId, Instant startAt, Instant endAt, UUID clientId) {}

    Read read(StudioCatalog catalog, ZoneId zone, boolean needsClient, Map<String, String> problems) {
        UUID roomId = id(room, "room", problems)
                .filter(id -> catalog.room(id).filter(Room::active).isPresent())
                .orElse(null);
        if (roomId == null) {
            problems.putIfAbsent("room", "must be one of the studio's rooms");
        }
        UUID serviceId = id(service, "service", problems)
                .filter(id -> catalog.service(id)
                        .filter(s -> s.active() && !s.isAddon())
                        .isPresent())
                .orElse(null);
        if (serviceId == null) {
            problems.putIfAbsent("service", "must be one of the studio's services");
        }
        Instant startAt = time(start, "start", zone, problems);
        Instant endAt = time(end, "end", zone, problems);
        if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
            problems.put("end", "must be after the start");
        }
        UUID clientId = null;
        if (!blank(client)) {
            clientId = id(client, "client", problems).orElse(null);
        } else if (needsClient && !hasWalkIn()) {
            problems.put("client", "choose a client, or enter a new client's name and an email or a phone");
        }
        if (notes != null && notes.length() > 2000) {
            problems.put("notes", "must be at most 2000 characters");
        }
        return new Read(roomId, serviceId, startAt, endAt, clientId);
    }

    /** The page's name of a field the booking request (the API) names. */
    static String pageField(String apiField) {
        return switch (apiField) {
            case "room_id" -> "room";
            case "service_items", "service_id" -> "service";
            case "start_at" -> "start";
            case "end_at" -> "end";
            case "client_id" -> "client";
            default -> apiField;
        };
    }

    static Map<String, String> noProblems() {
        return new LinkedHashMap<>();
    }

    private static Optional<UUID> id(String text, String field, Map<String, String> problems) {
        if (blank(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            problems.put(field, "is not valid");
            return Optional.empty();
        }
    }

    private static Instant time(String text, String field, ZoneId zone, Map<String, String> problems) {
        if (blank(text)) {
            problems.put(field, "is required");
            return null;
        }
        LocalDateTime local = local(text, zone);
        if (local == null) {
            problems.put(field, "must be a date and time like 2026-12-01T10:00");
            return null;
        }
        if (local.toLocalDate().isBefore(FIRST) || local.toLocalDate().isAfter(LAST)) {
            problems.put(field, "must be between " + FIRST + " and " + LAST);
            return null;
        }
        return local.atZone(zone).toInstant();
    }

    /** A local date-time, or an instant with its offset turned into the studio's wall clock; null when neither. */
    private static LocalDateTime local(String text, ZoneId zone) {
        String value = text.strip();
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).atZoneSameInstant(zone).toLocalDateTime();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String localText(String text, ZoneId zone) {
        if (blank(text)) {
            return "";
        }
        LocalDateTime local = local(text, zone);
        return local == null ? text : local.toString();
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The first bookable service, which the form offers first. */
    static Optional<Service> firstService(java.util.List<Service> services) {
        return services.stream().filter(s -> s.active() && !s.isAddon()).findFirst();
    }
}
