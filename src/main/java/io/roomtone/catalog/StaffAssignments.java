package io.roomtone.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Port through which the catalog learns which upcoming bookings a staff member works, so that it can
 * refuse to deactivate or delete them. The booking module implements it; the catalog cannot call
 * booking directly, because booking depends on the catalog. Without an implementation nobody is
 * assigned to anything.
 */
public interface StaffAssignments {

    /** Bookings that {@code staffId} is assigned to and that have not started yet, soonest first. */
    List<Assignment> upcomingFor(UUID staffId);

    /** One booking a staff member works. */
    record Assignment(UUID bookingId, String code, Instant startAt) {}
}
