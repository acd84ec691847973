package io.roomtone.calendar;

/**
 * The "add to calendar" links of a booking, for mails and pages. Each is an absolute address.
 *
 * @param google Google Calendar's event template, filled in with the booking
 * @param outlook Outlook on the web's compose form, filled in with the booking
 * @param apple the booking's calendar file: Apple Calendar (and any other app) opens it
 * @param file the same calendar file, for a plain "download .ics" link
 */
public record AddToCalendarLinks(String google, String outlook, String apple, String file) {}
