package io.roomtone.availability.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Instants as nanoseconds from an origin near the searched time, so that the engine's set algebra
 * works on primitive {@code long}s (exact to the nanosecond, no allocation per comparison).
 *
 * <p>Values are clamped to {@link #LIMIT} (about 50 years) either side of the origin. Only sums of
 * at most three clamped values are ever formed, which stays far from {@code long} overflow. The clamp
 * cannot change an answer: everything the engine decides lies within days of the origin, and an
 * instant beyond the limit stays beyond it.
 */
final class Timeline {

    /** About 50 years in seconds. */
    private static final long LIMIT_SECONDS = 50L * 366 * 24 * 3600;

    static final long LIMIT = LIMIT_SECONDS * 1_000_000_000L;

    private final Instant origin;

    Timeline(Instant origin) {
        this.origin = origin;
    }

    long at(Instant instant) {
        return at(instant.getEpochSecond(), instant.getNano());
    }

    /** The instant {@code epochSecond} seconds and {@code nano} nanoseconds after the epoch. */
    long at(long epochSecond, int nano) {
        long seconds = epochSecond - origin.getEpochSecond();
        if (seconds > LIMIT_SECONDS) {
            return LIMIT;
        }
        if (seconds < -LIMIT_SECONDS) {
            return -LIMIT;
        }
        return clamp(seconds * 1_000_000_000L + nano - origin.getNano());
    }

    static long length(Duration duration) {
        if (duration.getSeconds() >= LIMIT_SECONDS) {
            return LIMIT;
        }
        if (duration.getSeconds() <= -LIMIT_SECONDS) {
            return -LIMIT;
        }
        return clamp(duration.toNanos());
    }

    Instant instant(long at) {
        return origin.plusNanos(at);
    }

    private static long clamp(long nanos) {
        return Math.max(-LIMIT, Math.min(LIMIT, nanos));
    }
}
