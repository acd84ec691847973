package io.roomtone.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyContainer;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;

/** Calendar files and feeds as a calendar app reads them: parsed (and validated) with ical4j. */
public record Ics(Calendar calendar) {

    public static Ics parse(String text) {
        try {
            Calendar calendar = new CalendarBuilder().build(new StringReader(text));
            calendar.validate();
            return new Ics(calendar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserException e) {
            throw new AssertionError("Not a calendar: " + e.getMessage() + "\n" + text, e);
        }
    }

    /** A property of the calendar itself (METHOD, PRODID, X-WR-CALNAME, ...), if present. */
    public Optional<String> property(String name) {
        return value(calendar, name);
    }

    public List<VEvent> events() {
        return calendar.getComponents(Component.VEVENT);
    }

    public VEvent only() {
        List<VEvent> events = events();
        if (events.size() != 1) {
            throw new AssertionError("Expected one event, found " + events.size());
        }
        return events.get(0);
    }

    /** The TZIDs of the calendar's VTIMEZONEs. */
    public List<String> timeZones() {
        return calendar.getComponents(Component.VTIMEZONE).stream()
                .map(zone -> value((PropertyContainer) zone, Property.TZID).orElseThrow())
                .toList();
    }

    public static Optional<String> value(PropertyContainer container, String name) {
        return container.getProperty(name).map(Property::getValue);
    }

    public static String uid(VEvent event) {
        return value(event, Property.UID).orElseThrow();
    }

    public static int sequence(VEvent event) {
        return Integer.parseInt(value(event, Property.SEQUENCE).orElseThrow());
    }

    public static String status(VEvent event) {
        return value(event, Property.STATUS).orElseThrow();
    }

    /** The TZID parameter of DTSTART (empty for a UTC time). */
    public static Optional<String> startZone(VEvent event) {
        Property start = event.getProperty(Property.DTSTART).orElseThrow();
        return start.getParameter(Parameter.TZID).map(Parameter::getValue);
    }

    public static Instant start(VEvent event) {
        return instant(event, Property.DTSTART);
    }

    public static Instant end(VEvent event) {
        return instant(event, Property.DTEND);
    }

    private static Instant instant(VEvent event, String name) {
        DateProperty<?> property = event.<DateProperty<?>>getProperty(name).orElseThrow();
        Temporal date = property.getDate();
        return Instant.from(date);
    }
}
