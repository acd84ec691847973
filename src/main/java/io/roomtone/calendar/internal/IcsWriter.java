package io.roomtone.calendar.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes RFC 5545 calendars with ical4j: one booking's event (METHOD:REQUEST or CANCEL) or a
 * subscription feed. Times are written in the studio's zone with its VTIMEZONE, built from the
 * {@link Instant}s (a UTC {@link ZonedDateTime} would come out as the invalid {@code TZID=Z}); a
 * studio on UTC or a fixed offset gets plain UTC times instead.
 */
public final class IcsWriter {

    /** Who answers for a booking: the studio, with the address its mails come from. */
    public record Person(String name, String email) {}

    /** What a calendar shows of one booking. */
    public record Event(
            String uid,
            Instant start,
            Instant end,
            int sequence,
            Instant stamp,
            Instant created,
            Instant lastModified,
            EventStatus status,
            String summary,
            String location,
            String description,
            URI url,
            Person organizer,
            Person attendee) {}

    public enum EventStatus {
        TENTATIVE,
        CONFIRMED,
        CANCELLED
    }

    static final String PRODUCT = "-//Roomtone//Roomtone Calendar 1.0//EN";

    /** How often subscribed calendars are asked to come back (RFC 7986; Outlook reads the X- one). */
    private static final Duration REFRESH = Duration.ofMinutes(15);

    // the registry loads its definitions from the jar once and caches them; it is thread-safe
    private static final TimeZoneRegistry ZONES =
            TimeZoneRegistryFactory.getInstance().createRegistry();

    private IcsWriter() {}

    /** A file with one event: METHOD:CANCEL for a cancelled one, otherwise METHOD:REQUEST. */
    public static byte[] singleEvent(ZoneId zone, Event event) {
        Method method = event.status() == EventStatus.CANCELLED ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST;
        Calendar calendar = calendar(zone, method);
        calendar.add(vevent(zone, event));
        return bytes(calendar);
    }

    /** A subscription feed named {@code name} with {@code events} (possibly none). */
    public static byte[] feed(ZoneId zone, String name, List<Event> events) {
        Calendar calendar = calendar(zone, ImmutableMethod.PUBLISH);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        calendar.add(new XProperty("X-WR-TIMEZONE", zone.getId()));
        calendar.add(new RefreshInterval(
                new ParameterList(List.of(net.fortuna.ical4j.model.parameter.Value.DURATION)), REFRESH));
        calendar.add(new XProperty("X-PUBLISHED-TTL", "PT" + REFRESH.toMinutes() + "M"));
        events.forEach(event -> calendar.add(vevent(zone, event)));
        return bytes(calendar);
    }

    private static Calendar calendar(ZoneId zone, Method method) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(method);
        timeZone(zone).ifPresent(tz -> calendar.add(tz.getVTimeZone()));
        return calendar;
    }

    private static VEvent vevent(ZoneId zone, Event event) {
        VEvent vevent = new VEvent(time(zone, event.start()), time(zone, event.end()), event.summary());
        vevent.replace(new DtStamp(event.stamp()));
        vevent.add(new Uid(event.uid()));
        vevent.add(new Sequence(event.sequence()));
        vevent.add(new Created(event.created()));
        vevent.add(new LastModified(event.lastModified()));
        vevent.add(status(event.status()));
        // a cancelled session no longer keeps anyone busy
        vevent.add(event.status() == EventStatus.CANCELLED ? ImmutableTransp.TRANSPARENT : ImmutableTransp.OPAQUE);
        if (event.location() != null && !event.location().isBlank()) {
            vevent.add(new Location(event.location()));
        }
        if (event.description() != null && !event.description().isBlank()) {
            vevent.add(new Description(event.description()));
        }
        if (event.url() != null) {
            vevent.add(new Url(event.url()));
        }
        if (event.organizer() != null) {
            vevent.add(new Organizer(
                    new ParameterList(List.of(new Cn(event.organizer().name()))),
                    URI.create("mailto:" + event.organizer().email())));
        }
        if (event.attendee() != null) {
            vevent.add(new Attendee(
                    new ParameterList(List.of(
                            new Cn(event.attendee().name()),
                            Role.REQ_PARTICIPANT,
                            // they asked for the booking themselves: no RSVP buttons
                            event.status() == EventStatus.TENTATIVE ? PartStat.TENTATIVE : PartStat.ACCEPTED,
                            Rsvp.FALSE)),
                    URI.create("mailto:" + event.attendee().email())));
        }
        return vevent;
    }

    private static Status status(EventStatus status) {
        return switch (status) {
            case TENTATIVE -> ImmutableStatus.VEVENT_TENTATIVE;
            case CONFIRMED -> ImmutableStatus.VEVENT_CONFIRMED;
            case CANCELLED -> ImmutableStatus.VEVENT_CANCELLED;
        };
    }

    /** In the studio's zone when it has a VTIMEZONE, else in UTC. */
    private static Temporal time(ZoneId zone, Instant instant) {
        return timeZone(zone).isPresent() ? ZonedDateTime.ofInstant(instant, zone) : instant;
    }

    /** The zone's definition; none for UTC, fixed offsets and zones ical4j does not know. */
    static Optional<TimeZone> timeZone(ZoneId zone) {
        if (zone instanceof ZoneOffset || zone.getRules().isFixedOffset()) {
            return Optional.empty();
        }
        return Optional.ofNullable(ZONES.getTimeZone(zone.getId()));
    }

    private static byte[] bytes(Calendar calendar) {
        return calendar.toString().getBytes(StandardCharsets.UTF_8);
    }
}
