package io.roomtone.catalog;

import java.util.List;

/**
 * The fields of a staff member as a client sends them. On create, {@code email} and {@code name}
 * are required; on update, a field left out (null) keeps its current value. {@code password}, when
 * given, becomes the sign-in password of the staff member's account. {@code commissionRateBps} is
 * their commission on the service revenue of their sessions in basis points, 0 to 10000 (1250 =
 * 12.5 %); left out on create it is 0.
 */
public record StaffDraft(
        String email,
        String name,
        List<String> skills,
        Long hourlyRateCents,
        CalendarProvider defaultCalendarProvider,
        Boolean active,
        String password,
        Integer commissionRateBps) {}
