/**
 * What a studio offers: its rooms, its services and add-ons, and its staff with their skills.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "shared"})
package io.roomtone.catalog;
