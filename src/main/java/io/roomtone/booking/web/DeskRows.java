package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.Price;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Clients;
import io.roomtone.identity.UserAccount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Bookings as the studio desk lists them: with the names of their client, room, staff and service
 * instead of ids, looked up once per page (three queries, whatever the page's length).
 */
@Component
class DeskRows {

    /**
     * One booking with the names a person reads, and the client's phone (null when they have none):
     * the desk calls a walk-in who gave no e-mail.
     */
    record Row(Booking booking, String client, String clientPhone, String room, String staff, String service) {

        /** The CSS class of its status chip (the chip also says the status in words). */
        public String chip() {
            return "chip-"
                    + booking.status()
                            .json()
                            .replace("awaiting_approval", "pending")
                            .replace('_', '-');
        }
    }

    private final Rooms rooms;
    private final StaffMembers staff;
    private final Clients clients;

    DeskRows(Rooms rooms, StaffMembers staff, Clients clients) {
        this.rooms = rooms;
        this.staff = staff;
        this.clients = clients;
    }

    List<Row> of(List<Booking> bookings) {
        if (bookings.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> roomNames = roomNames();
        Map<UUID, String> staffNames = staffNames();
        Map<UUID, UserAccount> clientAccounts =
                clients.accounts(bookings.stream().map(Booking::clientId).toList());
        return bookings.stream()
                .map(b -> new Row(
                        b,
                        Optional.ofNullable(clientAccounts.get(b.clientId()))
                                .map(UserAccount::name)
                                .orElse("—"),
                        Optional.ofNullable(clientAccounts.get(b.clientId()))
                                .map(UserAccount::phone)
                                .orElse(null),
                        roomNames.getOrDefault(b.roomId(), "—"),
                        b.staffIds().stream()
                                .map(id -> staffNames.getOrDefault(id, "—"))
                                .collect(Collectors.joining(", ")),
                        service(b)))
                .toList();
    }

    Row of(Booking booking) {
        return of(List.of(booking)).get(0);
    }

    Map<UUID, String> roomNames() {
        return rooms.list(false).stream().collect(Collectors.toMap(Room::id, Room::name, (a, b) -> a));
    }

    Map<UUID, String> staffNames() {
        return staff.list(false).stream().collect(Collectors.toMap(StaffMember::id, StaffMember::name, (a, b) -> a));
    }

    List<Room> rooms() {
        return rooms.list(false);
    }

    List<StaffMember> staff() {
        return staff.list(false);
    }

    /** The booked service: the line that is not an add-on. */
    static String service(Booking booking) {
        return booking.lines().stream()
                .filter(line -> !line.isAddon())
                .map(Price.Line::name)
                .findFirst()
                .orElse("—");
    }
}
