/**
 * Which slots are free: the slot engine (pure Java, no Spring, no I/O), the search endpoint, and the
 * {@link io.roomtone.availability.Occupancy} port through which it reads what is already taken.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "scheduling", "identity", "shared"})
package io.roomtone.availability;
