package io.roomtone.support;

import java.util.List;

/**
 * A staff member as the back office shows them; when just created, also when their invitation mail
 * was asked for and until when its link works (null when they can already sign in). The link itself
 * is only in the mail ({@link AccountMailbox#invitationToken}).
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
        String invitationSentAt,
        String invitationExpiresAt) {}
