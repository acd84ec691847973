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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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

    /**
     * What the studio desk's list filters by; absent (null) criteria do not filter.
     *
     * @param from with {@code to}: sessions overlapping {@code [from, to)}
     * @param clientText part of the client's name, e-mail or phone, any case
     * @param code a booking code, with or without its dash, any case
     */
    public record Search(
            BookingStatus status,
            Instant from,
            Instant to,
            UUID roomId,
            UUID staffId,
            UUID clientId,
            String clientText,
            String code) {

        public static Search all() {
            return new Search(null, null, null, null, null, null, null, null);
        }

        /** The requests awaiting approval (the approval queue). */
        public static Search awaitingApproval() {
            return new Search(BookingStatus.AWAITING_APPROVAL, null, null, null, null, null, null, null);
        }

        public static Search ofClient(UUID clientId) {
            return new Search(null, null, null, null, null, clientId, null, null);
        }
    }

    /** How a page is sorted. */
    public enum Order {
        /** The latest sessions first. */
        LATEST_START,
        /** The earliest sessions first. */
        EARLIEST_START,
        /** The soonest decision deadline first: the approval queue. */
        DEADLINE
    }

    /**
     * One page of bookings and how many match on all pages together, so that a list never stops
     * silently: {@code offset + items.size() < total} means there is a next page.
     */
    public record Page(List<Booking> items, long total, int offset, int limit) {

        public boolean hasNext() {
            return offset + items.size() < total;
        }

        public boolean hasPrevious() {
            return offset > 0;
        }

        /** The 1-based number of this page, and of the last one (1 when nothing matches). */
        public int number() {
            return offset / limit + 1;
        }

        public int last() {
            return (int) Math.max(1, (total + limit - 1) / limit);
        }
    }

    /** The largest page; the deepest offset a page may start at (far beyond any studio's bookings). */
    public static final int MAX_LIMIT = 200;

    public static final int MAX_OFFSET = 10_000_000;

    private final BookingStore store;
    private final BookingAccess access;

    BookingQueries(BookingStore store, BookingAccess access) {
        this.store = store;
        this.access = access;
    }

    /**
     * The studio's booking {@code id}, for modules that act for the studio itself (invoicing);
     * empty when it has none. Not for answering a person: {@link #get} checks who may see it.
     */
    @Transactional(readOnly = true)
    public Optional<Booking> ofStudio(UUID id) {
        return store.find(id).map(BookingStore.Snapshot::booking);
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

    /**
     * A page of the studio's bookings matching {@code search}: {@code limit} (1 to
     * {@value #MAX_LIMIT}) from {@code offset}, with the total count.
     */
    @Transactional(readOnly = true)
    public Page page(Search search, Order order, int offset, int limit) {
        new Validation()
                .check(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT)
                .check(offset >= 0 && offset <= MAX_OFFSET, "offset", "must be between 0 and " + MAX_OFFSET)
                .check(
                        search.from() == null
                                || search.to() == null
                                || search.from().isBefore(search.to()),
                        "to",
                        "must be after from")
                .check(
                        search.clientText() == null || search.clientText().length() <= 200,
                        "client",
                        "must be at most 200 characters")
                .check(search.code() == null || search.code().length() <= 20, "code", "must be at most 20 characters")
                .throwIfInvalid();
        BookingStore.Search where = new BookingStore.Search(
                search.status(),
                search.from(),
                search.to(),
                search.roomId(),
                search.staffId(),
                search.clientId(),
                blankToNull(search.clientText()),
                blankToNull(search.code()));
        BookingStore.Order sort =
                switch (order) {
                    case LATEST_START -> BookingStore.Order.LATEST_START;
                    case EARLIEST_START -> BookingStore.Order.EARLIEST_START;
                    case DEADLINE -> BookingStore.Order.DEADLINE;
                };
        return new Page(store.page(where, sort, offset, limit), store.count(where), offset, limit);
    }

    /**
     * The studio's moves {@code booking} allows now, named as the desk's actions ({@code approve},
     * {@code reject}, {@code assign-staff}, {@code reschedule}, {@code cancel}, {@code no-show}):
     * what {@link BookingMove} allows from its status, with the same time limits as the moves.
     */
    public Set<String> studioActions(Booking booking) {
        Instant now = access.now();
        Set<String> actions = new LinkedHashSet<>();
        boolean undecided = booking.decisionDueAt() == null || now.isBefore(booking.decisionDueAt());
        if (BookingMove.APPROVE.from().contains(booking.status()) && undecided) {
            actions.add("approve");
        }
        if (BookingMove.REJECT.from().contains(booking.status())) {
            actions.add("reject");
        }
        if (BookingMove.ASSIGN_STAFF.from().contains(booking.status())) {
            actions.add("assign-staff");
        }
        if (BookingMove.RESCHEDULE.from().contains(booking.status())) {
            actions.add("reschedule");
        }
        if (BookingMove.CANCEL.from().contains(booking.status())) {
            actions.add("cancel");
        }
        if (BookingMove.MARK_NO_SHOW.from().contains(booking.status())
                && !booking.startAt().isAfter(now)) {
            actions.add("no-show");
        }
        return actions;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
