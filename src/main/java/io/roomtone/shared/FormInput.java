package io.roomtone.shared;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The text fields of a posted form, read as the typed values a module service takes. A value that
 * does not parse is recorded as a problem of its field (the page shows it next to the field, in the
 * words the API would use) and read as {@code null}, so that the service's own checks still run on
 * the rest and one answer names every problem. Blank means "not given".
 */
public final class FormInput {

    private final MultiValueMap<String, String> values;
    private final Map<String, String> problems = new LinkedHashMap<>();

    public FormInput(MultiValueMap<String, String> values) {
        this.values = values;
    }

    /** The trimmed text of {@code field}, or {@code null} when it is missing or blank. */
    public String text(String field) {
        String value = values.getFirst(field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Every value of a repeated field (one per row of a table of inputs), blanks kept as {@code null}. */
    public List<String> texts(String field) {
        List<String> all = values.get(field);
        return all == null
                ? List.of()
                : all.stream()
                        .map(v -> v == null || v.isBlank() ? null : v.strip())
                        .toList();
    }

    public Integer integer(String field) {
        return integer(text(field), field);
    }

    /** {@code text} as a whole number that fits an {@code int}; {@code field} names it in a problem. */
    public Integer integer(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            problems.putIfAbsent(field, "must be a whole number between -2147483648 and 2147483647");
            return null;
        }
    }

    /**
     * An amount typed in the currency's units ("25", "25.50") as integer minor units; more decimals
     * than the currency has, a sign or a number past what cents can hold is a problem.
     */
    public Long money(String field, String currencyCode) {
        return scaled(field, Math.max(Currency.getInstance(currencyCode).getDefaultFractionDigits(), 0));
    }

    /**
     * A decimal of 0 or more with at most {@code digits} decimals, as a whole number of its smallest
     * unit ("13.5" with 2 digits is 1350: a tax rate in basis points typed as a percentage). A number
     * past what the smallest units can hold is "too large", in words a studio owner reads, never a
     * complaint about decimals; its size is checked before it is scaled, so that "1e999999999" costs
     * nothing.
     */
    public Long scaled(String field, int digits) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.putIfAbsent(field, digits == 0 ? "must be a whole number" : "must be a number");
            return null;
        }
        if (amount.signum() < 0 || text.startsWith("+")) {
            problems.putIfAbsent(field, "must be 0 or more");
            return null;
        }
        BigDecimal exact = amount.stripTrailingZeros();
        if (exact.scale() > digits) {
            problems.putIfAbsent(
                    field,
                    digits == 0 ? "must be a whole number" : "must be a number with at most " + digits + " decimals");
            return null;
        }
        // whole digits, once scaled: a long holds any 18
        if ((long) exact.precision() - exact.scale() + digits > 19) {
            problems.putIfAbsent(field, TOO_LARGE);
            return null;
        }
        try {
            return exact.movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            problems.putIfAbsent(field, TOO_LARGE);
            return null;
        }
    }

    private static final String TOO_LARGE = "is too large: type a smaller number";

    /** A time of day as a browser's time input sends it ({@code HH:mm}, or {@code HH:mm:ss}). */
    public LocalTime time(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            problems.putIfAbsent(field, "must be a time of day as HH:mm, from 00:00 to 23:59");
            return null;
        }
    }

    /** A date as a browser's date input sends it ({@code YYYY-MM-DD}), within {@link TimeBounds}. */
    public LocalDate date(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (!TimeBounds.contains(date)) {
                problems.putIfAbsent(field, TimeBounds.MESSAGE);
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            problems.putIfAbsent(field, "must be a date as YYYY-MM-DD");
            return null;
        }
    }

    /**
     * A wall-clock date and time as a browser's {@code datetime-local} input sends it
     * ({@code YYYY-MM-DDTHH:mm}), within {@link TimeBounds}; the page reads it in its zone.
     */
    public LocalDateTime dateTime(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            LocalDateTime moment = LocalDateTime.parse(text);
            if (!TimeBounds.contains(moment.toLocalDate().minusDays(1))
                    || !TimeBounds.contains(moment.toLocalDate().plusDays(1))) {
                problems.putIfAbsent(field, TimeBounds.MESSAGE);
                return null;
            }
            return moment;
        } catch (DateTimeParseException e) {
            problems.putIfAbsent(field, "must be a date and time as YYYY-MM-DDTHH:mm");
            return null;
        }
    }

    /** A checkbox: present (any value) is true, absent false; a form always says one or the other. */
    public boolean checkbox(String field) {
        return values.containsKey(field);
    }

    /** Records a problem of {@code field} found by the page itself. */
    public void problem(String field, String message) {
        problems.putIfAbsent(field, message);
    }

    /** The problems found so far, by field; the service's problems are added by the page after its call. */
    public Map<String, String> problems() {
        return problems;
    }
}
