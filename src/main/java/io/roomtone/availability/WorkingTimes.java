package io.roomtone.availability;

import io.roomtone.shared.TimeRange;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * When each room and active staff member of the studio is open and closed over a range, as the
 * rules of availability see it (a room: the studio's hours and its own; closures of both).
 */
public record WorkingTimes(Map<UUID, Times> rooms, Map<UUID, Times> staff) {

    /** Sorted, disjoint, clipped to the range asked for. */
    public record Times(List<TimeRange> open, List<TimeRange> closed) {

        public static final Times NEVER_OPEN = new Times(List.of(), List.of());
    }

    public Times room(UUID id) {
        return rooms.getOrDefault(id, Times.NEVER_OPEN);
    }

    public Times staffMember(UUID id) {
        return staff.getOrDefault(id, Times.NEVER_OPEN);
    }
}
