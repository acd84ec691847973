package io.roomtone.booking;

import io.roomtone.identity.CurrentUser;
import io.roomtone.scheduling.CancellationPolicy;
import io.roomtone.scheduling.ReschedulePolicy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeBounds;
import io.roomtone.shared.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading bookings, with the visibility of each role. */
@Service
public class BookingQueries {

    /** The caller's own bookings, split at now: upcoming by start, past latest first. */
    public record Mine(List<Booking> upcoming, List<Booking> past) {}

    /**
     * One booking with the policies it was made under, and what its viewer may still do with it.
     *
     * @param mayReschedule whether the viewer may move it now (its status allows it, and a client
     *     only before the start)
     * @param mayCancel the same for cancelling
     */
    public record Detail(
            Booking booking,
            CancellationPolicy cancellation,
            ReschedulePolicy reschedule,
            boolean mayReschedule,
            boolean mayCancel) {}

    /** Booking codes as {@link BookingStore} makes them: anything else cannot name a booking. */
    private static final Pattern CODE = Pattern.compile("[A-Z2-9]{4}-[A-Z2-9]{4}");

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

    /**
     * The viewer's own booking by its code (typed in any case). Anyone else's booking, a code of
     * another studio or no booking at all are the same 404, so that codes cannot be probed.
     */
    @Transactional(readOnly = true)
    public Detail ownByCode(String code, CurrentUser client) {
        return byCode(code, client, booking -> booking.clientId().equals(client.id()));
    }

    /** A booking's receipt: for its client and the studio's admins; a 404 for everyone else. */
    @Transactional(readOnly = true)
    public Detail receiptByCode(String code, CurrentUser viewer) {
        return byCode(
                code,
                viewer,
                booking -> viewer.role().isAdmin() || booking.clientId().equals(viewer.id()));
    }

    private Detail byCode(String code, CurrentUser viewer, Predicate<Booking> visible) {
        String normalized = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(normalized).matches()) {
            throw new RoomtoneException(ProblemCode.NOT_FOUND, "There is no booking with this code.");
        }
        BookingStore.Snapshot snapshot = store.findByCode(normalized)
                .filter(s -> visible.test(s.booking()))
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.NOT_FOUND, "You have no booking with code " + normalized + "."));
        Booking booking = snapshot.booking();
        Instant now = access.now();
        boolean changeable = BookingAccess.stillChangeable(booking, viewer, now)
                && (viewer.role().isAdmin() || booking.clientId().equals(viewer.id()));
        return new Detail(
                booking,
                snapshot.cancellation(),
                snapshot.reschedule(),
                changeable && BookingMove.RESCHEDULE.from().contains(booking.status()),
                changeable && BookingMove.CANCEL.from().contains(booking.status()));
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
