package io.roomtone.calendarsync;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where one booking's event in one calendar is: sent, waiting to be sent, or failing. */
public enum SyncStatus {
    PENDING,
    SYNCED,
    FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SyncStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
