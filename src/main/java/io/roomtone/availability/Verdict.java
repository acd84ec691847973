package io.roomtone.availability;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Whether one particular session can be booked, and if so with which buffers and staff. */
public sealed interface Verdict {

    /**
     * It can: {@code staffIds} are the staff it takes (the ones asked for, or, when none were named
     * and an engineer is required, the first free qualifying one), and the buffers are the largest
     * of the room's, the service's and those staff members' rules.
     */
    record Bookable(List<UUID> staffIds, Duration bufferBefore, Duration bufferAfter) implements Verdict {}

    /**
     * It cannot. {@code code} is {@code slot_unavailable} when the time is taken (an overlapping
     * blocked range) and {@code validation_failed} otherwise; {@code field} names the request field
     * at fault ({@code start_at}, {@code end_at}, {@code room_id}, {@code staff_ids}).
     */
    record Refused(String code, String field, String reason) implements Verdict {}
}
