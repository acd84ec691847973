package io.roomtone.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The calendar a staff member's sessions go to by default; Apple calendars subscribe to the ICS feed. */
public enum CalendarProvider {
    GOOGLE,
    OUTLOOK,
    APPLE;

    /** The JSON and database value; see {@link PricingModel#json()} for why there is no creator. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CalendarProvider fromColumn(String value) {
        return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
