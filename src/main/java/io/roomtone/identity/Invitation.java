package io.roomtone.identity;

import java.time.Instant;

/**
 * A one-time link secret that lets a user set their password and sign in (see {@code POST
 * /api/auth/accept-invitation}). The token is shown once; only its digest is stored.
 */
public record Invitation(String token, Instant expiresAt) {}
