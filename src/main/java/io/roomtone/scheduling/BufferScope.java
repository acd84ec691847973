package io.roomtone.scheduling;

import com.fasterxml.jackson.annotation.JsonValue;
import io.roomtone.catalog.CatalogRemoved;
import java.util.Locale;

/** What a buffer rule pads: every session in a room, of a service, or with a staff member. */
public enum BufferScope {
    ROOM,
    SERVICE,
    STAFF;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The catalog entity the buffer's target id refers to. */
    public CatalogRemoved.Kind catalogKind() {
        return switch (this) {
            case ROOM -> CatalogRemoved.Kind.ROOM;
            case SERVICE -> CatalogRemoved.Kind.SERVICE;
            case STAFF -> CatalogRemoved.Kind.STAFF;
        };
    }

    static BufferScope fromDatabase(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
