package io.roomtone.calendar.internal;

import io.roomtone.booking.BookingStatus;
import io.roomtone.booking.CalendarEntries.Entry;
import io.roomtone.calendar.internal.IcsWriter.Event;
import io.roomtone.calendar.internal.IcsWriter.EventStatus;
import io.roomtone.calendar.internal.IcsWriter.Person;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Clients;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.UserAccount;
import io.roomtone.invoicing.InvoiceSettings;
import io.roomtone.shared.PublicAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns bookings into calendar events: for the client's own file (the studio as organizer, the
 * client as attendee, a link to the booking's page) and for the staff and room feeds (who the
 * client is and who works the session). Callers run inside a transaction of the booking's studio.
 */
@Component
public class CalendarEvents {

    private final Studios studios;
    private final Rooms rooms;
    private final StaffMembers staff;
    private final Clients clients;
    private final InvoiceSettings invoiceSettings;
    private final PublicAddress address;
    private final String organizerEmail;

    CalendarEvents(
            Studios studios,
            Rooms rooms,
            StaffMembers staff,
            Clients clients,
            InvoiceSettings invoiceSettings,
            PublicAddress address,
            @Value("${roomtone.calendar.organizer-email:}") String organizerEmail) {
        this.studios = studios;
        this.rooms = rooms;
        this.staff = staff;
        this.clients = clients;
        this.invoiceSettings = invoiceSettings;
        this.address = address;
        this.organizerEmail = organizerEmail == null ? "" : organizerEmail.strip();
    }

    /** The stable UID of a booking's event: the same in its file, in every feed, after every change. */
    public static String uid(UUID bookingId) {
        return bookingId + "@roomtone";
    }

    /** What every calendar shows of a status: requests are tentative; ended ones are cancelled. */
    public static EventStatus status(BookingStatus status) {
        return switch (status) {
            case AWAITING_APPROVAL -> EventStatus.TENTATIVE;
            case CONFIRMED, COMPLETED, NO_SHOW -> EventStatus.CONFIRMED;
            case CANCELED, REJECTED, EXPIRED -> EventStatus.CANCELLED;
        };
    }

    public Studio studio() {
        return studios.current();
    }

    /** The client's own event: stamped now, as a message about the booking is. */
    public Event clientEvent(Entry entry, java.time.Instant now) {
        Studio studio = studios.current();
        String room = rooms.find(entry.roomId()).map(Room::name).orElse("");
        String page = address.of("/me/bookings/" + entry.code());
        List<String> description = new ArrayList<>();
        description.add("Booking " + entry.code());
        if (entry.status() == BookingStatus.AWAITING_APPROVAL) {
            description.add("Awaiting the studio's approval.");
        }
        description.add("Your booking: " + page);
        UserAccount client = clients.find(entry.clientId()).orElse(null);
        return new Event(
                uid(entry.id()),
                entry.startAt(),
                entry.endAt(),
                entry.sequence(),
                now,
                entry.createdAt(),
                entry.updatedAt(),
                status(entry.status()),
                service(entry) + " at " + studio.name(),
                location(room, studio),
                String.join("\n", description),
                URI.create(page),
                organizerEmail.isEmpty() ? null : new Person(studio.name(), organizerEmail),
                client == null || client.email() == null ? null : new Person(client.name(), client.email()));
    }

    /**
     * The events of a feed. Stamped with each booking's last change rather than now, so that the
     * feed reads the same until something changes, and its ETag with it.
     */
    public List<Event> feedEvents(List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Studio studio = studios.current();
        Map<UUID, String> roomNames = rooms.list(false).stream().collect(Collectors.toMap(Room::id, Room::name));
        Map<UUID, String> staffNames =
                staff.list(false).stream().collect(Collectors.toMap(StaffMember::id, StaffMember::name));
        Map<UUID, String> clientNames = clients.names(
                entries.stream().map(Entry::clientId).filter(Objects::nonNull).collect(Collectors.toSet()));
        return entries.stream()
                .map(entry -> {
                    String room = roomNames.getOrDefault(entry.roomId(), "");
                    List<String> description = new ArrayList<>();
                    description.add("Booking " + entry.code());
                    if (clientNames.containsKey(entry.clientId())) {
                        description.add("Client: " + clientNames.get(entry.clientId()));
                    }
                    if (!room.isEmpty()) {
                        description.add("Room: " + room);
                    }
                    String working = names(entry.staffIds(), staffNames::get);
                    if (!working.isEmpty()) {
                        description.add("Staff: " + working);
                    }
                    return new Event(
                            uid(entry.id()),
                            entry.startAt(),
                            entry.endAt(),
                            entry.sequence(),
                            entry.updatedAt(),
                            entry.createdAt(),
                            entry.updatedAt(),
                            status(entry.status()),
                            room.isEmpty() ? service(entry) : service(entry) + " · " + room,
                            location(room, studio),
                            String.join("\n", description),
                            null,
                            null,
                            null);
                })
                .toList();
    }

    private static String names(Collection<UUID> ids, Function<UUID, String> name) {
        return ids.stream().map(name).filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    private static String service(Entry entry) {
        return entry.service() == null || entry.service().isBlank() ? "Session" : entry.service();
    }

    /** The room, the studio and its address (as its invoices print it), on one line. */
    private String location(String room, Studio studio) {
        List<String> parts = new ArrayList<>();
        if (!room.isBlank()) {
            parts.add(room);
        }
        parts.add(studio.name());
        String studioAddress = invoiceSettings.current().address();
        if (studioAddress != null && !studioAddress.isBlank()) {
            parts.add(studioAddress.strip().replaceAll("\\s*\\R\\s*", ", "));
        }
        return String.join(", ", parts);
    }
}
