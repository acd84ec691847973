package io.roomtone.catalog;

import java.util.List;
import java.util.UUID;

/**
 * A person who works sessions: an engineer, a producer, a stylist. Name and email are those of their
 * user account, which they sign in with.
 *
 * @param canSignIn whether the account has a password (otherwise an invitation is pending)
 * @param icsFeedEnabled whether an ICS feed token has been issued; the token itself is never shown again
 * @param commissionRateBps their commission on the service revenue of their sessions, in basis points
 *     (1250 = 12.5 %; 0: none)
 */
public record StaffMember(
        UUID id,
        UUID userId,
        String email,
        String name,
        List<String> skills,
        Long hourlyRateCents,
        String currency,
        CalendarProvider defaultCalendarProvider,
        boolean active,
        boolean canSignIn,
        boolean icsFeedEnabled,
        int commissionRateBps) {}
