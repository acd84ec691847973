package io.roomtone.support;

import java.util.List;

/**
 * A problem answer as a test reads it: Roomtone's {@code code} (for example {@code slot_unavailable},
 * {@code validation_failed}), the human {@code detail}, and the fields a 400 names.
 */
public record ProblemView(String code, String detail, List<FieldError> errors) {

    public record FieldError(String field, String message) {}

    public ProblemView {
        errors = errors == null ? List.of() : errors;
    }

    /** The fields named, in the order the answer names them. */
    public List<String> fields() {
        return errors.stream().map(FieldError::field).toList();
    }

    /** The first field named ({@code ""} when none is). */
    public String field() {
        return errors.isEmpty() ? "" : errors.get(0).field();
    }

    /** The message about the first field named ({@code ""} when none is). */
    public String message() {
        return errors.isEmpty() ? "" : errors.get(0).message();
    }
}
