package io.roomtone.catalog;

import io.roomtone.shared.Validation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks and normalizes the free-text lists of the catalog: tags, equipment, skills. */
final class Labels {

    private static final Pattern COLOR = Pattern.compile(Service.COLOR_PATTERN);

    private Labels() {}

    /** Trimmed, lower-cased and without duplicates, so that matching by tag or skill is exact. */
    static List<String> tags(List<String> values) {
        if (values == null) {
            return null;
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                tags.add(value.strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(tags);
    }

    /**
     * One tag or skill, trimmed and lower-cased like {@link #tags}. Blank becomes the empty string,
     * which an update stores as "none".
     */
    static String tag(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    /** Trimmed and without blanks or duplicates, keeping the studio's spelling. */
    static List<String> items(List<String> values) {
        if (values == null) {
            return null;
        }
        return values.stream()
                .filter(v -> v != null && !v.isBlank())
                .map(String::strip)
                .distinct()
                .toList();
    }

    static void checkList(Validation validation, List<String> values, String field) {
        if (values == null) {
            return;
        }
        validation.check(values.size() <= 50, field, "must have at most 50 entries");
        validation.check(
                values.stream().allMatch(v -> v == null || v.length() <= 100),
                field,
                "entries must be at most 100 characters");
    }

    static void checkText(Validation validation, String value, String field, int max) {
        validation.check(value == null || value.length() <= max, field, "must be at most " + max + " characters");
    }

    /** Whether {@code color} is {@code #rrggbb}. */
    static boolean isColor(String color) {
        return COLOR.matcher(color).matches();
    }

    static void checkColor(Validation validation, String color) {
        validation.check(
                color == null || color.isEmpty() || COLOR.matcher(color).matches(),
                "color",
                "must be a hex color like #3366ff");
    }
}
