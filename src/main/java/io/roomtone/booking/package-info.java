/**
 * Holds, bookings and their lifecycle: quotes, the approval workflow, reschedules and
 * cancellations under the studio's policies, and the occupancy table whose exclusion constraint
 * makes double booking impossible.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"availability", "catalog", "scheduling", "payments", "identity", "shared"})
package io.roomtone.booking;
