package io.roomtone.notifications;

import com.fasterxml.jackson.annotation.JsonValue;
import io.roomtone.shared.RoomtoneException;
import java.util.Locale;

/**
 * Where a message is: {@code pending} (due at its next attempt, perhaps after failed ones),
 * {@code sending} (claimed by a node), {@code sent}, {@code failed} (every attempt failed; a retry
 * sends it again) or {@code skipped} (not sent on purpose: the channel is not configured, the
 * session moved before its reminder was due).
 */
public enum DeliveryStatus {
    PENDING,
    SENDING,
    SENT,
    FAILED,
    SKIPPED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public static DeliveryStatus parse(String field, String value) {
        for (DeliveryStatus status : values()) {
            if (status.json().equals(value)) {
                return status;
            }
        }
        throw RoomtoneException.invalid(field, "must be one of pending, sending, sent, failed, skipped");
    }
}
