package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingStatus;
import io.roomtone.booking.Price;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A client's bookings as their pages show them: with the room's and the session's names (a room
 * renamed or retired since keeps its booking readable) and the chip of its status.
 */
@Component
class ShownBookings {

    /**
     * One booking, ready for a page.
     *
     * @param room the room's name, empty when the studio removed the room
     * @param service the booked session's name, as snapshotted on the booking
     * @param chip the CSS class of its status chip (the chip always carries the status in words too)
     */
    record Shown(Booking booking, String room, String service, String chip, int minutes) {

        /** The message key of the status, e.g. {@code account.status.no_show}. */
        public String statusKey() {
            return "account.status." + booking.status().json();
        }

        public UUID sessionServiceId() {
            return booking.lines().stream()
                    .filter(l -> !l.isAddon())
                    .findFirst()
                    .map(Price.Line::serviceId)
                    .orElseThrow();
        }

        /**
         * What is left to pay at the studio: the total and the fees charged on top of it (a
         * reschedule's) less what was paid and kept; nothing for a session that will not take place
         * (rejected, canceled, expired).
         */
        public long dueCents() {
            boolean owed = booking.status().holdsItsSlot()
                    || booking.status() == BookingStatus.COMPLETED
                    || booking.status() == BookingStatus.NO_SHOW;
            return owed ? Math.max(0, booking.totalCents() + booking.feesCents() - booking.paidCents()) : 0;
        }
    }

    private final Rooms rooms;

    ShownBookings(Rooms rooms) {
        this.rooms = rooms;
    }

    Shown show(Booking booking) {
        return show(booking, roomNames());
    }

    List<Shown> show(List<Booking> bookings) {
        Map<UUID, String> names = roomNames();
        return bookings.stream().map(b -> show(b, names)).toList();
    }

    private Map<UUID, String> roomNames() {
        return rooms.list(false).stream().collect(Collectors.toMap(Room::id, Room::name, (a, b) -> a));
    }

    private static Shown show(Booking booking, Map<UUID, String> roomNames) {
        String service = booking.lines().stream()
                .filter(l -> !l.isAddon())
                .map(Price.Line::name)
                .findFirst()
                .orElse("");
        return new Shown(booking, roomNames.getOrDefault(booking.roomId(), ""), service, chip(booking.status()), (int)
                Duration.between(booking.startAt(), booking.endAt()).toMinutes());
    }

    /** The chip classes of roomtone.css: pending is hatched and dashed, no-show struck through. */
    static String chip(BookingStatus status) {
        return switch (status) {
            case AWAITING_APPROVAL -> "chip-pending";
            case CONFIRMED -> "chip-confirmed";
            case REJECTED -> "chip-rejected";
            case CANCELED -> "chip-canceled";
            case EXPIRED -> "chip-expired";
            case COMPLETED -> "chip-completed";
            case NO_SHOW -> "chip-no-show";
        };
    }
}
