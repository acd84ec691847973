package io.roomtone.catalog.web;

import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.util.MultiValueMap;

/** What the catalog's desk editors (rooms, services, staff) read and answer alike. */
final class DeskForms {

    private DeskForms() {}

    /**
     * The id in a page's path: anything that is not a UUID names no record of the studio, so it is the
     * same 404 page as an unknown (or another studio's) id, not a 400 about types.
     */
    static UUID id(String text, String entity) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new RoomtoneException(ProblemCode.NOT_FOUND, "No " + entity + " with this id.");
        }
    }

    private static final Set<String> DONE = Set.of("created", "deleted", "activated", "deactivated");

    /** What a redirect after a change reports ({@code ?done=deleted}); anything else reports nothing. */
    static String done(String done) {
        return done != null && DONE.contains(done) ? done : null;
    }

    /** A comma-separated list as typed ("vocals, drums"): blanks dropped; null when nothing is left. */
    static List<String> list(String text) {
        if (text == null) {
            return null;
        }
        List<String> items = Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        return items.isEmpty() ? null : items;
    }

    /** A list as the form shows it. */
    static String joined(List<String> items) {
        return items == null ? "" : String.join(", ", items);
    }

    /** The first value of each posted field, to show the form again as it was typed. */
    static Map<String, String> typed(MultiValueMap<String, String> values) {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((key, list) -> shown.put(key, list.isEmpty() || list.get(0) == null ? "" : list.get(0)));
        return shown;
    }

    /**
     * Whether a delete was refused by a foreign key (SQLState 23503): bookings keep their room,
     * service and staff member, so a record that has any cannot go (the API answers 409 {@code in_use}).
     */
    static boolean inUse(DataIntegrityViolationException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
