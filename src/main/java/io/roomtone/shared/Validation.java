package io.roomtone.shared;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the field problems of one request so that a client learns about all of them at once,
 * then throws a single {@code validation_failed}.
 */
public final class Validation {

    private final List<FieldProblem> problems = new ArrayList<>();

    public Validation require(Object value, String field) {
        return check(value != null && !(value instanceof String s && s.isBlank()), field, "is required");
    }

    /** A period: both ends required, and {@code end} after {@code start} (the problem names {@code endField}). */
    public Validation period(Instant start, String startField, Instant end, String endField) {
        return require(start, startField)
                .require(end, endField)
                .check(start == null || end == null || end.isAfter(start), endField, "must be after " + startField);
    }

    /** Records {@code message} for {@code field} unless {@code ok}; only a field's first problem is kept. */
    public Validation check(boolean ok, String field, String message) {
        if (!ok && problems.stream().noneMatch(p -> p.field().equals(field))) {
            problems.add(new FieldProblem(field, message));
        }
        return this;
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw RoomtoneException.invalid(problems);
        }
    }
}
