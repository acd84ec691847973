package io.roomtone.shared;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of a {@code PATCH} (JSON merge patch, RFC 7396) or a replacing {@code PUT} of an
 * admin resource into the resource's draft, whose null fields mean "not sent", plus the set of
 * fields to clear. Each resource declares its fields once, by kind:
 *
 * <ul>
 *   <li><b>required</b>: must be present in a PUT; null in a PATCH is a 400 (it cannot be cleared);
 *   <li><b>defaulted</b>: left out of a PUT, or null in a PATCH, it goes back to its default;
 *   <li><b>clearable</b>: left out of a PUT, or null in a PATCH, it is cleared (null or empty);
 *   <li><b>kept</b>: write-only fields such as a password; left out, they keep their value, and null
 *       is a 400.
 * </ul>
 *
 * Fields not declared are refused (400 naming the field). Top-level members merge; an object value
 * (a policy) replaces the stored one as a whole. Values are read with the API's own JSON rules, so
 * a value of the wrong type is refused exactly as in a POST.
 */
public final class MergePatch {

    /** The declared fields of one resource. */
    public record Fields(Set<String> required, Map<String, Object> defaulted, Set<String> clearable, Set<String> kept) {

        public static Fields of() {
            return new Fields(Set.of(), Map.of(), Set.of(), Set.of());
        }

        public Fields required(String... names) {
            return new Fields(union(required, names), defaulted, clearable, kept);
        }

        public Fields defaulted(String name, Object value) {
            Map<String, Object> more = new LinkedHashMap<>(defaulted);
            more.put(name, value);
            return new Fields(required, Map.copyOf(more), clearable, kept);
        }

        public Fields clearable(String... names) {
            return new Fields(required, defaulted, union(clearable, names), kept);
        }

        public Fields kept(String... names) {
            return new Fields(required, defaulted, clearable, union(kept, names));
        }

        boolean known(String name) {
            return required.contains(name)
                    || defaulted.containsKey(name)
                    || clearable.contains(name)
                    || kept.contains(name);
        }

        private static Set<String> union(Set<String> set, String... names) {
            Set<String> more = new LinkedHashSet<>(set);
            more.addAll(java.util.List.of(names));
            return Set.copyOf(more);
        }
    }

    /**
     * What a request changes: {@code draft} holds the values sent (null: keep), {@code cleared} the
     * fields to clear.
     */
    public record Update<D>(D draft, Set<String> cleared) {}

    private MergePatch() {}

    /** A merge patch: missing keeps, null clears (or resets a default), a value replaces. */
    public static <D> Update<D> patch(JsonMapper json, Map<String, ?> body, Class<D> draft, Fields fields) {
        requireKnown(body, fields);
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> cleared = new HashSet<>();
        Validation validation = new Validation();
        body.forEach((name, value) -> {
            if (value != null) {
                values.put(name, value);
            } else if (fields.defaulted().containsKey(name)) {
                values.put(name, fields.defaulted().get(name));
            } else if (fields.clearable().contains(name)) {
                cleared.add(name);
            } else {
                validation.check(false, name, "cannot be cleared; send a value or leave it out");
            }
        });
        validation.throwIfInvalid();
        return new Update<>(read(json, values, draft), Set.copyOf(cleared));
    }

    /** A replacing PUT: required fields must be sent, every other field left out is reset or cleared. */
    public static <D> Update<D> replace(JsonMapper json, Map<String, ?> body, Class<D> draft, Fields fields) {
        requireKnown(body, fields);
        Validation validation = new Validation();
        fields.required().stream().sorted().forEach(name -> validation.require(body.get(name), name));
        fields.kept().stream()
                .filter(name -> body.containsKey(name) && body.get(name) == null)
                .sorted()
                .forEach(name -> validation.check(false, name, "cannot be cleared; send a value or leave it out"));
        validation.throwIfInvalid();
        Map<String, Object> values = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            if (value != null) {
                values.put(name, value);
            }
        });
        fields.defaulted().forEach(values::putIfAbsent);
        Set<String> cleared = new HashSet<>();
        for (String name : fields.clearable()) {
            if (body.get(name) == null) {
                cleared.add(name);
            }
        }
        return new Update<>(read(json, values, draft), Set.copyOf(cleared));
    }

    private static void requireKnown(Map<String, ?> body, Fields fields) {
        Validation validation = new Validation();
        body.keySet().stream()
                .filter(name -> !fields.known(name))
                .sorted()
                .forEach(name -> validation.check(false, name, "is not a known field"));
        validation.throwIfInvalid();
    }

    /**
     * A value of a merge patch or PUT that the API's JSON rules refuse (a string where a number
     * belongs); the HTTP layer answers it as it answers the same mistake in a POST body, naming the
     * field from {@link #getCause() Jackson's exception}.
     */
    public static final class UnreadableValue extends RuntimeException {
        UnreadableValue(JacksonException cause) {
            super(cause.getOriginalMessage(), cause);
        }

        @Override
        public synchronized JacksonException getCause() {
            return (JacksonException) super.getCause();
        }
    }

    /** Reads the values with the API's JSON rules. */
    private static <D> D read(JsonMapper json, Map<String, Object> values, Class<D> draft) {
        try {
            return json.treeToValue(json.valueToTree(values), draft);
        } catch (JacksonException e) {
            throw new UnreadableValue(e);
        }
    }
}
