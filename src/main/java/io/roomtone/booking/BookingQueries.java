package io.roomtone.booking;

import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeBounds;
import io.roomtone.shared.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading bookings, with the visibility of each role. */
@Service
public class BookingQueries {

    /** The caller's own bookings, split at now: upcoming by start, past latest first. */
    public record Mine(List<Booking> upcoming, List<Booking> past) {}

    private final BookingStore store;
    private final BookingAccess access;

    BookingQueries(BookingStore store, BookingAccess access) {
        this.store = store;
        this.access = access;
    }

    /** A booking its client, its staff and the studio's admins may see; 404 for anyone else. */
    @Transactional(readOnly = true)
    public Booking get(UUID id, CurrentUser viewer) {
        return store.find(id)
                .map(BookingStore.Snapshot::booking)
                .filter(booking -> access.canSee(booking, viewer))
                .orElseThrow(() -> RoomtoneException.notFound("booking", id));
    }

    @Transactional(readOnly = true)
    public Mine mine(CurrentUser client) {
        Instant now = access.now();
        List<Booking> all = store.ofClient(client.id());
        return new Mine(
                all.stream().filter(b -> b.isUpcoming(now)).toList(),
                all.stream()
                        .filter(b -> !b.isUpcoming(now))
                        .sorted(Comparator.comparing(Booking::startAt).reversed())
                        .toList());
    }

    /** The longest span one request for a staff member's sessions may cover. */
    public static final Duration MAX_ASSIGNMENT_SPAN = Duration.ofDays(62);

    /**
     * The sessions staff member {@code staffId} works that overlap {@code [from, to)} (at most 62
     * days), by start; {@code from} defaults to now and {@code to} to a week after {@code from}.
     */
    @Transactional(readOnly = true)
    public List<Booking> assignments(UUID staffId, Instant from, Instant to) {
        Instant start = from == null ? access.now() : from;
        Instant end = to == null ? start.plus(Duration.ofDays(7)) : to;
        new Validation()
                .check(TimeBounds.contains(start), "from", TimeBounds.MESSAGE)
                .check(TimeBounds.contains(end), "to", TimeBounds.MESSAGE)
                .check(start.isBefore(end), "to", "must be after from")
                .check(
                        !start.isBefore(end) || Duration.between(start, end).compareTo(MAX_ASSIGNMENT_SPAN) <= 0,
                        "to",
                        "must be at most 62 days after from")
                .throwIfInvalid();
        return store.assignedTo(staffId, start, end);
    }

    /**
     * The studio's bookings (at most {@value BookingStore#LIST_LIMIT}), optionally by status, client
     * and time (overlapping {@code [from, to)}).
     */
    @Transactional(readOnly = true)
    public List<Booking> list(BookingStatus status, Instant from, Instant to, UUID clientId) {
        new Validation()
                .check(from == null || to == null || from.isBefore(to), "to", "must be after from")
                .throwIfInvalid();
        return store.list(new BookingStore.Filter(status, from, to, clientId));
    }
}
