package io.roomtone.calendarsync;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A calendar service a staff member can connect their own calendar from. */
public enum ExternalCalendar {
    GOOGLE("Google Calendar"),
    MICROSOFT("Microsoft 365");

    private final String label;

    ExternalCalendar(String label) {
        this.label = label;
    }

    /** The JSON, URL and database value. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    /** The provider a URL or column names; empty for anything else. */
    public static Optional<ExternalCalendar> of(String value) {
        return Arrays.stream(values()).filter(p -> p.json().equals(value)).findFirst();
    }
}
