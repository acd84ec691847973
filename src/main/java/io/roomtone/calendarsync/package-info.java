/**
 * Staff members' own Google and Microsoft 365 calendars: each connects theirs through OAuth (tokens
 * sealed at rest), and every confirmed session they work on appears there, moves with it and goes
 * away when it is canceled, rejected or expires — carried out by a retrying job after the booking
 * committed, so a provider that is down never fails, slows or undoes a booking.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"booking", "catalog", "identity", "shared"})
package io.roomtone.calendarsync;
