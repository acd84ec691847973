package io.roomtone.platform.web;

import io.roomtone.shared.TimeBounds;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Strict readers for the dates and times of every request body: ISO-8601 text only, never numbers
 * (epoch seconds) or instants without an offset, failing with an {@link InvalidFormatException}
 * that the error handler turns into a problem naming the field.
 */
final class StrictTimes {

    private StrictTimes() {}

    static SimpleModule module() {
        return new SimpleModule("strict-times")
                // Instant.toString() is ISO-8601 in UTC ("2026-05-01T14:00:00Z") and several times
                // faster than the formatter-based default: slot lists carry thousands of instants
                .addSerializer(Instant.class, new ValueSerializer<Instant>() {
                    @Override
                    public void serialize(Instant value, JsonGenerator gen, SerializationContext context) {
                        gen.writeString(value.toString());
                    }
                })
                .addDeserializer(LocalTime.class, new Time())
                .addDeserializer(LocalDate.class, new Date())
                .addDeserializer(Instant.class, new Moment());
    }

    private static boolean withinBounds(Object value) {
        if (value instanceof Instant instant) {
            return TimeBounds.contains(instant);
        }
        if (value instanceof LocalDate date) {
            return TimeBounds.contains(date);
        }
        return true;
    }

    private abstract static class Strict<T> extends ValueDeserializer<T> {

        private final Class<T> type;
        private final Function<String, T> parse;

        Strict(Class<T> type, Function<String, T> parse) {
            this.type = type;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String text = p.getString().strip();
            T value;
            try {
                value = parse.apply(text);
            } catch (DateTimeException e) {
                throw InvalidFormatException.from(p, "Not a valid " + type.getSimpleName(), text, type);
            }
            if (!withinBounds(value)) {
                throw InvalidFormatException.from(p, type.getSimpleName() + " " + TimeBounds.MESSAGE, text, type);
            }
            return value;
        }
    }

    /** {@code HH:mm}, or {@code HH:mm:ss} (refused later unless whole minutes). */
    static final class Time extends Strict<LocalTime> {
        Time() {
            super(LocalTime.class, LocalTime::parse);
        }
    }

    /** {@code YYYY-MM-DD}. */
    static final class Date extends Strict<LocalDate> {
        Date() {
            super(LocalDate.class, LocalDate::parse);
        }
    }

    /** ISO-8601 with {@code Z} or any offset, such as {@code 2026-03-08T10:00:00-05:00}. */
    static final class Moment extends Strict<Instant> {
        Moment() {
            super(Instant.class, text -> OffsetDateTime.parse(text).toInstant());
        }
    }
}
