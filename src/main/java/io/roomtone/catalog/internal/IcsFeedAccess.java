package io.roomtone.catalog.internal;

/**
 * The secret of a staff member's calendar feed, shown once when it is issued.
 *
 * @param icsUrl the path of the feed, with the token, to subscribe to from a calendar app
 */
public record IcsFeedAccess(String icsToken, String icsUrl) {}
