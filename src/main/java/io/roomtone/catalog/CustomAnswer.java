package io.roomtone.catalog;

/**
 * A booking's answer to one of its service's {@link CustomField}s, with the field's label and type
 * as they were when the booking was requested.
 *
 * @param value a string (text, date {@code yyyy-MM-dd}, select), a number, a boolean (checkbox), or
 *     null when the field was left unanswered
 */
public record CustomAnswer(String key, String label, CustomField.Type type, Object value) {}
