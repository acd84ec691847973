package io.roomtone.catalog;

import io.roomtone.shared.FieldProblem;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Texts;
import io.roomtone.shared.Validation;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of custom fields: how a service defines them ({@link #check}) and how a booking answers
 * them ({@link #answer}). One place, so the API, the booking page and the back office agree.
 */
public final class CustomFields {

    public static final int MAX_FIELDS = 20;
    public static final int MAX_OPTIONS = 50;
    public static final int MAX_LABEL = 80;
    public static final int MAX_OPTION = 100;
    public static final int MAX_TEXT_ANSWER = 1000;
    /** Numbers beyond this are typos or attacks, not studio answers; it also keeps them exact in a double. */
    public static final BigDecimal MAX_NUMBER = new BigDecimal("1e12");

    private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,39}$");
    private static final String FIELD = "custom_fields";

    private CustomFields() {}

    /** Checks the definitions of a service (null: not sent) and returns them normalized (trimmed). */
    static List<CustomField> check(Validation validation, List<CustomField> fields) {
        if (fields == null) {
            return null;
        }
        if (fields.size() > MAX_FIELDS) {
            validation.check(false, FIELD, "must have at most " + MAX_FIELDS + " fields");
            return fields;
        }
        List<CustomField> normalized = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String at = FIELD + "[" + i + "]";
            CustomField field = fields.get(i);
            if (field == null) {
                validation.check(false, at, "is required");
                continue;
            }
            String key = field.key();
            validation.require(key, at + ".key");
            validation.check(
                    key == null || KEY.matcher(key).matches(),
                    at + ".key",
                    "must be a lower-case letter followed by up to 39 lower-case letters, digits or _");
            validation.check(key == null || keys.add(key), at + ".key", "is used by another field");
            String label = field.label() == null ? null : field.label().strip();
            validation.require(label, at + ".label");
            validation.check(
                    label == null || label.length() <= MAX_LABEL,
                    at + ".label",
                    "must be at most " + MAX_LABEL + " characters");
            validation.check(!Texts.hasInvisible(label), at + ".label", "must not contain invisible characters");
            validation.require(field.type(), at + ".type");
            List<String> options = options(validation, field, at + ".options");
            normalized.add(new CustomField(key, label, field.type(), field.required(), options));
        }
        return List.copyOf(normalized);
    }

    private static List<String> options(Validation validation, CustomField field, String at) {
        List<String> options = field.options();
        if (field.type() != CustomField.Type.SELECT) {
            validation.check(options.isEmpty(), at, "only a select field has options");
            return List.of();
        }
        validation.check(!options.isEmpty(), at, "a select field needs at least one option");
        validation.check(options.size() <= MAX_OPTIONS, at, "must have at most " + MAX_OPTIONS + " options");
        List<String> stripped = new ArrayList<>();
        for (String option : options) {
            validation.check(option != null && !option.isBlank(), at, "options must not be blank");
            if (option == null) {
                continue;
            }
            validation.check(
                    option.length() <= MAX_OPTION, at, "options must be at most " + MAX_OPTION + " characters");
            validation.check(!Texts.hasInvisible(option), at, "options must not contain invisible characters");
            stripped.add(option.strip());
        }
        validation.check(new HashSet<>(stripped).size() == stripped.size(), at, "options must be distinct");
        return stripped;
    }

    /**
     * The answers of a booking to {@code fields}, one per field in their order (null value when left
     * unanswered), or a 400 naming {@code custom_fields.<key>} of each bad answer. Keys that are not
     * fields of the service are refused too, so a typo never loses an answer silently.
     */
    public static List<CustomAnswer> answer(List<CustomField> fields, Map<String, ?> given) {
        return answer(fields, given, true);
    }

    /**
     * As {@link #answer(List, Map)}; with {@code requireAnswers} false a required field may be left
     * unanswered (the studio booking for a client on the phone may not know the song title yet), while
     * every answer given is still checked.
     */
    public static List<CustomAnswer> answer(List<CustomField> fields, Map<String, ?> given, boolean requireAnswers) {
        Map<String, ?> answers = given == null ? Map.of() : given;
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, CustomField> byKey = new LinkedHashMap<>();
        fields.forEach(f -> byKey.put(f.key(), f));
        for (String key : answers.keySet()) {
            if (!byKey.containsKey(key)) {
                problems.add(new FieldProblem(FIELD + "." + shown(key), "is not a field of the booked service"));
            }
        }
        List<CustomAnswer> result = new ArrayList<>();
        for (CustomField field : fields) {
            String at = FIELD + "." + field.key();
            try {
                Object value = value(field, answers.get(field.key()));
                if (value == null && field.required() && requireAnswers) {
                    problems.add(new FieldProblem(at, "is required"));
                }
                result.add(new CustomAnswer(field.key(), field.label(), field.type(), value));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(at, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw RoomtoneException.invalid(problems);
        }
        return List.copyOf(result);
    }

    /** The answer as stored, null when unanswered; an unacceptable one throws with the reason. */
    private static Object value(CustomField field, Object raw) {
        if (raw == null) {
            return null;
        }
        return switch (field.type()) {
            case TEXT -> text(raw);
            case NUMBER -> number(raw);
            case DATE -> date(raw);
            case SELECT -> {
                String choice = string(raw);
                if (!field.options().contains(choice)) {
                    throw new IllegalArgumentException("must be one of " + String.join(", ", field.options()));
                }
                yield choice;
            }
            case CHECKBOX -> {
                if (!(raw instanceof Boolean ticked)) {
                    throw new IllegalArgumentException("must be true or false");
                }
                // a required box is one that must be ticked ("I bring my own drives")
                yield field.required() && !ticked ? null : ticked;
            }
        };
    }

    private static String text(Object raw) {
        String text = string(raw).strip();
        if (text.length() > MAX_TEXT_ANSWER) {
            throw new IllegalArgumentException("must be at most " + MAX_TEXT_ANSWER + " characters");
        }
        // line breaks are fine in an answer; other control, bidi-override and invisible characters are not
        if (Texts.hasInvisible(text.replace("\r\n", " ").replace('\n', ' ').replace('\t', ' '))) {
            throw new IllegalArgumentException("must not contain control or invisible characters");
        }
        return text.isEmpty() ? null : text;
    }

    private static BigDecimal number(Object raw) {
        BigDecimal number;
        try {
            if (raw instanceof BigDecimal decimal) {
                number = decimal;
            } else if (raw instanceof Double d && (d.isInfinite() || d.isNaN())) {
                // 1e400 arrives as an infinite double
                throw new NumberFormatException();
            } else if (raw instanceof Number n) {
                number = new BigDecimal(n.toString());
            } else if (raw instanceof String s && !s.isBlank() && s.length() <= 40) {
                number = new BigDecimal(s.strip());
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
        if (number.abs().compareTo(MAX_NUMBER) > 0) {
            throw new IllegalArgumentException("must be between -1e12 and 1e12");
        }
        BigDecimal exact = number.stripTrailingZeros();
        if (exact.scale() > 9) {
            throw new IllegalArgumentException("must have at most 9 decimal places");
        }
        return exact.scale() < 0 ? exact.setScale(0) : exact;
    }

    private static String date(Object raw) {
        String text = string(raw).strip();
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < 1 || date.getYear() > 9999) {
                throw new IllegalArgumentException("must be a date between the years 1 and 9999");
            }
            return date.toString();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a date as yyyy-MM-dd");
        }
    }

    private static String string(Object raw) {
        if (!(raw instanceof String text)) {
            throw new IllegalArgumentException("must be a string");
        }
        return text;
    }

    /** An unknown key as a problem names it: short, and without characters that would render oddly. */
    private static String shown(String key) {
        String cut = key.length() > 40 ? key.substring(0, 40) + "…" : key;
        return Texts.hasInvisible(cut) ? "(unreadable key)" : cut;
    }
}
