/**
 * Calendar files and feeds (RFC 5545, written with ical4j): a single-event file per booking for its
 * client ({@link io.roomtone.calendar.BookingCalendarFiles}, also attached to mails), and
 * subscription feeds per staff member and per room ({@link io.roomtone.calendar.CalendarFeeds}).
 * Every address is a bearer secret: a token tied to one booking, staff member or room, compared
 * with what is stored as a digest or derived with a studio key; anything else is a 404.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"booking", "catalog", "identity", "invoicing", "shared"})
package io.roomtone.calendar;
