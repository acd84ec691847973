package io.roomtone.scheduling;

import io.roomtone.catalog.Catalog;
import io.roomtone.shared.Inputs;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.time.ZoneId;
import java.util.UUID;

/** Field checks shared by the facades of this module, all collecting into one {@link Validation}. */
final class Checks {

    private Checks() {}

    /** Like {@link Inputs#zone} but records the problem instead of throwing, so other fields are reported too. */
    static ZoneId zone(Validation validation, String value, String field) {
        try {
            return Inputs.zone(value, field);
        } catch (RoomtoneException e) {
            validation.check(false, field, e.fieldProblems().get(0).message());
            return null;
        }
    }

    static String currency(Validation validation, String value, String field) {
        try {
            return Inputs.currency(value, field);
        } catch (RoomtoneException e) {
            validation.check(false, field, e.fieldProblems().get(0).message());
            return null;
        }
    }

    static void between(Validation validation, Integer value, int min, int max, String field) {
        validation.check(
                value == null || (value >= min && value <= max), field, "must be between " + min + " and " + max);
    }

    static void atLeast(Validation validation, Integer value, int min, String field) {
        validation.check(value == null || value >= min, field, "must be at least " + min);
    }

    /**
     * A studio-wide rule has no target id; a room or staff rule needs the id of one of this studio's
     * rooms or staff members. Another studio's id is simply not found, so it is refused the same way.
     */
    static void target(Validation validation, Catalog catalog, TargetType type, UUID targetId) {
        if (type == null) {
            return;
        }
        if (type == TargetType.STUDIO) {
            validation.check(targetId == null, "target_id", "must be left out when target_type is studio");
        } else if (targetId == null) {
            validation.require(null, "target_id");
        } else {
            validation.check(
                    catalog.exists(type.catalogKind().orElseThrow(), targetId),
                    "target_id",
                    "is not a " + type.json() + " of this studio");
        }
    }
}
