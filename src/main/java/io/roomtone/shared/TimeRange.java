package io.roomtone.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time {@code [start, end)}. */
public record TimeRange(Instant start, Instant end) implements Comparable<TimeRange> {

    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("A span ends after it starts: " + start + " .. " + end);
        }
    }

    public boolean overlaps(TimeRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public boolean contains(TimeRange other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    /** This span grown by {@code before} and {@code after}: a session's blocked range. */
    public TimeRange widen(Duration before, Duration after) {
        return new TimeRange(start.minus(before), end.plus(after));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public int compareTo(TimeRange other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : end.compareTo(other.end);
    }
}
