package io.roomtone.catalog.web;

import io.roomtone.catalog.CustomField;
import io.roomtone.shared.FormInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The custom fields editor of a service as rows of inputs ({@code cf_key}, {@code cf_label}, {@code
 * cf_type}, {@code cf_options}, and {@code cf_required} carrying the row's index). Rows left blank are
 * ignored; the others are read in order, so row {@code i} is {@code custom_fields[i]} in the
 * service's problems and each problem is shown in its row.
 */
final class CustomFieldRows {

    /** A row as typed. */
    record Row(String key, String label, String type, boolean required, String options) {

        static Row blank() {
            return new Row("", "", "text", false, "");
        }

        static Row of(CustomField field) {
            return new Row(
                    field.key(),
                    field.label(),
                    field.type().json(),
                    field.required(),
                    String.join("\n", field.options()));
        }
    }

    /** Blank rows offered under the fields, for adding some without JavaScript. */
    static final int SPARE_ROWS = 2;

    static final List<String> TYPES =
            Arrays.stream(CustomField.Type.values()).map(CustomField.Type::json).toList();

    private CustomFieldRows() {}

    /** The rows that have anything typed in them, in order; a blank key is made from the label. */
    static List<Row> typed(FormInput form) {
        List<String> keys = form.texts("cf_key");
        List<String> labels = form.texts("cf_label");
        List<String> types = form.texts("cf_type");
        List<String> options = form.texts("cf_options");
        Set<String> required = new HashSet<>(form.texts("cf_required"));
        int count = Math.max(Math.max(keys.size(), labels.size()), options.size());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = at(keys, i);
            String label = at(labels, i);
            String option = at(options, i);
            if (key == null && label == null && option == null) {
                continue;
            }
            String type = at(types, i);
            rows.add(new Row(
                    key == null ? keyFrom(label) : key,
                    label,
                    type == null ? "text" : type,
                    required.contains(Integer.toString(i)),
                    option));
        }
        return rows;
    }

    /** The fields the rows define; a type that is not one of {@link #TYPES} is a problem of its row. */
    static List<CustomField> fields(List<Row> rows, FormInput form) {
        List<CustomField> fields = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            CustomField.Type type = null;
            if (TYPES.contains(row.type())) {
                type = CustomField.Type.valueOf(row.type().toUpperCase(Locale.ROOT));
            } else {
                form.problem("custom_fields[" + i + "].type", "must be one of " + String.join(", ", TYPES));
            }
            fields.add(new CustomField(row.key(), row.label(), type, row.required(), options(row.options())));
        }
        return fields;
    }

    /** The rows to show: those given, then the spare ones. */
    static List<Row> shown(List<Row> rows) {
        List<Row> shown = new ArrayList<>(rows);
        for (int i = 0; i < SPARE_ROWS; i++) {
            shown.add(Row.blank());
        }
        return shown;
    }

    /** Choices one per line, or separated by commas when typed on one line. */
    static List<String> options(String text) {
        if (text == null) {
            return List.of();
        }
        String[] parts = text.contains("\n") ? text.split("\r?\n") : text.split(",");
        return Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** "Song title" becomes {@code song_title}: the key the service's rule accepts, or null if none can be made. */
    static String keyFrom(String label) {
        if (label == null) {
            return null;
        }
        String key = label.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^[^a-z]+", "")
                .replaceAll("_+$", "");
        if (key.length() > 40) {
            key = key.substring(0, 40).replaceAll("_+$", "");
        }
        return key.isEmpty() ? null : key;
    }

    private static String at(List<String> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }
}
