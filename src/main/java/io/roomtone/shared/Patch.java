package io.roomtone.shared;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One field of a JSON merge patch (RFC 7396): absent keeps the value, {@code null} clears it, any
 * other value replaces it.
 */
public sealed interface Patch<T> {

    record Keep<T>() implements Patch<T> {}

    record Clear<T>() implements Patch<T> {}

    record Set<T>(T value) implements Patch<T> {}

    static <T> Patch<T> keep() {
        return new Keep<>();
    }

    static <T> Patch<T> clear() {
        return new Clear<>();
    }

    static <T> Patch<T> set(T value) {
        return new Set<>(value);
    }

    /** The text field {@code field} of a merge patch document; any other JSON type is refused, naming the field. */
    static Patch<String> text(Map<String, ?> document, String field) {
        if (!document.containsKey(field)) {
            return keep();
        }
        Object value = document.get(field);
        if (value == null) {
            return clear();
        }
        if (value instanceof String text) {
            return set(text);
        }
        throw RoomtoneException.invalid(field, "must be a string or null");
    }

    /**
     * A field of an update whose draft uses null for "not sent": the new value is {@code given}, or
     * {@code current} when not sent, or null when {@code field} is one of the {@code cleared} fields
     * (sent as null in a merge patch, or left out of a PUT that replaces the resource).
     */
    static <T> T resolve(T given, T current, java.util.Set<String> cleared, String field) {
        if (cleared.contains(field)) {
            return null;
        }
        return given != null ? given : current;
    }

    /** The new value, or {@code current} when the patch keeps it ({@code null} when it clears it). */
    default T applyTo(T current) {
        if (this instanceof Set<T> set) {
            return set.value();
        }
        return this instanceof Clear<T> ? null : current;
    }

    default boolean keeps() {
        return this instanceof Keep<T>;
    }

    default <R> Patch<R> map(Function<T, R> mapping) {
        if (this instanceof Set<T> set) {
            return set(mapping.apply(set.value()));
        }
        return this instanceof Clear<T> ? clear() : keep();
    }

    /** The value set, if the patch sets one. */
    default Optional<T> setValue() {
        return this instanceof Set<T> s ? Optional.ofNullable(s.value()) : Optional.empty();
    }
}
