package io.roomtone.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as other modules and API clients see it: never with its password hash. {@code email} is
 * null for a client who gave only a phone (a walk-in); owners, admins and staff always have one,
 * and at least one of {@code email} and {@code phone} is set (the database checks both).
 * {@code phone} is the number in E.164 form (or as typed, for one stored before that was required),
 * opened here when it is stored encrypted ({@link PhoneNumbers}).
 *
 * @param smsOptIn whether they agreed to texts about their bookings (only then are they sent any)
 * @param smsOptInAt since when, while they do
 */
public record UserAccount(
        UUID id, String email, String name, String phone, Role role, boolean smsOptIn, Instant smsOptInAt) {}
