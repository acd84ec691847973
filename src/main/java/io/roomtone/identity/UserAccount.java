package io.roomtone.identity;

import java.util.UUID;

/** A user as other modules and API clients see it: never with its password hash. */
public record UserAccount(UUID id, String email, String name, String phone, Role role) {}
