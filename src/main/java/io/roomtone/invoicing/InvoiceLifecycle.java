package io.roomtone.invoicing;

import io.roomtone.booking.BookingEvents.BookingApproved;
import io.roomtone.booking.BookingEvents.BookingCanceled;
import io.roomtone.booking.BookingEvents.BookingExpired;
import io.roomtone.booking.BookingEvents.BookingRefunded;
import io.roomtone.booking.BookingEvents.BookingRejected;
import io.roomtone.booking.BookingEvents.BookingRequested;
import io.roomtone.booking.BookingEvents.BookingRescheduled;
import io.roomtone.booking.BookingStatus;
import io.roomtone.booking.Price;
import io.roomtone.identity.Clients;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.payments.Ledger;
import io.roomtone.payments.LedgerAccount;
import io.roomtone.payments.LedgerPosting;
import io.roomtone.payments.PaymentEvents.PaymentReceived;
import io.roomtone.payments.PaymentEvents.PaymentRefunded;
import io.roomtone.payments.Payments;
import io.roomtone.payments.PurchaseBalance;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The invoices of bookings, moved by the booking's and its payments' events. The listeners are
 * synchronous: they run inside the transaction that publishes the event, so a booking and its
 * invoice commit together, and an exception here rolls the booking's move back.
 *
 * <ul>
 *   <li>requested: a draft from the booking's price snapshot; issued at once when the booking is
 *       confirmed at once;
 *   <li>approved: the draft is issued (next gap-free number, posted to the ledger);
 *   <li>rejected, expired, canceled: a draft is voided (no number spent); what was issued is
 *       credited down to what the client paid and keeps;
 *   <li>rescheduled with a fee: a separate fee invoice, issued at once;
 *   <li>refunded by the studio: a credit note of that amount.
 * </ul>
 *
 * What settles each invoice (payments allocated oldest first, and credit notes) and the credit notes
 * that close a canceled booking depend on every payment and refund of the transaction, in whatever
 * order the booking module makes them; so they are worked out once, just before the transaction
 * commits (still inside it: a failure rolls everything back).
 */
@Component
class InvoiceLifecycle {

    private final InvoiceStore store;
    private final InvoiceNumbers numbers;
    private final InvoiceSettings settings;
    private final Ledger ledger;
    private final Payments payments;
    private final Clients clients;
    private final JdbcClient jdbc;
    private final Clock clock;

    InvoiceLifecycle(
            InvoiceStore store,
            InvoiceNumbers numbers,
            InvoiceSettings settings,
            Ledger ledger,
            Payments payments,
            Clients clients,
            JdbcClient jdbc,
            Clock clock) {
        this.store = store;
        this.numbers = numbers;
        this.settings = settings;
        this.ledger = ledger;
        this.payments = payments;
        this.clients = clients;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(BookingRequested event) {
        // the event carries the price snapshot: the booking is not read back. A booking confirmed at
        // once gets its invoice issued straight away, one insert with its number, not a draft updated.
        Price price = event.price();
        InvoiceSettings.Current current = settings.current();
        boolean issued = event.status() == BookingStatus.CONFIRMED;
        Instant now = clock.instant();
        Long seq = issued ? numbers.next(Invoice.Kind.INVOICE) : null;
        String number = issued ? InvoiceNumbers.format(current.invoicePrefix(), seq) : null;
        store.insert(new InvoiceStore.NewInvoice(
                UUID.randomUUID(),
                Invoice.Kind.INVOICE,
                "booking",
                issued ? Invoice.Status.ISSUED : Invoice.Status.DRAFT,
                event.bookingId(),
                event.code(),
                null,
                seq,
                number,
                price.lines().stream()
                        .map(l -> new Invoice.Line(l.name(), l.quantity(), l.unitPriceCents(), l.totalCents()))
                        .toList(),
                price.subtotalCents(),
                price.taxesCents(),
                price.depositCents(),
                price.currency(),
                party(event.clientId()),
                seller(current),
                event.startAt(),
                issued ? now : null,
                issued ? dueAt(current, now, event.startAt()) : null,
                null));
        if (issued) {
            postIssued(event.bookingId(), number, price.subtotalCents(), price.taxesCents(), price.currency(), now);
        }
        // nothing to reconcile: a booking just requested has no payments yet (its purchase is its id)
    }

    @EventListener
    void on(BookingApproved event) {
        issueDraft(event.bookingId());
        reconcileBeforeCommit(event.bookingId());
    }

    @EventListener
    void on(BookingRejected event) {
        close(event.bookingId(), "Booking rejected");
    }

    @EventListener
    void on(BookingExpired event) {
        close(event.bookingId(), "Booking request expired");
    }

    @EventListener
    void on(BookingCanceled event) {
        close(event.bookingId(), "Booking canceled");
    }

    @EventListener
    void on(BookingRescheduled event) {
        List<Invoice> documents = store.ofBookingForUpdate(event.bookingId(), clock.instant());
        if (documents.isEmpty()) {
            return; // a booking from before invoicing: nothing to follow
        }
        InvoiceSettings.Current current = settings.current();
        store.sessionMoved(event.bookingId(), event.startAt(), current.paymentTermsDays() == 0);
        if (event.feeCents() > 0) {
            Invoice basis = documents.get(0);
            Split split = split(event.feeCents(), documents);
            Instant now = clock.instant();
            long seq = numbers.next(Invoice.Kind.INVOICE);
            String number = InvoiceNumbers.format(current.invoicePrefix(), seq);
            store.insert(new InvoiceStore.NewInvoice(
                    UUID.randomUUID(),
                    Invoice.Kind.INVOICE,
                    "fee",
                    Invoice.Status.ISSUED,
                    event.bookingId(),
                    event.code(),
                    null,
                    seq,
                    number,
                    List.of(new Invoice.Line("Reschedule fee", 1, split.net(), split.net())),
                    split.net(),
                    split.tax(),
                    0,
                    basis.currency(),
                    party(basis.clientId()),
                    seller(current),
                    event.startAt(),
                    now,
                    dueAt(current, now, event.startAt()),
                    null));
            postIssued(event.bookingId(), number, split.net(), split.tax(), basis.currency(), now);
        }
        reconcileBeforeCommit(event.bookingId());
    }

    @EventListener
    void on(BookingRefunded event) {
        List<Invoice> documents = store.ofBookingForUpdate(event.bookingId(), clock.instant());
        long owed = owed(documents);
        long amount = Math.min(event.amountCents(), owed);
        if (amount > 0) {
            creditNote(documents, amount, event.reason() == null ? "Refund" : "Refund: " + event.reason());
        }
        reconcileBeforeCommit(event.bookingId());
    }

    @EventListener
    void on(PaymentReceived event) {
        reconcileBeforeCommit(event.reference());
    }

    @EventListener
    void on(PaymentRefunded event) {
        reconcileBeforeCommit(event.reference());
    }

    // --- the moves ---

    /** Issues the booking's draft, if it still is one: the next number, the ledger, a fresh snapshot of who. */
    private void issueDraft(UUID bookingId) {
        Instant now = clock.instant();
        Optional<Invoice> draft = store.ofBookingForUpdate(bookingId, now).stream()
                .filter(i -> i.status() == Invoice.Status.DRAFT)
                .findFirst();
        if (draft.isEmpty()) {
            return; // issued already (a reschedule sent it back to approval), or a booking from before invoicing
        }
        Invoice invoice = draft.get();
        InvoiceSettings.Current current = settings.current();
        long seq = numbers.next(Invoice.Kind.INVOICE);
        String number = InvoiceNumbers.format(current.invoicePrefix(), seq);
        store.issue(
                invoice.id(),
                seq,
                number,
                party(invoice.clientId()),
                seller(current),
                now,
                dueAt(current, now, invoice.sessionStartAt()));
        postIssued(bookingId, number, invoice.subtotalCents(), invoice.taxCents(), invoice.currency(), now);
    }

    /** The booking ended without being owed: its draft is voided, and what was issued gets credited. */
    private void close(UUID bookingId, String reason) {
        for (Invoice invoice : store.ofBookingForUpdate(bookingId, clock.instant())) {
            if (invoice.status() == Invoice.Status.DRAFT) {
                store.voidDraft(invoice.id(), reason);
            }
        }
        jdbc.sql(
                        """
                        INSERT INTO invoice_closure (studio_id, reference, reason) VALUES (:studio, :reference, :reason)
                        ON CONFLICT DO NOTHING
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("reference", bookingId)
                .param("reason", reason)
                .update();
        reconcileBeforeCommit(bookingId);
    }

    /**
     * Brings the booking's documents in line with its money: for a closed booking, a credit note for
     * what the client owes beyond what they paid and keep; then each invoice's settlement.
     */
    void reconcile(UUID bookingId) {
        List<Invoice> documents = store.ofBookingForUpdate(bookingId, clock.instant());
        if (documents.isEmpty()) {
            return;
        }
        String currency = documents.get(0).currency();
        PurchaseBalance balance = payments.balanceOf(bookingId, currency);
        // what the client paid and keeps: refunds asked for and not yet settled are already gone
        long kept = currency.equals(balance.currency()) ? Math.max(0, balance.refundableCents()) : 0;
        Optional<String> closed = closure(bookingId);
        if (closed.isPresent()) {
            long uncovered = owed(documents) - kept;
            if (uncovered > 0) {
                creditNote(documents, uncovered, closed.get());
                documents = store.ofBookingForUpdate(bookingId, clock.instant());
            }
        }
        settle(documents, kept);
    }

    /**
     * Allocates what the client paid and keeps to the issued invoices oldest first, then the credit
     * notes to what is left of each, and sets each invoice's status from that.
     */
    private void settle(List<Invoice> documents, long kept) {
        long credits = documents.stream()
                .filter(Invoice::isCreditNote)
                .mapToLong(Invoice::totalCents)
                .sum();
        long pay = kept;
        for (Invoice invoice : issuedInvoices(documents)) {
            long paid = Math.min(pay, invoice.totalCents());
            pay -= paid;
            long credited = Math.min(credits, invoice.totalCents() - paid);
            credits -= credited;
            long open = invoice.totalCents() - paid - credited;
            Invoice.Status status;
            if (open > 0) {
                status = paid > 0 ? Invoice.Status.PARTIALLY_PAID : Invoice.Status.ISSUED;
            } else {
                status = paid > 0 || credited == 0 ? Invoice.Status.PAID : Invoice.Status.CREDITED;
            }
            store.settle(invoice.id(), status, paid, credited);
        }
    }

    /** A credit note for {@code amount} of the booking's issued invoices, split into net and tax as they are. */
    private void creditNote(List<Invoice> documents, long amount, String reason) {
        List<Invoice> issued = issuedInvoices(documents);
        Invoice credited = issued.stream()
                .filter(i -> "booking".equals(i.purpose()))
                .findFirst()
                .orElse(issued.get(issued.size() - 1));
        Split split = split(amount, documents);
        InvoiceSettings.Current current = settings.current();
        Instant now = clock.instant();
        long seq = numbers.next(Invoice.Kind.CREDIT_NOTE);
        String number = InvoiceNumbers.format(current.creditNotePrefix(), seq);
        String label = "Credit for invoice " + credited.number();
        store.insert(new InvoiceStore.NewInvoice(
                UUID.randomUUID(),
                Invoice.Kind.CREDIT_NOTE,
                "credit",
                Invoice.Status.ISSUED,
                credited.bookingId(),
                credited.bookingCode(),
                credited.id(),
                seq,
                number,
                List.of(new Invoice.Line(label, 1, split.net(), split.net())),
                split.net(),
                split.tax(),
                0,
                credited.currency(),
                party(credited.clientId()),
                seller(current),
                credited.sessionStartAt(),
                now,
                null,
                reason.length() > 2000 ? reason.substring(0, 2000) : reason));
        ledger.post(new LedgerPosting(
                credited.bookingId(),
                "credit_note_issued",
                "Credit note " + number,
                now,
                List.of(
                        LedgerPosting.Entry.debit(LedgerAccount.REFUNDS, split.net(), credited.currency()),
                        LedgerPosting.Entry.debit(LedgerAccount.TAX_PAYABLE, split.tax(), credited.currency()),
                        LedgerPosting.Entry.credit(LedgerAccount.CLIENT_RECEIVABLE, amount, credited.currency()))));
    }

    private void postIssued(UUID bookingId, String number, long net, long tax, String currency, Instant at) {
        if (net + tax == 0) {
            return; // a free session owes nothing: no entry to post
        }
        ledger.post(new LedgerPosting(
                bookingId,
                "invoice_issued",
                "Invoice " + number,
                at,
                List.of(
                        LedgerPosting.Entry.debit(LedgerAccount.CLIENT_RECEIVABLE, net + tax, currency),
                        LedgerPosting.Entry.credit(LedgerAccount.REVENUE, net, currency),
                        LedgerPosting.Entry.credit(LedgerAccount.TAX_PAYABLE, tax, currency))));
    }

    // --- arithmetic ---

    record Split(long net, long tax) {}

    /**
     * {@code amount} split into net and tax in the proportion of the booking's issued invoices (tax
     * rounded half-up, the net the rest, so the two always sum to the amount).
     */
    static Split split(long amount, List<Invoice> documents) {
        long total = 0;
        long tax = 0;
        for (Invoice invoice : documents) {
            if (!invoice.isCreditNote() && invoice.status() != Invoice.Status.VOID) {
                total += invoice.totalCents();
                tax += invoice.taxCents();
            }
        }
        return split(amount, tax, total);
    }

    static Split split(long amount, long taxOf, long totalOf) {
        if (totalOf <= 0 || taxOf <= 0) {
            return new Split(amount, 0);
        }
        long tax = BigDecimal.valueOf(amount)
                .multiply(BigDecimal.valueOf(taxOf))
                .divide(BigDecimal.valueOf(totalOf), 0, RoundingMode.HALF_UP)
                .longValueExact();
        return new Split(amount - tax, tax);
    }

    /** Issued invoices minus credit notes: what the client owes in all. */
    static long owed(List<Invoice> documents) {
        long owed = 0;
        for (Invoice invoice : documents) {
            if (!invoice.isIssued()) {
                continue;
            }
            owed += invoice.isCreditNote() ? -invoice.totalCents() : invoice.totalCents();
        }
        return owed;
    }

    private static List<Invoice> issuedInvoices(List<Invoice> documents) {
        List<Invoice> issued = new ArrayList<>(documents.stream()
                .filter(i -> !i.isCreditNote() && i.isIssued())
                .toList());
        issued.sort(Comparator.comparing(Invoice::issuedAt).thenComparing(Invoice::number));
        return issued;
    }

    /** Why the booking was closed, if it was. */
    private Optional<String> closure(UUID bookingId) {
        return jdbc.sql("SELECT reason FROM invoice_closure WHERE studio_id = :studio AND reference = :reference")
                .param("studio", Tenancy.currentStudioId())
                .param("reference", bookingId)
                .query(String.class)
                .optional();
    }

    private static Instant dueAt(InvoiceSettings.Current current, Instant issuedAt, Instant sessionStart) {
        return current.paymentTermsDays() == 0
                ? sessionStart
                : issuedAt.plus(Duration.ofDays(current.paymentTermsDays()));
    }

    /** Whom the invoice is to: the client, or one of the studio's own people booking for themselves. */
    private InvoiceStore.Party party(UUID clientId) {
        UserAccount a = clients.accounts(List.of(clientId)).get(clientId);
        return a == null
                ? new InvoiceStore.Party(clientId, "—", null, null)
                : new InvoiceStore.Party(clientId, a.name(), a.email(), a.phone());
    }

    private InvoiceStore.Seller seller(InvoiceSettings.Current current) {
        return new InvoiceStore.Seller(
                settings.sellerName(current), current.address(), current.taxId(), current.footer());
    }

    // --- once per booking, just before commit ---

    private static final Object PENDING = new Object();

    /**
     * Reconciles {@code bookingId} just before the current transaction commits, once however many
     * events of the transaction ask for it; at once when there is no transaction.
     */
    @SuppressWarnings("unchecked")
    private void reconcileBeforeCommit(UUID bookingId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            reconcile(bookingId);
            return;
        }
        Set<UUID> pending = (Set<UUID>) TransactionSynchronizationManager.getResource(PENDING);
        if (pending == null) {
            Set<UUID> created = new LinkedHashSet<>();
            UUID studio = Tenancy.currentStudioId();
            TransactionSynchronizationManager.bindResource(PENDING, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(PENDING, created);
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    Tenancy.runAs(studio, () -> List.copyOf(created).forEach(InvoiceLifecycle.this::reconcile));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                }
            });
            pending = created;
        }
        pending.add(bookingId);
    }
}
