package io.roomtone.booking;

import io.roomtone.shared.RoomtoneException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The {@code staff_ids} of a request: absent means none; a null among them is bad input, not a crash. */
final class StaffIds {

    private StaffIds() {}

    static List<UUID> of(List<UUID> ids) {
        if (ids == null) {
            return List.of();
        }
        if (ids.stream().anyMatch(Objects::isNull)) {
            throw RoomtoneException.invalid("staff_ids", "must not contain null");
        }
        if (ids.size() > 10) {
            throw RoomtoneException.invalid("staff_ids", "must have at most 10 entries");
        }
        return List.copyOf(ids);
    }
}
