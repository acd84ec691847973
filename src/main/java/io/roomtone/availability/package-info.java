/**
 * Which slots are free. The root holds what other modules use: {@link
 * io.roomtone.availability.Availability} (search and check), its records, and the {@link
 * io.roomtone.availability.Occupancy} port through which it reads what is already taken (booking
 * implements it). {@code engine} is the pure slot engine (no Spring, no I/O: {@code
 * SlotEngineArchitectureTests} holds it to that); {@code internal} its caches, the change feed, and
 * the mapping from catalog and scheduling to engine values; {@code web} the search endpoint.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "scheduling", "identity", "shared"})
package io.roomtone.availability;
