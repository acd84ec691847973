package io.roomtone.scheduling;

import com.fasterxml.jackson.annotation.JsonValue;
import io.roomtone.catalog.CatalogRemoved;
import io.roomtone.shared.RoomtoneException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a schedule rule or closure applies to: the whole studio, one room, or one staff member. */
public enum TargetType {
    STUDIO,
    ROOM,
    STAFF;

    /** Lower case in JSON and in the database; unknown values are refused by Jackson with the field named. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The catalog entity a target id refers to; empty for the studio, which has no target id. */
    public Optional<CatalogRemoved.Kind> catalogKind() {
        return switch (this) {
            case STUDIO -> Optional.empty();
            case ROOM -> Optional.of(CatalogRemoved.Kind.ROOM);
            case STAFF -> Optional.of(CatalogRemoved.Kind.STAFF);
        };
    }

    static TargetType fromDatabase(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Parses a query parameter; {@code null} or blank means "any". */
    public static TargetType parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(values())
                .filter(t -> t.json().equals(value.strip()))
                .findFirst()
                .orElseThrow(() -> RoomtoneException.invalid(
                        field,
                        "'" + value + "' is not one of "
                                + Arrays.stream(values()).map(TargetType::json).collect(Collectors.joining(", "))));
    }
}
