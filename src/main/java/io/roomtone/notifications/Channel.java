package io.roomtone.notifications;

import com.fasterxml.jackson.annotation.JsonValue;
import io.roomtone.shared.RoomtoneException;
import java.util.Locale;

/** How a message travels. */
public enum Channel {
    EMAIL,
    SMS;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Channel fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public static Channel parse(String field, String value) {
        for (Channel channel : values()) {
            if (channel.json().equals(value)) {
                return channel;
            }
        }
        throw RoomtoneException.invalid(field, "must be email or sms");
    }
}
