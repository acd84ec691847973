package io.roomtone.catalog;

import java.util.List;

/**
 * The fields of a staff member as a client sends them. On create, {@code email} and {@code name}
 * are required; on update, a field left out (null) keeps its current value. {@code password}, when
 * given, becomes the sign-in password of the staff member's account.
 */
public record StaffDraft(
        String email,
        String name,
        List<String> skills,
        Long hourlyRateCents,
        CalendarProvider defaultCalendarProvider,
        Boolean active,
        String password) {}
