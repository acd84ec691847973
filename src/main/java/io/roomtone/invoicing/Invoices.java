package io.roomtone.invoicing;

import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeBounds;
import io.roomtone.shared.Validation;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading invoices and credit notes: the studio sees its own, a client only their issued ones. */
@Service
public class Invoices {

    /** The largest page; the deepest offset; the most rows one CSV export writes. */
    public static final int MAX_LIMIT = 200;

    public static final int MAX_OFFSET = 10_000_000;
    public static final int MAX_EXPORT = 50_000;

    /** The desk's filters, as on the wire. */
    public enum Filter {
        /** Settled in full by payments. */
        PAID,
        /** Issued, nothing paid yet. */
        UNPAID,
        /** Partially paid. */
        PARTIAL,
        /** Issued or partially paid, and past its due date. */
        OVERDUE,
        /** Voided drafts, and invoices settled by credit notes alone. */
        VOID,
        /** Drafts of requests awaiting approval. */
        DRAFT,
        CREDIT_NOTE;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The filter named {@code value}; a 400 naming {@code status} and the choices otherwise. */
        public static Filter parse(String value) {
            return Arrays.stream(values())
                    .filter(f -> f.json().equals(value))
                    .findFirst()
                    .orElseThrow(() -> RoomtoneException.invalid(
                            "status",
                            "must be one of "
                                    + Arrays.stream(values()).map(Filter::json).collect(Collectors.joining(", "))));
        }
    }

    /**
     * What the desk looks for; null criteria do not filter.
     *
     * @param from with {@code to}: documents issued (drafts: created) in {@code [from, to)}
     * @param clientText part of the client's name or e-mail, or of the number, any case
     */
    public record Search(Filter status, Instant from, Instant to, UUID clientId, String clientText) {

        public static Search all() {
            return new Search(null, null, null, null, null);
        }
    }

    /** Sums over every match, per currency: credit notes count against {@code totalCents}. */
    public record Totals(
            long count, long totalCents, long paidCents, long creditedCents, long dueCents, String currency) {}

    /** One page of documents, how many match in all, and their totals. */
    public record Page(List<Invoice> items, long total, int offset, int limit, List<Totals> totals) {

        public boolean hasNext() {
            return offset + items.size() < total;
        }

        public boolean hasPrevious() {
            return offset > 0;
        }
    }

    private final InvoiceStore store;
    private final Clock clock;

    Invoices(InvoiceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A page of the studio's documents matching {@code search}, latest first. */
    @Transactional(readOnly = true)
    public Page page(Search search, int offset, int limit) {
        new Validation()
                .check(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT)
                .check(offset >= 0 && offset <= MAX_OFFSET, "offset", "must be between 0 and " + MAX_OFFSET)
                .throwIfInvalid();
        Instant now = clock.instant();
        InvoiceStore.Filter filter = filter(search, now);
        List<Totals> totals = store.sums(filter, now).stream()
                .map(s -> new Totals(
                        s.count(), s.totalCents(), s.paidCents(), s.creditedCents(), s.dueCents(), s.currency()))
                .toList();
        long count = totals.stream().mapToLong(Totals::count).sum();
        return new Page(store.page(filter, now, offset, limit), count, offset, limit, totals);
    }

    /** Every document matching {@code search} (at most {@value #MAX_EXPORT}), oldest first. */
    @Transactional(readOnly = true)
    public List<Invoice> export(Search search) {
        Instant now = clock.instant();
        return store.all(filter(search, now), now, MAX_EXPORT);
    }

    /** One of the studio's documents; 404 if there is none. */
    @Transactional(readOnly = true)
    public Invoice get(UUID id) {
        return store.find(id, clock.instant()).orElseThrow(() -> RoomtoneException.notFound("invoice", id));
    }

    /** The documents of one booking, oldest first, drafts included: for the studio. */
    @Transactional(readOnly = true)
    public List<Invoice> ofBooking(UUID bookingId) {
        return store.ofBooking(bookingId, clock.instant());
    }

    /** The caller's own issued documents, latest first. */
    @Transactional(readOnly = true)
    public List<Invoice> mine(CurrentUser client) {
        return store.ofClient(client.id(), clock.instant());
    }

    /** The caller's issued documents of one of their bookings (none for anyone else's), oldest first. */
    @Transactional(readOnly = true)
    public List<Invoice> mineOfBooking(UUID bookingId, CurrentUser client) {
        return store.ofBooking(bookingId, clock.instant()).stream()
                .filter(i -> i.isIssued() && i.clientId().equals(client.id()))
                .toList();
    }

    /** One of the caller's own issued documents; anyone else's, a draft or no document is the same 404. */
    @Transactional(readOnly = true)
    public Invoice mine(UUID id, CurrentUser client) {
        return store.find(id, clock.instant())
                .filter(i -> i.isIssued() && i.clientId().equals(client.id()))
                .orElseThrow(() -> RoomtoneException.notFound("invoice", id));
    }

    private static InvoiceStore.Filter filter(Search search, Instant now) {
        new Validation()
                .check(search.from() == null || TimeBounds.contains(search.from()), "from", TimeBounds.MESSAGE)
                .check(search.to() == null || TimeBounds.contains(search.to()), "to", TimeBounds.MESSAGE)
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
                .throwIfInvalid();
        List<Invoice.Status> statuses = null;
        Invoice.Kind kind = null;
        Instant overdueAt = null;
        if (search.status() != null) {
            switch (search.status()) {
                case PAID -> statuses = List.of(Invoice.Status.PAID);
                case UNPAID -> statuses = List.of(Invoice.Status.ISSUED);
                case PARTIAL -> statuses = List.of(Invoice.Status.PARTIALLY_PAID);
                case OVERDUE -> overdueAt = now;
                case VOID -> statuses = List.of(Invoice.Status.VOID, Invoice.Status.CREDITED);
                case DRAFT -> statuses = List.of(Invoice.Status.DRAFT);
                case CREDIT_NOTE -> kind = Invoice.Kind.CREDIT_NOTE;
            }
            if (search.status() != Filter.CREDIT_NOTE) {
                kind = Invoice.Kind.INVOICE;
            }
        }
        String text = search.clientText() == null || search.clientText().isBlank()
                ? null
                : search.clientText().strip();
        return new InvoiceStore.Filter(statuses, kind, overdueAt, search.from(), search.to(), search.clientId(), text);
    }
}
