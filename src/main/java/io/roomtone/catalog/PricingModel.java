package io.roomtone.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a service is charged: per block of its default duration, or once per booking. */
public enum PricingModel {
    PER_BLOCK,
    FIXED;

    /**
     * The JSON and database value. Jackson also reads it back through this method. There is
     * deliberately no throwing {@code @JsonCreator} (unlike {@code Role}): an unknown value then
     * fails as an {@code InvalidFormatException}, which the API turns into a 400 that names the
     * field and lists the allowed values; an exception thrown by a creator loses both.
     */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PricingModel fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
