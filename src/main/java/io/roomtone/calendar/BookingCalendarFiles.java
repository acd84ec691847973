package io.roomtone.calendar;

import io.roomtone.booking.CalendarEntries;
import io.roomtone.booking.CalendarEntries.Entry;
import io.roomtone.calendar.internal.CalendarEvents;
import io.roomtone.calendar.internal.IcsWriter;
import io.roomtone.calendar.internal.IcsWriter.Event;
import io.roomtone.calendar.internal.LinkKeys;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.PublicAddress;
import io.roomtone.shared.RoomtoneException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A booking's own calendar file (RFC 5545, one VEVENT): what its client's mails attach and what the
 * link in them downloads. The event keeps its UID ({@code <booking id>@roomtone}) for the booking's
 * whole life; its SEQUENCE rises with every change of time, room or status; a request awaiting
 * approval is TENTATIVE, a confirmed session CONFIRMED, and a canceled, rejected or expired booking
 * comes as METHOD:CANCEL with STATUS:CANCELLED, so that calendars strike the event rather than
 * keeping a stale one.
 *
 * <p>Works for the current studio ({@link io.roomtone.identity.Tenancy}): inside an event listener,
 * call it within {@code Tenancy.runAs(event.studioId(), ...)}.
 */
@Service
public class BookingCalendarFiles {

    private static final DateTimeFormatter BASIC_UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CalendarEntries entries;
    private final CalendarEvents events;
    private final LinkKeys keys;
    private final PublicAddress address;
    private final Clock clock;

    BookingCalendarFiles(
            CalendarEntries entries, CalendarEvents events, LinkKeys keys, PublicAddress address, Clock clock) {
        this.entries = entries;
        this.events = events;
        this.keys = keys;
        this.address = address;
        this.clock = clock;
    }

    /**
     * The booking's calendar file, METHOD chosen by its status (REQUEST, or CANCEL once it is
     * canceled, rejected or expired); a 404 problem when the studio has no such booking.
     */
    @Transactional(readOnly = true)
    public byte[] eventFile(UUID bookingId) {
        return file(entry(bookingId));
    }

    /**
     * The path of the booking's calendar file with its token ({@code /api/calendar/ics/booking/<code>.ics?token=…}):
     * anyone with it can read the file, so it goes only to the booking's client (and the studio).
     */
    @Transactional(readOnly = true)
    public String fileUrlPath(UUID bookingId) {
        return path(entry(bookingId));
    }

    /** Google, Outlook and Apple "add to calendar" links for the booking, as absolute addresses. */
    @Transactional(readOnly = true)
    public AddToCalendarLinks links(UUID bookingId) {
        Entry entry = entry(bookingId);
        Event event = events.clientEvent(entry, clock.instant());
        String file = address.of(path(entry));
        String google = UriComponentsBuilder.fromUriString("https://calendar.google.com/calendar/render")
                .queryParam("action", "TEMPLATE")
                .queryParam("text", event.summary())
                .queryParam("dates", BASIC_UTC.format(entry.startAt()) + "/" + BASIC_UTC.format(entry.endAt()))
                .queryParam("details", event.description())
                .queryParam("location", event.location())
                .queryParam("ctz", events.studio().timezone().getId())
                .encode()
                .build()
                .toUriString();
        String outlook = UriComponentsBuilder.fromUriString("https://outlook.live.com/calendar/0/action/compose")
                .queryParam("rru", "addevent")
                .queryParam("subject", event.summary())
                .queryParam("startdt", entry.startAt().toString())
                .queryParam("enddt", entry.endAt().toString())
                .queryParam("body", event.description())
                .queryParam("location", event.location())
                .encode()
                .build()
                .toUriString();
        return new AddToCalendarLinks(google, outlook, file, file);
    }

    /**
     * The file behind a link: the booking with {@code code} if {@code token} is its token. Any other
     * code or token, a booking of another studio or none at all are the same empty answer.
     */
    @Transactional(readOnly = true)
    public Optional<byte[]> fileByCode(String code, String token) {
        return entries.byCode(code)
                .filter(entry -> keys.matches(entry.id(), token))
                .map(this::file);
    }

    private byte[] file(Entry entry) {
        return IcsWriter.singleEvent(events.studio().timezone(), events.clientEvent(entry, clock.instant()));
    }

    private String path(Entry entry) {
        return "/api/calendar/ics/booking/" + entry.code() + ".ics?token=" + keys.token(entry.id());
    }

    private Entry entry(UUID bookingId) {
        return entries.find(bookingId)
                .orElseThrow(
                        () -> new RoomtoneException(ProblemCode.NOT_FOUND, "No booking with id " + bookingId + "."));
    }
}
