package io.roomtone.platform.web;

import io.roomtone.shared.TimeBounds;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Instants and dates in query parameters and paths are read as strictly as in JSON bodies (see
 * {@link StrictTimes}): ISO-8601 within {@link TimeBounds}, so that {@code from=-999999999-01-01…}
 * is a 400 naming the parameter rather than an overflow further down.
 */
@Configuration(proxyBeanMethods = false)
class TimeParameters implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
            @Override
            public Instant parse(String text, Locale locale) {
                Instant instant = OffsetDateTime.parse(text.strip()).toInstant();
                if (!TimeBounds.contains(instant)) {
                    throw new DateTimeException(TimeBounds.MESSAGE);
                }
                return instant;
            }

            @Override
            public String print(Instant instant, Locale locale) {
                return instant.toString();
            }
        });
        registry.addFormatterForFieldType(LocalDate.class, new Formatter<LocalDate>() {
            @Override
            public LocalDate parse(String text, Locale locale) {
                LocalDate date = LocalDate.parse(text.strip());
                if (!TimeBounds.contains(date)) {
                    throw new DateTimeException(TimeBounds.MESSAGE);
                }
                return date;
            }

            @Override
            public String print(LocalDate date, Locale locale) {
                return date.toString();
            }
        });
    }
}
