package io.roomtone.catalog.web;

import io.roomtone.shared.FormInput;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
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

    /** What a colour picker shows while there is no colour (its own value cannot be empty). */
    static final String PICKER_DEFAULT = "#5b3cc4";

    private static final Pattern HEX = Pattern.compile("^#[0-9a-fA-F]{6}$");

    /**
     * The colour of a form with a picker ({@code color_picker}) beside its hex field ({@code color}):
     * the hex text, unless only the picker changed (a browser without JavaScript, where nothing keeps
     * the two in step). {@code color_was} is the hex text the form was shown with.
     */
    static String color(FormInput form) {
        String typed = form.text("color");
        String was = form.text("color_was");
        String picked = form.text("color_picker");
        if (!Objects.equals(typed, was) || picked == null) {
            return typed;
        }
        String pickerWas = was != null && HEX.matcher(was).matches() ? was : PICKER_DEFAULT;
        return picked.equalsIgnoreCase(pickerWas) ? typed : picked;
    }

    /** What the picker shows for the hex text {@code color}: that colour, or the default when it is none. */
    static String picker(String color) {
        return color != null && HEX.matcher(color).matches() ? color.toLowerCase(Locale.ROOT) : PICKER_DEFAULT;
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
