package io.roomtone.support;

import java.util.List;

/**
 * A staff member as the back office shows them; when just created or invited, also the invitation
 * (null when they can already sign in).
 */
public record StaffView(
        String id,
        String userId,
        String email,
        String name,
        List<String> skills,
        Long hourlyRateCents,
        String currency,
        String defaultCalendarProvider,
        boolean active,
        boolean canSignIn,
        boolean icsFeedEnabled,
        String invitationToken,
        String invitationExpiresAt) {}
