package io.roomtone.booking;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a booking is in its life. {@code awaiting_approval} and {@code confirmed} hold their slot;
 * the others do not. The moves between them are {@link BookingMove}s.
 */
public enum BookingStatus {
    /** Requested at a studio that decides on requests; expires at its decision deadline. */
    AWAITING_APPROVAL,
    /** Approved, or booked at a studio that does not require approval. */
    CONFIRMED,
    REJECTED,
    CANCELED,
    /** Not decided before its decision deadline. */
    EXPIRED,
    /** Confirmed and over. */
    COMPLETED,
    /** Confirmed, but the client did not come. */
    NO_SHOW;

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
