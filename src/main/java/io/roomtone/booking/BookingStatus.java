package io.roomtone.booking;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a booking is in its life. {@code awaiting_approval} and {@code confirmed} hold their slot;
 * the others are final.
 */
public enum BookingStatus {
    AWAITING_APPROVAL,
    CONFIRMED,
    REJECTED,
    CANCELED,
    COMPLETED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BookingStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean holdsItsSlot() {
        return this == AWAITING_APPROVAL || this == CONFIRMED;
    }
}
