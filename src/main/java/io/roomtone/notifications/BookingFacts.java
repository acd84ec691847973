package io.roomtone.notifications;

import io.roomtone.booking.Booking;
import io.roomtone.booking.Price;
import io.roomtone.catalog.Room;
import io.roomtone.identity.Studio;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.PublicAddress;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * What a message says about a booking, formatted for people: the PRD's template variables
 * (artist_name, booking_code, room_name, date, start_time, end_time, total, deposit, address,
 * policies_url) and a few more, times in the studio's zone with the zone named.
 *
 * @param bookingUrl where "Open your booking" leads: for the client, the booking's own "manage
 *     booking" link (no sign-in needed) while the booking can still be changed, else {@code accountUrl}
 * @param accountUrl the booking on its client's signed-in pages ({@code /me/bookings/<code>})
 */
record BookingFacts(
        String artistName,
        String bookingCode,
        String serviceName,
        String roomName,
        String date,
        String startTime,
        String endTime,
        String zone,
        String when,
        String total,
        String deposit,
        String paid,
        String owed,
        String replyBy,
        String address,
        String policiesUrl,
        String bookingUrl,
        String accountUrl,
        String studioName) {

    private static final Locale LOCALE = Locale.ENGLISH;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", LOCALE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", LOCALE);

    static BookingFacts of(
            Booking booking,
            UserAccount client,
            Room room,
            Studio studio,
            String address,
            PublicAddress publicAddress,
            String manageUrl) {
        ZoneId zone = studio.timezone();
        String date = DATE.format(booking.startAt().atZone(zone));
        String start = TIME.format(booking.startAt().atZone(zone));
        String end = TIME.format(booking.endAt().atZone(zone));
        long owed = Math.max(0, booking.totalCents() + booking.feesCents() - booking.paidCents());
        return new BookingFacts(
                client == null || client.name() == null ? "" : client.name(),
                booking.code(),
                booking.lines().stream()
                        .filter(line -> !line.isAddon())
                        .map(Price.Line::name)
                        .findFirst()
                        .orElse(""),
                room == null ? "" : room.name(),
                date,
                start,
                end,
                zone.getId(),
                date + ", " + start + "–" + end + " (" + zone.getId() + ")",
                money(booking.totalCents() + booking.feesCents(), booking.currency()),
                booking.depositCents() > 0 ? money(booking.depositCents(), booking.currency()) : null,
                money(booking.paidCents(), booking.currency()),
                owed > 0 ? money(owed, booking.currency()) : null,
                booking.decisionDueAt() == null ? null : moment(booking.decisionDueAt(), zone),
                address,
                publicAddress.of("/"),
                manageUrl != null ? manageUrl : publicAddress.of("/me/bookings/" + booking.code()),
                publicAddress.of("/me/bookings/" + booking.code()),
                studio.name());
    }

    static String moment(Instant instant, ZoneId zone) {
        return DATE.format(instant.atZone(zone)) + ", " + TIME.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    static String money(long cents, String currency) {
        NumberFormat format = NumberFormat.getCurrencyInstance(LOCALE);
        Currency unit = Currency.getInstance(currency);
        format.setCurrency(unit);
        format.setMinimumFractionDigits(unit.getDefaultFractionDigits());
        format.setMaximumFractionDigits(unit.getDefaultFractionDigits());
        return format.format(BigDecimal.valueOf(cents, unit.getDefaultFractionDigits()));
    }
}
