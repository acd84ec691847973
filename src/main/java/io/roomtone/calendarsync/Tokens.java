package io.roomtone.calendarsync;

import java.time.Instant;
import java.util.Optional;

/** What a provider's token endpoint gave: the refresh token only when it issued (or rotated) one. */
record Tokens(String accessToken, Optional<String> refreshToken, Instant expiresAt) {}
