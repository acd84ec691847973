package io.roomtone.identity;

import java.util.UUID;

/**
 * A user as other modules and API clients see it: never with its password hash. {@code email} is
 * null for a client who gave only a phone (a walk-in); owners, admins and staff always have one,
 * and at least one of {@code email} and {@code phone} is set (the database checks both).
 */
public record UserAccount(UUID id, String email, String name, String phone, Role role) {}
