/**
 * When a studio is open and on what terms: weekly schedule rules of the studio, its rooms and its
 * staff ({@link io.roomtone.scheduling.ScheduleRules}), closures and blackouts
 * ({@link io.roomtone.scheduling.Closures}), set-up and tear-down buffers
 * ({@link io.roomtone.scheduling.BufferRules}), and the studio's booking settings and policies
 * ({@link io.roomtone.scheduling.StudioPolicies}). The availability engine reads all of them through
 * these facades; rules about a deleted room, service or staff member are deleted with it by the
 * database (typed foreign keys that cascade).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "identity", "shared"})
package io.roomtone.scheduling;
