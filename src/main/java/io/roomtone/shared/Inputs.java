package io.roomtone.shared;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;

/** Parses the text values of requests that have a closed set of valid forms, naming the field when one is wrong. */
public final class Inputs {

    private Inputs() {}

    /** An IANA time zone such as {@code America/Toronto}; {@code null} or blank stays {@code null}. */
    public static ZoneId zone(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw RoomtoneException.invalid(
                    field, "is not a known time zone (use an IANA name such as America/Toronto)");
        }
    }

    /** An ISO 4217 currency code such as {@code CAD}; {@code null} or blank stays {@code null}. */
    public static String currency(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Currency.getInstance(value.strip().toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw RoomtoneException.invalid(field, "is not an ISO 4217 currency code");
        }
    }
}
