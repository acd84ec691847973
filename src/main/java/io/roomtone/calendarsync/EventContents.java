package io.roomtone.calendarsync;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.identity.Clients;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a booking's calendar event says, read when it is sent (so a retry sends the booking as it is
 * then), and the studio's one setting about it: whether its clients are invited as optional guests.
 * Call within a transaction.
 */
@Component
class EventContents {

    private final BookingQueries bookings;
    private final Rooms rooms;
    private final Studios studios;
    private final Clients clients;
    private final JdbcClient jdbc;

    EventContents(BookingQueries bookings, Rooms rooms, Studios studios, Clients clients, JdbcClient jdbc) {
        this.bookings = bookings;
        this.rooms = rooms;
        this.studios = studios;
        this.clients = clients;
        this.jdbc = jdbc;
    }

    Optional<EventContent> of(UUID bookingId) {
        return bookings.ofStudio(bookingId).map(this::of);
    }

    private EventContent of(Booking booking) {
        String room = rooms.find(booking.roomId()).map(Room::name).orElse("Room");
        Optional<String> guest = invitesClients() && booking.clientId() != null
                ? clients.find(booking.clientId()).map(UserAccount::email).filter(e -> e != null && !e.isBlank())
                : Optional.empty();
        return new EventContent(
                booking.code(),
                room,
                booking.startAt(),
                booking.endAt(),
                studios.current().timezone(),
                guest);
    }

    /** Whether the current studio puts its clients on its staff's events as optional guests (off by default). */
    boolean invitesClients() {
        return jdbc.sql("SELECT invite_clients FROM calendar_sync_settings WHERE studio_id = :studio")
                .param("studio", Tenancy.currentStudioId())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    void inviteClients(boolean invite) {
        jdbc.sql(
                        """
                        INSERT INTO calendar_sync_settings (studio_id, invite_clients) VALUES (:studio, :invite)
                        ON CONFLICT (studio_id) DO UPDATE SET invite_clients = EXCLUDED.invite_clients
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("invite", invite)
                .update();
    }
}
