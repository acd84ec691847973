package io.roomtone.invoicing;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomtone.booking.BookingDecisions;
import io.roomtone.booking.BookingEvents;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.Ledger;
import io.roomtone.payments.Payments;
import io.roomtone.payments.PurchaseBalance;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.MovableClock;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every booking has an invoice from the transaction that creates it: a draft while it awaits
 * approval, issued with the studio's next gap-free number on confirmation, voided or credited when
 * it ends unpaid for, settled by its payments. Driven through the API on the real database; payments
 * are recorded through {@link Payments} (the booking pages that record them are the lead's).
 */
@RoomtoneTest
class InvoicingTests {

    @TestConfiguration
    static class Wiring {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }

        @Bean
        Saboteur saboteur(JdbcClient jdbc) {
            return new Saboteur(jdbc);
        }
    }

    /**
     * Fails a booking request when asked to, at the last moment before it commits (after every
     * listener, so after its invoice was issued), noting the number the invoice had: the whole
     * request rolls back.
     */
    static class Saboteur {
        final AtomicBoolean armed = new AtomicBoolean();
        final java.util.concurrent.atomic.AtomicReference<String> numberSeen =
                new java.util.concurrent.atomic.AtomicReference<>();
        private final JdbcClient jdbc;

        Saboteur(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @EventListener
        void on(BookingEvents.BookingRequested event) {
            if (!armed.getAndSet(false)) {
                return;
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    return Ordered.LOWEST_PRECEDENCE;
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    numberSeen.set(jdbc.sql("SELECT number FROM invoice WHERE reference = :booking")
                            .param("booking", event.bookingId())
                            .query(String.class)
                            .optional()
                            .orElse(null));
                    throw new IllegalStateException("sabotaged after the invoice was issued");
                }
            });
        }
    }

    @Autowired
    Api api;

    @Autowired
    MovableClock clock;

    @Autowired
    Saboteur saboteur;

    @Autowired
    Payments payments;

    @Autowired
    Ledger ledger;

    @Autowired
    BookingDecisions decisions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    TestStudio studio;
    String room;
    String service;
    String client;

    @BeforeEach
    void reset() {
        clock.reset();
        saboteur.armed.set(false);
        saboteur.numberSeen.set(null);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void open(boolean approval) {
        studio = new TestStudio(api);
        if (approval) {
            studio.openWithApproval();
        } else {
            studio.openWithoutApproval();
        }
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        client = studio.client();
    }

    private String book(int day, int hour) {
        return studio.book(booking(room, service, at(day, hour), at(day, hour + 1)), client)
                .bookingId();
    }

    // --- reading ---

    private List<InvoiceView> invoicesOf(String bookingId) {
        JsonNode page = api.get("/api/admin/invoices?limit=200", studio.owner())
                .expect(200)
                .json();
        List<InvoiceView> all = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            all.add(readNode(item));
        }
        return all.stream()
                .filter(i -> bookingId.equals(i.bookingId()))
                .sorted((a, b) -> a.kind().compareTo(b.kind()) != 0
                        ? b.kind().compareTo(a.kind())
                        : String.valueOf(a.number()).compareTo(String.valueOf(b.number())))
                .toList();
    }

    private static InvoiceView readNode(JsonNode node) {
        return VIEWS.readValue(node.toString(), InvoiceView.class);
    }

    private static final tools.jackson.databind.json.JsonMapper VIEWS = tools.jackson.databind.json.JsonMapper.builder()
            .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private InvoiceView invoiceOf(String bookingId) {
        return invoicesOf(bookingId).stream()
                .filter(i -> i.purpose().equals("booking"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("booking " + bookingId + " has no invoice"));
    }

    private List<InvoiceView> creditNotesOf(String bookingId) {
        return invoicesOf(bookingId).stream()
                .filter(i -> i.kind().equals("credit_note"))
                .toList();
    }

    private <T> T asStudio(Supplier<T> work) {
        return Tenancy.callAs(UUID.fromString(studio.id()), work);
    }

    /** The studio records money received at the desk (the booking module's own endpoint). */
    private void pay(String bookingId, long cents, String currency) {
        api.post(
                        "/api/admin/bookings/" + bookingId + "/payments",
                        json("amount_cents", cents, "method", "cash"),
                        studio.owner())
                .expect(201, currency + " " + cents);
    }

    /** The studio gives money back outside a cancellation (the booking module's own endpoint). */
    private void refund(String bookingId, long cents) {
        api.post(
                        "/api/admin/bookings/" + bookingId + "/refund",
                        json("amount_cents", cents, "reason", "goodwill"),
                        studio.owner())
                .expect(200);
    }

    private PurchaseBalance balance(String bookingId, String currency) {
        return asStudio(() -> payments.balanceOf(UUID.fromString(bookingId), currency));
    }

    /** Every ledger transaction of the booking sums to zero; the sum per account, for the assertions. */
    private Map<String, Long> ledgerOf(String bookingId) {
        List<Ledger.Line> lines = asStudio(() -> ledger.linesOf(UUID.fromString(bookingId)));
        Map<UUID, Long> perTransaction = lines.stream()
                .collect(Collectors.groupingBy(
                        Ledger.Line::transactionId, Collectors.summingLong(Ledger.Line::amountCents)));
        assertThat(perTransaction.values())
                .as("every ledger transaction balances")
                .allMatch(sum -> sum == 0);
        return lines.stream()
                .collect(Collectors.groupingBy(
                        l -> l.account().code(), Collectors.summingLong(Ledger.Line::amountCents)));
    }

    // --- the lifecycle ---

    @Test
    void aRequestHasADraftInvoiceWithTheBookingsLinesAndNoNumber() {
        open(true);
        BookedView booked = studio.book(booking(room, service, at(5, 10), at(5, 11)), client);

        InvoiceView draft = invoiceOf(booked.bookingId());

        assertThat(draft.status()).isEqualTo("draft");
        assertThat(draft.number()).isNull();
        assertThat(draft.issuedAt()).isNull();
        assertThat(draft.totalCents()).isEqualTo(booked.totalCents());
        assertThat(draft.depositCents()).isEqualTo(booked.depositCents());
        assertThat(draft.subtotalCents() + draft.taxCents()).isEqualTo(draft.totalCents());
        assertThat(draft.taxCents()).as("13 %% of the subtotal").isEqualTo(Math.round(draft.subtotalCents() * 0.13));
        assertThat(draft.lines()).hasSize(1);
        assertThat(draft.lines().get(0).totalCents()).isEqualTo(draft.subtotalCents());
        assertThat(draft.clientName()).isEqualTo("Client");
        assertThat(ledgerOf(booked.bookingId())).as("a draft posts nothing").isEmpty();
    }

    @Test
    void approvalIssuesTheDraftWithTheStudiosNextNumberAndPostsIt() {
        open(true);
        String first = book(5, 10);
        String second = book(5, 12);

        studio.approve(second, "ok");
        studio.approve(first, "ok");

        InvoiceView a = invoiceOf(second);
        InvoiceView b = invoiceOf(first);
        assertThat(a.number()).isEqualTo("INV-000001");
        assertThat(b.number()).isEqualTo("INV-000002");
        assertThat(a.status()).isEqualTo("issued");
        assertThat(a.issuedAt()).isNotNull();
        assertThat(a.dueAt()).as("due at the session by default").isEqualTo(at(5, 12));
        assertThat(a.dueCents()).isEqualTo(a.totalCents());
        Map<String, Long> accounts = ledgerOf(second);
        assertThat(accounts)
                .containsEntry("client_receivable", a.totalCents())
                .containsEntry("revenue", -a.subtotalCents())
                .containsEntry("tax_payable", -a.taxCents());
    }

    @Test
    void aStudioWithoutApprovalIssuesAtOnce() {
        open(false);
        String id = book(5, 10);

        InvoiceView invoice = invoiceOf(id);

        assertThat(invoice.status()).isEqualTo("issued");
        assertThat(invoice.number()).isEqualTo("INV-000001");
        assertThat(ledgerOf(id)).containsEntry("client_receivable", invoice.totalCents());
    }

    @Test
    void aRejectedRequestVoidsItsDraftAndSpendsNoNumber() {
        open(true);
        String rejected = book(5, 10);
        String approved = book(5, 12);

        api.post("/api/admin/bookings/" + rejected + "/reject", json("reason", "Maintenance"), studio.owner())
                .expect(200);
        studio.approve(approved, "ok");

        InvoiceView voided = invoiceOf(rejected);
        assertThat(voided.status()).isEqualTo("void");
        assertThat(voided.number()).isNull();
        assertThat(invoiceOf(approved).number()).isEqualTo("INV-000001");
        assertThat(ledgerOf(rejected)).isEmpty();
        assertThat(creditNotesOf(rejected)).isEmpty();
    }

    @Test
    void anExpiredRequestVoidsItsDraft() {
        open(true);
        studio.updateSettings("approval_deadline_hours", 24);
        BookedView requested = studio.book(booking(room, service, at(3, 10), at(3, 11)), client);

        clock.moveTo(Instant.parse(requested.decisionDueAt()).plusSeconds(1));
        // the pass skips a request whose row a side effect still holds (its mail's manage link refers
        // to it), as the timeouts' job does: it is expired by a later pass, as here
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            asStudio(() -> decisions.expireOverdue());
            assertThat(invoiceOf(requested.bookingId()).status()).isEqualTo("void");
        });
        assertThat(invoiceOf(requested.bookingId()).number()).isNull();
    }

    @Test
    void cancelingAnUnpaidConfirmedBookingCreditsItInFull() {
        open(false);
        String id = book(5, 10);
        InvoiceView invoice = invoiceOf(id);

        studio.cancel(id, "changed plans", client);

        List<InvoiceView> credits = creditNotesOf(id);
        assertThat(credits).hasSize(1);
        InvoiceView credit = credits.get(0);
        assertThat(credit.number()).isEqualTo("CN-000001");
        assertThat(credit.creditsInvoiceId()).isEqualTo(invoice.id());
        assertThat(credit.totalCents()).isEqualTo(invoice.totalCents());
        assertThat(credit.subtotalCents()).isEqualTo(invoice.subtotalCents());
        assertThat(credit.taxCents()).isEqualTo(invoice.taxCents());
        InvoiceView after = invoiceOf(id);
        assertThat(after.status()).isEqualTo("credited");
        assertThat(after.dueCents()).isZero();
        assertThat(ledgerOf(id))
                .as("receivable back to zero; revenue given back through refunds")
                .containsEntry("client_receivable", 0L)
                .containsEntry("refunds", invoice.subtotalCents())
                .containsEntry("tax_payable", 0L);
    }

    @Test
    void cancelingAfterAPaymentCreditsWhatTheClientDoesNotKeep() {
        open(false);
        // whenever one cancels, half of what was paid goes back
        studio.updateSettings(
                "cancellation_policy", Map.of("tiers", List.of(Map.of("min_hours_before", 0, "refund_percent", 50))));
        String id = book(5, 10);
        InvoiceView invoice = invoiceOf(id);
        String currency = invoice.currency();
        pay(id, 3_000, currency);
        assertThat(invoiceOf(id).status()).isEqualTo("partially_paid");
        assertThat(invoiceOf(id).paidCents()).isEqualTo(3_000);

        // the cancellation refunds its tier of what was paid through payments, in its own transaction
        studio.cancel(id, "changed plans", client);

        PurchaseBalance balance = balance(id, currency);
        assertThat(balance.refundedCents() + balance.refundingCents()).isEqualTo(1_500);
        long kept = balance.refundableCents();
        assertThat(kept).isEqualTo(1_500);
        List<InvoiceView> credits = creditNotesOf(id);
        assertThat(credits).hasSize(1);
        InvoiceView credit = credits.get(0);
        assertThat(credit.totalCents()).isEqualTo(invoice.totalCents() - 1_500);
        assertThat(credit.subtotalCents() + credit.taxCents()).isEqualTo(credit.totalCents());
        assertThat(credit.taxCents())
                .as("tax in the invoice's proportion, half-up")
                .isEqualTo(java.math.BigDecimal.valueOf(credit.totalCents() * invoice.taxCents())
                        .divide(java.math.BigDecimal.valueOf(invoice.totalCents()), 0, java.math.RoundingMode.HALF_UP)
                        .longValueExact());
        InvoiceView after = invoiceOf(id);
        assertThat(after.status())
                .as("settled: what was kept is paid, the rest credited")
                .isEqualTo("paid");
        assertThat(after.paidCents()).isEqualTo(kept);
        assertThat(after.creditedCents()).isEqualTo(credit.totalCents());
        Map<String, Long> accounts = ledgerOf(id);
        assertThat(accounts.get("client_receivable"))
                .as("the client owes nothing and has nothing ahead")
                .isZero();
    }

    @Test
    void paymentsMoveAnInvoiceToPartiallyPaidThenPaid() {
        open(false);
        String id = book(5, 10);
        InvoiceView invoice = invoiceOf(id);

        pay(id, 1_000, invoice.currency());
        assertThat(invoiceOf(id).status()).isEqualTo("partially_paid");
        assertThat(api.get("/api/admin/invoices?status=partial", studio.owner())
                        .expect(200)
                        .json()
                        .get("total_count")
                        .asLong())
                .isEqualTo(1);

        pay(id, invoice.totalCents() - 1_000, invoice.currency());
        InvoiceView paid = invoiceOf(id);
        assertThat(paid.status()).isEqualTo("paid");
        assertThat(paid.dueCents()).isZero();
        assertThat(ledgerOf(id).get("client_receivable")).isZero();
    }

    @Test
    void aRefundByTheStudioGivesACreditNoteOfThatAmount() {
        open(false);
        String id = book(5, 10);
        InvoiceView invoice = invoiceOf(id);
        pay(id, invoice.totalCents(), invoice.currency());

        refund(id, 500);

        List<InvoiceView> credits = creditNotesOf(id);
        assertThat(credits).hasSize(1);
        assertThat(credits.get(0).totalCents()).isEqualTo(500);
        assertThat(invoiceOf(id).status()).isEqualTo("paid");
        assertThat(ledgerOf(id).get("client_receivable")).isZero();
    }

    @Test
    void aPaidRescheduleGetsAFeeInvoiceOfItsOwn() {
        open(false);
        studio.updateSettings(
                "reschedule_policy", Map.of("free_min_hours_before", 24, "free_reschedules", 0, "fee_cents", 2_500));
        String id = book(5, 10);
        InvoiceView invoice = invoiceOf(id);

        studio.reschedule(id, at(5, 14), at(5, 15), client);

        List<InvoiceView> documents = invoicesOf(id);
        InvoiceView fee = documents.stream()
                .filter(i -> i.purpose().equals("fee"))
                .findFirst()
                .orElseThrow();
        assertThat(fee.status()).isEqualTo("issued");
        assertThat(fee.number()).isEqualTo("INV-000002");
        assertThat(fee.totalCents()).isEqualTo(2_500);
        assertThat(fee.subtotalCents() + fee.taxCents()).isEqualTo(2_500);
        assertThat(fee.taxCents()).isEqualTo(Math.round(2_500.0 * invoice.taxCents() / invoice.totalCents()));
        InvoiceView unchanged = invoiceOf(id);
        assertThat(unchanged.totalCents())
                .as("an issued invoice is never edited")
                .isEqualTo(invoice.totalCents());
        assertThat(unchanged.dueAt()).as("it falls due at the moved session").isEqualTo(at(5, 14));
        assertThat(ledgerOf(id).get("client_receivable")).isEqualTo(invoice.totalCents() + 2_500);
    }

    @Test
    void anOverdueInvoiceIsFlaggedAndFiltered() {
        open(false);
        String id = book(2, 10);

        assertThat(api.get("/api/admin/invoices?status=overdue", studio.owner())
                        .expect(200)
                        .json()
                        .get("total_count")
                        .asLong())
                .isZero();
        clock.shift(Duration.ofDays(3));

        JsonNode overdue = api.get("/api/admin/invoices?status=overdue", studio.owner())
                .expect(200)
                .json();
        assertThat(overdue.get("total_count").asLong()).isEqualTo(1);
        assertThat(overdue.get("items").get(0).get("booking_id").asString()).isEqualTo(id);
        assertThat(overdue.get("items").get(0).get("overdue").asBoolean()).isTrue();
    }

    // --- numbers ---

    @Test
    void approvalsRacingFromManyThreadsTakeEveryNumberOnceWithoutGaps() {
        open(true);
        studio.updateSettings("max_pending_per_client", 100);
        int n = 8;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(book(4 + i / 6, 8 + (i % 6) * 2));
        }

        List<Response> answers = Parallel.send(
                n,
                i -> api.post("/api/admin/bookings/" + ids.get(i) + "/approve", json("message", "ok"), studio.owner()));

        assertThat(Parallel.count(answers, 200)).as(answers.toString()).isEqualTo(n);
        List<String> numbers =
                ids.stream().map(id -> invoiceOf(id).number()).sorted().toList();
        assertThat(numbers)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, n)
                        .mapToObj(k -> String.format("INV-%06d", k))
                        .toList());
    }

    @Test
    void aBookingThatFailsAfterItsInvoiceWasIssuedLeavesNoInvoiceAndGivesItsNumberBack() {
        open(false);
        String first = book(5, 8);
        saboteur.armed.set(true);

        Response failed = studio.request(booking(room, service, at(5, 10), at(5, 11)), client);
        assertThat(failed.status()).isGreaterThanOrEqualTo(500);
        assertThat(saboteur.numberSeen.get())
                .as("the failed booking's invoice had taken a number")
                .isEqualTo("INV-000002");
        // a slot taken by someone else fails before anything is written
        studio.request(booking(room, service, at(5, 8), at(5, 9)), studio.client())
                .expect(409);
        String next = book(5, 12);

        assertThat(invoiceOf(first).number()).isEqualTo("INV-000001");
        assertThat(invoiceOf(next).number()).as("no gap").isEqualTo("INV-000002");
        assertThat(api.get("/api/admin/invoices", studio.owner())
                        .expect(200)
                        .json()
                        .get("total_count")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void theDatabaseRefusesToEditAnIssuedInvoice() {
        open(false);
        String id = book(5, 10);
        InvoiceView invoice = invoiceOf(id);

        assertThatThrownBy(() -> asStudio(() -> transactions.execute(status -> jdbc.sql(
                                "UPDATE invoice SET total_cents = total_cents + 100, subtotal_cents = subtotal_cents + 100"
                                        + " WHERE id = :id")
                        .param("id", UUID.fromString(invoice.id()))
                        .update())))
                .hasMessageContaining("is issued: its amounts, lines and number cannot change");
        assertThatThrownBy(() -> asStudio(() -> transactions.execute(
                        status -> jdbc.sql("UPDATE invoice SET number = 'INV-999999' WHERE id = :id")
                                .param("id", UUID.fromString(invoice.id()))
                                .update())))
                .hasMessageContaining("cannot change");
        assertThatThrownBy(() ->
                        asStudio(() -> transactions.execute(status -> jdbc.sql("DELETE FROM invoice WHERE id = :id")
                                .param("id", UUID.fromString(invoice.id()))
                                .update())))
                .rootCause()
                .hasMessageContaining("permission denied");
        // only what settles it moves
        int moved = asStudio(() -> transactions.execute(
                status -> jdbc.sql("UPDATE invoice SET status = 'partially_paid', paid_cents = 1 WHERE id = :id")
                        .param("id", UUID.fromString(invoice.id()))
                        .update()));
        assertThat(moved).isEqualTo(1);
        assertThat(invoiceOf(id).totalCents()).isEqualTo(invoice.totalCents());
    }

    // --- documents, access ---

    @Test
    void thePdfCarriesTheNumberTheClientAndTheStudiosLegalDetails() throws Exception {
        open(false);
        api.patch(
                        "/api/admin/invoice-settings",
                        json("legal_name", "Roomtone Sound Ltd.", "address", "1 Main St\nToronto", "tax_id", "GST 123"),
                        studio.owner())
                .expect(200);
        String id = book(5, 10);
        InvoiceView invoice = invoiceOf(id);

        byte[] pdf = bytes("/api/admin/invoices/" + invoice.id() + ".pdf", studio.owner(), 200);

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        // for a look: pdftoppm -png target/screenshots/invoice.pdf target/screenshots/invoice
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "screenshots", "invoice.pdf"), pdf);
        String text = text(pdf);
        assertThat(text)
                .contains("INV-000001", "Roomtone Sound Ltd.", "Toronto", "GST 123", "Client", invoice.bookingCode());
        assertThat(invoice.sellerName()).isEqualTo("Roomtone Sound Ltd.");
        // the client downloads their own
        assertThat(text(bytes("/api/me/invoices/" + invoice.id() + ".pdf", client, 200)))
                .contains("INV-000001");
    }

    @Test
    void theReceiptPdfShowsOnlyMoneyThatMovedForItsClientAndTheStudio() throws Exception {
        open(false);
        String id = book(5, 10);
        long total = invoiceOf(id).totalCents();
        // nothing received yet: no receipt to give
        bytes("/api/bookings/" + id + "/receipt.pdf", client, 404);

        pay(id, 2_000, "CAD");
        pay(id, total - 2_000, "CAD");
        refund(id, 500);

        String text = text(bytes("/api/bookings/" + id + "/receipt.pdf", client, 200));
        assertThat(text)
                .contains("Receipt", invoiceOf(id).bookingCode(), invoiceOf(id).number(), "Client");
        assertThat(text).contains("20.00", money(total - 2_000), money(total - 500));
        assertThat(text).containsPattern("Refunds\\R.*Cash -\\S*5\\.00");
        assertThat(text).contains("Balance due").doesNotContain("Paid in full");
        // the studio may print it too; another client, a staff member and another studio may not
        assertThat(text(bytes("/api/bookings/" + id + "/receipt.pdf", studio.owner(), 200)))
                .contains(invoiceOf(id).bookingCode());
        bytes("/api/bookings/" + id + "/receipt.pdf", studio.client(), 404);
        bytes("/api/bookings/" + id + "/receipt.pdf", studio.engineer("mixing").token(), 404);
        bytes("/api/bookings/" + id + "/receipt.pdf", new TestStudio(api).owner(), 404);
        bytes("/api/bookings/" + UUID.randomUUID() + "/receipt.pdf", client, 404);
    }

    private static String money(long cents) {
        return String.format("%d.%02d", cents / 100, cents % 100);
    }

    @Test
    void aClientSeesOnlyTheirOwnIssuedInvoices() throws Exception {
        open(true);
        String mine = book(5, 10);
        studio.approve(mine, "ok");
        String other = studio.client();
        String theirs =
                studio.book(booking(room, service, at(5, 12), at(5, 13)), other).bookingId();
        studio.approve(theirs, "ok");
        String draft = book(5, 14);
        InvoiceView myInvoice = invoiceOf(mine);
        InvoiceView theirInvoice = invoiceOf(theirs);

        List<String> listed = new ArrayList<>();
        api.get("/api/me/invoices", client)
                .expect(200)
                .json()
                .forEach(n -> listed.add(n.get("id").asString()));
        assertThat(listed).containsExactly(myInvoice.id());
        api.get("/api/me/invoices/" + myInvoice.id(), client).expect(200);
        assertThat(api.get("/api/me/invoices/" + theirInvoice.id(), client)
                        .expect(404)
                        .problem()
                        .code())
                .isEqualTo("not_found");
        bytes("/api/me/invoices/" + theirInvoice.id() + ".pdf", client, 404);
        bytes("/api/me/invoices/" + invoiceOf(draft).id() + ".pdf", client, 404);
        api.get("/api/admin/invoices", client).expect(403);
        // a booking's own invoice, draft included, for its client and the studio only
        assertThat(api.get("/api/bookings/" + draft + "/invoice", client)
                        .expect(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("draft");
        assertThat(api.get("/api/bookings/" + mine + "/invoice", studio.owner())
                        .expect(200)
                        .json()
                        .get("number")
                        .asString())
                .isEqualTo(myInvoice.number());
        api.get("/api/bookings/" + theirs + "/invoice", client).expect(404);
        assertThat(text(bytes("/api/bookings/" + mine + "/invoice.pdf", client, 200)))
                .contains(myInvoice.number());
        bytes("/api/bookings/" + theirs + "/invoice.pdf", client, 404);
    }

    @Test
    void anotherStudioSeesNoneOfOurInvoices() {
        open(false);
        String id = book(5, 10);
        InvoiceView invoice = invoiceOf(id);
        TestStudio other = new TestStudio(api);

        api.get("/api/admin/invoices/" + invoice.id(), other.owner()).expect(404);
        bytes("/api/admin/invoices/" + invoice.id() + ".pdf", other.owner(), 404);
        assertThat(api.get("/api/admin/invoices", other.owner())
                        .expect(200)
                        .json()
                        .get("total_count")
                        .asLong())
                .isZero();
        // and row-level security hides the rows from the application's own connection
        long visible = Tenancy.callAs(
                UUID.fromString(other.id()),
                () -> transactions.execute(status -> jdbc.sql("SELECT count(*) FROM invoice WHERE id = :id")
                        .param("id", UUID.fromString(invoice.id()))
                        .query(Long.class)
                        .single()));
        assertThat(visible).isZero();
    }

    @Test
    void theCsvExportEscapesCellsAndDefusesFormulas() {
        open(false);
        String evil = "=HYPERLINK(\"http://x.test\"), \"Evil\"";
        String token = registered(evil);
        studio.book(booking(room, service, at(5, 10), at(5, 11)), token);

        Response csv = api.get("/api/admin/invoices.csv", studio.owner()).expect(200);

        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition").orElse("")).contains("attachment");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("number,kind,status,");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains("\"'=HYPERLINK(\"\"http://x.test\"\"), \"\"Evil\"\"\"");
        assertThat(lines[1]).startsWith("INV-000001,invoice,issued,");
    }

    @Test
    void badFiltersAreRefusedWithAProblem() {
        open(false);
        String owner = studio.owner();

        assertThat(api.get("/api/admin/invoices?status=unknown", owner).invalidFields())
                .containsExactly("status");
        assertThat(api.get("/api/admin/invoices?limit=0", owner).invalidFields())
                .containsExactly("limit");
        assertThat(api.get("/api/admin/invoices?limit=201", owner).invalidFields())
                .containsExactly("limit");
        assertThat(api.get("/api/admin/invoices?offset=-1", owner).invalidFields())
                .containsExactly("offset");
        assertThat(api.get("/api/admin/invoices?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", owner)
                        .invalidFields())
                .containsExactly("to");
        api.get("/api/admin/invoices?from=+999999999-01-01T00:00:00Z", owner).expect(400);
        api.get("/api/admin/invoices?client_id=not-a-uuid", owner).expect(400);
        api.get("/api/admin/invoices.csv?status=bogus", owner).expect(400);
        api.get("/api/admin/invoices/not-a-uuid", owner).expect(400);
        api.get("/api/admin/invoices/" + Api.UNKNOWN_ID, owner).expect(404);
    }

    @Test
    void invoiceSettingsArePatchedAndValidated() {
        open(false);
        String owner = studio.owner();

        JsonNode defaults =
                api.get("/api/admin/invoice-settings", owner).expect(200).json();
        assertThat(defaults.get("invoice_prefix").asString()).isEqualTo("INV-");
        api.patch("/api/admin/invoice-settings", json("invoice_prefix", "R2026-", "footer", "Thanks!"), owner)
                .expect(200);
        assertThat(api.patch("/api/admin/invoice-settings", json("credit_note_prefix", "R2026-"), owner)
                        .invalidFields())
                .containsExactly("credit_note_prefix");
        assertThat(api.patch("/api/admin/invoice-settings", json("invoice_prefix", "<script>"), owner)
                        .invalidFields())
                .containsExactly("invoice_prefix");
        assertThat(api.patch("/api/admin/invoice-settings", json("payment_terms_days", 9999), owner)
                        .invalidFields())
                .containsExactly("payment_terms_days");
        assertThat(api.patch("/api/admin/invoice-settings", json("colour", "red"), owner)
                        .invalidFields())
                .containsExactly("colour");
        api.patch("/api/admin/invoice-settings", json("legal_name", "x".repeat(201)), owner)
                .expect(400);
        api.patch("/api/admin/invoice-settings", "{}", studio.client()).expect(403);

        String id = book(5, 10);
        assertThat(invoiceOf(id).number()).isEqualTo("R2026-000001");
        api.patch("/api/admin/invoice-settings", json("invoice_prefix", null), owner)
                .expect(200);
        assertThat(api.get("/api/admin/invoice-settings", owner)
                        .expect(200)
                        .json()
                        .get("invoice_prefix")
                        .asString())
                .isEqualTo("INV-");
        assertThat(api.get("/api/admin/invoice-settings", owner)
                        .expect(200)
                        .json()
                        .get("footer")
                        .asString())
                .isEqualTo("Thanks!");
    }

    // --- a random run ---

    @Test
    void aRandomRunOfMovesLeavesEveryBookingReconciledWithTheLedger() {
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        String why = "seed " + seed + " (new java.util.Random(seed) replays this run)";
        open(true);
        studio.updateSettings(
                "max_pending_per_client",
                100,
                "reschedule_without_approval",
                true,
                "reschedule_policy",
                Map.of("free_min_hours_before", 24, "free_reschedules", 0, "fee_cents", 1_500),
                "cancellation_policy",
                Map.of("tiers", List.of(Map.of("min_hours_before", 0, "refund_percent", 50))));
        List<String> slots = new ArrayList<>();
        for (int day = 4; day <= 9; day++) {
            for (int hour = 8; hour <= 20; hour += 2) {
                slots.add(day + ":" + hour);
            }
        }
        java.util.Collections.shuffle(slots, random);
        java.util.Iterator<String> free = slots.iterator();
        String currency = null;
        List<String> bookings = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            String[] slot = free.next().split(":");
            int day = Integer.parseInt(slot[0]);
            int hour = Integer.parseInt(slot[1]);
            String id = book(day, hour);
            bookings.add(id);
            currency = invoiceOf(id).currency();
            if (random.nextInt(5) == 0) {
                api.post("/api/admin/bookings/" + id + "/reject", json("reason", "full"), studio.owner())
                        .expect(200, why);
                continue;
            }
            studio.approve(id, "ok");
            int moves = random.nextInt(5);
            boolean canceled = false;
            for (int m = 0; m < moves && !canceled; m++) {
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        long due = invoicesOf(id).stream()
                                .filter(d -> d.kind().equals("invoice"))
                                .mapToLong(InvoiceView::dueCents)
                                .sum();
                        if (due > 0) {
                            pay(id, 1 + random.nextInt((int) due), currency);
                        }
                    }
                    case 2 -> {
                        String[] to = free.next().split(":");
                        int d = Integer.parseInt(to[0]);
                        int h = Integer.parseInt(to[1]);
                        studio.reschedule(id, at(d, h), at(d, h + 1), client);
                    }
                    case 3 -> {
                        long refundable = balance(id, currency).refundableCents();
                        if (refundable > 0) {
                            long amount = 1 + random.nextInt((int) refundable);
                            refund(id, amount);
                        }
                    }
                    default -> {
                        // the cancellation refunds half of what was paid, in its own transaction
                        studio.cancel(id, "plans changed", client);
                        canceled = true;
                    }
                }
            }
        }

        List<Long> invoiceNumbers = new ArrayList<>();
        List<Long> creditNumbers = new ArrayList<>();
        for (String id : bookings) {
            List<InvoiceView> documents = invoicesOf(id);
            Map<String, Long> accounts = ledgerOf(id);
            PurchaseBalance balance = balance(id, currency);
            long owed = 0;
            long allocated = 0;
            for (InvoiceView d : documents) {
                if (d.number() == null) {
                    assertThat(d.status()).as(why).isIn("draft", "void");
                    continue;
                }
                long seq = Long.parseLong(d.number().substring(d.number().indexOf('-') + 1));
                if (d.kind().equals("credit_note")) {
                    owed -= d.totalCents();
                    creditNumbers.add(seq);
                } else {
                    owed += d.totalCents();
                    invoiceNumbers.add(seq);
                    allocated += d.paidCents() + d.creditedCents();
                    assertThat(d.dueCents()).as(why).isEqualTo(d.totalCents() - d.paidCents() - d.creditedCents());
                }
            }
            assertThat(accounts.getOrDefault("client_receivable", 0L))
                    .as("%s: the ledger's receivable of %s is what is owed less what was paid and kept", why, id)
                    .isEqualTo(owed - balance.netPaidCents());
            String status = api
                            .get("/api/admin/bookings?status=canceled", studio.owner())
                            .expect(200)
                            .asListOf(io.roomtone.support.BookingView.class)
                            .stream()
                            .anyMatch(b -> b.id().equals(id))
                    ? "canceled"
                    : "other";
            if (status.equals("canceled")) {
                assertThat(owed)
                        .as("%s: a canceled booking is credited down to what was kept", why)
                        .isLessThanOrEqualTo(Math.max(0, balance.refundableCents()));
            }
            long issuedTotal = documents.stream()
                    .filter(d -> d.kind().equals("invoice") && d.number() != null)
                    .mapToLong(InvoiceView::totalCents)
                    .sum();
            long credits = issuedTotal - owed;
            assertThat(allocated)
                    .as("%s: payments kept and credit notes settle the invoices as far as they go", why)
                    .isEqualTo(Math.min(issuedTotal, Math.max(0, balance.refundableCents()) + credits));
        }
        java.util.Collections.sort(invoiceNumbers);
        java.util.Collections.sort(creditNumbers);
        assertThat(invoiceNumbers)
                .as(why)
                .isEqualTo(
                        LongStream.rangeClosed(1, invoiceNumbers.size()).boxed().toList());
        assertThat(creditNumbers)
                .as(why)
                .isEqualTo(
                        LongStream.rangeClosed(1, creditNumbers.size()).boxed().toList());
    }

    // --- helpers ---

    private String registered(String name) {
        return api.register("client-" + UUID.randomUUID() + "@example.test", "client-password", name, studio.slug())
                .json()
                .get("token")
                .asString();
    }

    private byte[] bytes(String path, String token, int expected) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(api.uri(path))
                                    .header("Authorization", "Bearer " + token)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(expected);
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
