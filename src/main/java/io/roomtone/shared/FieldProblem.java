package io.roomtone.shared;

/** One offending field of a request: its JSON name (snake_case, dotted for nesting) and what is wrong. */
public record FieldProblem(String field, String message) {}
