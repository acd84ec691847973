package io.roomtone.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time {@code [start, end)}. */
public record Span(Instant start, Instant end) implements Comparable<Span> {

    public Span {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("A span ends after it starts: " + start + " .. " + end);
        }
    }

    public boolean overlaps(Span other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public boolean contains(Span other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    /** This span grown by {@code before} and {@code after}: a session's blocked range. */
    public Span widen(Duration before, Duration after) {
        return new Span(start.minus(before), end.plus(after));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public int compareTo(Span other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : end.compareTo(other.end);
    }
}
