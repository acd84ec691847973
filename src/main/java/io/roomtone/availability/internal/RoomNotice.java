package io.roomtone.availability.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * That a studio's room changed over a span of time: a hold or a booking was placed, moved, decided or
 * released there. Carried between nodes by PostgreSQL notifications on {@link #CHANNEL} (see {@link
 * OccupancyAnnouncer}) and pushed to the server-sent event streams that watch the room and its days
 * ({@link LiveStreams}). It names no client, booking or person: the streams are public.
 *
 * @param staffToo whether staff were taken or freed as well: then sessions in other rooms with the
 *     same engineer may have changed, and every room of the studio is told
 * @param heldUntil when a hold placed here lapses (no row changes then, yet the slot comes free);
 *     null for anything else
 */
public record RoomNotice(
        UUID studioId, UUID roomId, Instant from, Instant to, boolean staffToo, @Nullable Instant heldUntil) {

    /** The notification channel every node listens on (next to {@link VersionFeed#CHANNEL}). */
    public static final String CHANNEL = "roomtone_live";

    /**
     * The most bytes one notification payload carries: PostgreSQL refuses 8000 and more. Notices are
     * about 120 bytes each, so a batch of a thousand bookings takes about sixteen notifications.
     */
    static final int MAX_PAYLOAD = 7_900;

    /** The most days one notice reaches on a stream (a closure may span months; a board shows a week). */
    static final int MOST_DAYS = 62;

    /** One line of a payload: {@code studio room fromMillis toMillis s|- heldUntilMillis|-}. */
    String encode() {
        return studioId + " " + roomId + " " + from.toEpochMilli() + " " + to.toEpochMilli() + " "
                + (staffToo ? "s" : "-") + " " + (heldUntil == null ? "-" : Long.toString(heldUntil.toEpochMilli()));
    }

    /** The notice of one payload line; empty for a line this version cannot read. */
    static Optional<RoomNotice> decode(String line) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 6) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RoomNotice(
                    UUID.fromString(parts[0]),
                    UUID.fromString(parts[1]),
                    Instant.ofEpochMilli(Long.parseLong(parts[2])),
                    Instant.ofEpochMilli(Long.parseLong(parts[3])),
                    "s".equals(parts[4]),
                    "-".equals(parts[5]) ? null : Instant.ofEpochMilli(Long.parseLong(parts[5]))));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@code notices} as payloads of at most {@link #MAX_PAYLOAD} bytes each, one notice a line. */
    static List<String> payloads(List<RoomNotice> notices) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (RoomNotice notice : notices) {
            String line = notice.encode();
            if (payload.length() > 0 && payload.length() + 1 + line.length() > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(0);
            }
            if (payload.length() > 0) {
                payload.append('\n');
            }
            payload.append(line);
        }
        if (payload.length() > 0) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    /** The notices of one payload, skipping lines it cannot read. */
    static List<RoomNotice> read(String payload) {
        return payload.lines().map(RoomNotice::decode).flatMap(Optional::stream).toList();
    }

    /** The same notice once its hold has lapsed: nothing further to wait for. */
    RoomNotice lapsed() {
        return new RoomNotice(studioId, roomId, from, to, staffToo, null);
    }

    /**
     * The studio days (in {@code zone}) this notice touches, at most {@link #MOST_DAYS}: a range that
     * ends at midnight does not touch the day that begins then.
     */
    List<LocalDate> days(ZoneId zone) {
        LocalDate first = from.atZone(zone).toLocalDate();
        LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last) && days.size() < MOST_DAYS; day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }
}
