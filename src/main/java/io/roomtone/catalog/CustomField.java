package io.roomtone.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * A question a service asks when it is booked ("Song title", "Number of musicians"). Bookings keep
 * the answers with a copy of the question ({@link CustomAnswer}), so editing it later changes no
 * booking.
 *
 * @param key how answers name the field: {@code ^[a-z][a-z0-9_]{0,39}$}, unique within the service
 * @param label what the client is asked, 1 to 80 characters
 * @param required whether a booking must answer it (a required checkbox must be ticked)
 * @param options the choices of a {@code select}, 1 to 50 distinct ones; empty for other types
 */
public record CustomField(String key, String label, Type type, boolean required, List<String> options) {

    public CustomField {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** What kind of answer the field takes. */
    public enum Type {
        TEXT,
        NUMBER,
        DATE,
        SELECT,
        CHECKBOX;

        /** The JSON value; Jackson reads it back through this too, so an unknown type is a 400 naming the field. */
        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
