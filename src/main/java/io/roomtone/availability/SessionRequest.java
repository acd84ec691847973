package io.roomtone.availability;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One particular session someone wants to book or hold.
 *
 * @param serviceId the bookable service (optional for a bare room hold)
 * @param addOnIds add-on services; their buffer rules count too
 * @param staffIds the staff asked for; empty lets an engineer be chosen when one is needed
 * @param overrideHours an admin booking outside opening hours, lead time and horizon
 * @param ignoring bookings or holds whose blocked ranges do not count (the booking being moved, the
 *     hold being converted)
 */
public record SessionRequest(
        UUID roomId,
        UUID serviceId,
        List<UUID> addOnIds,
        Instant start,
        Instant end,
        List<UUID> staffIds,
        boolean overrideHours,
        Set<UUID> ignoring) {}
