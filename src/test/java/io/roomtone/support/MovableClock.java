package io.roomtone.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application clock for tests that move time: the system clock plus an offset the test sets.
 * PostgreSQL's {@code now()} does not move with it, which is how a test tells the two apart.
 */
public final class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** From now on the clock reads {@code instant} (and keeps running from there). */
    public void moveTo(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    /** The clock reads the system time plus {@code offset} (negative: behind it). */
    public void shift(Duration offset) {
        this.offset = offset;
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }
}
