package io.roomtone.payments;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.Parallel;
import io.roomtone.support.Publications;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StripeSimulator;
import io.roomtone.support.TestStudio;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The ledger against Stripe, through the real stripe-java client and a stateful Stripe ({@link
 * StripeSimulator}: intents, charges, refunds, balance transactions, a 2.9 % + 30 c fee per charge).
 * A randomized run of card deposits, approvals, rejections, cancellations, reschedules with fees,
 * manual payments and refunds on several threads ends balanced, with no difference to Stripe, and
 * with the ledger's processor clearing equal to Stripe's net balance to the cent.
 */
@RoomtoneTest
class StripeReconciliationTests {

    static final StripeSimulator stripe = StripeSimulator.launch();

    @DynamicPropertySource
    static void stripeKeys(DynamicPropertyRegistry registry) {
        registry.add("roomtone.stripe.secret-key", () -> "sk_test_roomtone");
        registry.add("roomtone.stripe.publishable-key", () -> "pk_test_roomtone");
        registry.add("roomtone.stripe.webhook-secret", () -> "whsec_test_roomtone");
        registry.add("roomtone.stripe.api-base", stripe::baseUrl);
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop();
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CardPayments cards;

    TestStudio studio;
    UUID studioId;
    /** The studio's currency, as its bookings (and so its card payments) carry it. */
    String currency;

    String room;
    String service;

    @BeforeEach
    void openStudio() {
        stripe.returnFeesOnRefunds(amount -> 0);
        stripe.down(false);
        stripe.refuseExpansions(false);
        studio = new TestStudio(api).openWithApproval();
        studioId = UUID.fromString(studio.id());
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
    }

    // --- the randomized run ---

    @Test
    void aRandomizedRunOnSeveralThreadsEndsWithTheLedgerEqualToStripeToTheCent() throws Exception {
        studio.updateSettings(
                "reschedule_policy", Map.of("free_min_hours_before", 24, "free_reschedules", 0, "fee_cents", 700));
        Instant began = Instant.now().minus(1, ChronoUnit.HOURS);
        List<String> clients = List.of(studio.client(), studio.client(), studio.client(), studio.client());
        long seed = System.nanoTime();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        List<String> bookings = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> runs = new ArrayList<>();
            // whatever the dice say, one card deposit is captured while the others play (a day no
            // random move books), so the run always moves captured card money
            // (shared with the random moves only once captured: a cancellation before would release it)
            runs.add(pool.submit(() -> {
                String captured = paidByCardAndApproved(24);
                awaitPaid(captured);
                bookings.add(captured);
                return null;
            }));
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed + t);
                String client = clients.get(t);
                int thread = t;
                runs.add(pool.submit(() -> {
                    for (int step = 0; step < 25; step++) {
                        act(random, client, thread, step, bookings);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        drain();

        assertThat(bookings).as("seed " + seed).isNotEmpty();
        assertThat(stripe.intentsOf(studio.id())).as("seed " + seed).isNotEmpty();
        assertThat(unbalancedTransactions())
                .as("unbalanced ledger transactions, seed " + seed)
                .isZero();

        // what the fee capture after each settlement missed, the reconciliation's import records
        JsonNode imported = reconcile("/fees", began).expect(200).json();
        JsonNode report = reconcile("", began).expect(200).json();
        assertThat(report.get("configured").asBoolean()).isTrue();
        assertThat(report.get("differences"))
                .as("seed " + seed + " imported " + imported)
                .isEmpty();
        assertThat(report.get("matches").asBoolean()).isTrue();

        // what the run did, by kind and status of operation (a run that moved no card money proves little)
        Map<String, Long> done = new TreeMap<>();
        inStudio(() -> jdbc.sql("SELECT gateway || ' ' || kind || ' ' || status AS k, count(*) AS n"
                        + " FROM payment_operation WHERE studio_id = ? GROUP BY 1")
                .params(studioId)
                .query((rs, n) -> done.put(rs.getString("k"), rs.getLong("n")))
                .list());
        System.out.println("Randomized run, seed " + seed + ": " + done + ", fees " + imported.get("fees_imported"));
        assertThat(done).as("seed " + seed).containsKey("stripe capture succeeded");

        Map<String, Long> clearing = clearingByCurrency();
        assertThat(clearing).as("seed " + seed).isNotEmpty();
        for (Map.Entry<String, Long> c : clearing.entrySet()) {
            assertThat(c.getValue())
                    .as("processor clearing in " + c.getKey() + " = Stripe's net balance, seed " + seed)
                    .isEqualTo(stripe.netBalance(studio.id(), c.getKey()));
            assertThat(ledgerSum("processor_fees", c.getKey()))
                    .as("fees in " + c.getKey() + ", seed " + seed)
                    .isEqualTo(stripe.fees(studio.id(), c.getKey()));
        }
        for (JsonNode t : report.get("totals")) {
            assertThat(t.get("provider_net_cents").asLong())
                    .isEqualTo(t.get("ledger_net_cents").asLong());
        }

        // invoices and credit notes are numbered without a gap, whatever raced
        for (String kind : List.of("invoice", "credit_note")) {
            List<Long> numbers = inStudio(() -> jdbc.sql(
                            "SELECT seq FROM invoice WHERE studio_id = ? AND kind = ? AND seq IS NOT NULL ORDER BY seq")
                    .params(studioId, kind)
                    .query(Long.class)
                    .list());
            assertThat(numbers)
                    .as(kind + " numbers, seed " + seed)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, numbers.size())
                            .boxed()
                            .toList());
            if (kind.equals("invoice")) {
                assertThat(numbers).as("issued invoices, seed " + seed).isNotEmpty();
            }
        }

        // a refund above what was captured is refused, and nothing moves anywhere
        String paid =
                bookings.stream().filter(id -> paidCents(id) > 0).findFirst().orElse(null);
        if (paid != null) {
            int before = stripe.balanceTransactionCount();
            long clearingBefore = clearingByCurrency().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            Response tooMuch = api.post(
                    "/api/admin/bookings/" + paid + "/refund",
                    json("amount_cents", paidCents(paid) + 1, "reason", "Too much"),
                    studio.owner());
            assertThat(tooMuch.expect(409).problem().code()).isEqualTo("refund_exceeds_paid");
            drain();
            assertThat(stripe.balanceTransactionCount()).isEqualTo(before);
            assertThat(clearingByCurrency().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(clearingBefore);
        }
    }

    /** One random move by one client's thread (and the studio); refusals are part of the game. */
    private void act(Random random, String client, int thread, int step, List<String> bookings) {
        List<String> all = new ArrayList<>(bookings);
        int move = all.isEmpty() ? 0 : random.nextInt(10);
        String id = all.isEmpty() ? null : all.get(random.nextInt(all.size()));
        Response answer;
        switch (move) {
            case 0, 1 -> {
                int day = 3 + random.nextInt(20);
                int hour = 8 + thread * 3 + random.nextInt(3);
                answer = api.post(
                        "/api/bookings",
                        booking(room, service, at(day, hour), at(day, hour + 1)).json(),
                        client);
                if (answer.status() == 201) {
                    String booked = answer.json().get("booking_id").asText();
                    bookings.add(booked);
                    // most clients complete the Payment Element at once; some later, some never
                    if (random.nextInt(4) > 0) {
                        stripe.intentOfReference(booked).ifPresent(stripe::confirm);
                    }
                }
            }
            case 2 -> {
                // a client who paid later: the browser confirms, Stripe tells Roomtone (as its webhook would)
                String intent = stripe.intentOfReference(id).orElse(null);
                if (intent != null && "requires_payment_method".equals(stripe.statusOf(intent))) {
                    stripe.confirm(intent);
                }
                if (intent != null) {
                    Tenancy.runAs(studioId, () -> {
                        try {
                            cards.reconcile(intent);
                        } catch (StripeGateway.ProviderException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                return;
            }
            case 3 -> answer = api.post("/api/admin/bookings/" + id + "/approve", "{}", studio.owner());
            case 4 ->
                answer = api.post(
                        "/api/admin/bookings/" + id + "/payments",
                        json(
                                "amount_cents",
                                1 + random.nextInt(6_000),
                                "method",
                                random.nextBoolean() ? "cash" : "bank_transfer"),
                        studio.owner());
            case 5 ->
                answer = api.post(
                        "/api/admin/bookings/" + id + "/refund",
                        json("amount_cents", 1 + random.nextInt(3_000), "reason", "Goodwill " + step),
                        studio.owner());
            case 6 -> answer = api.post("/api/bookings/" + id + "/cancel", json("reason", "Random"), studio.owner());
            case 7 ->
                answer = api.post("/api/admin/bookings/" + id + "/reject", json("reason", "Random"), studio.owner());
            case 8 -> {
                int day = 25 + random.nextInt(30);
                int hour = 8 + random.nextInt(12);
                answer = api.post(
                        "/api/bookings/" + id + "/reschedule",
                        json("new_start_at", at(day, hour), "new_end_at", at(day, hour + 1)),
                        studio.owner());
            }
            default ->
                // an over-refund: always refused (409), or a 400 for an amount beyond any limit
                answer = api.post(
                        "/api/admin/bookings/" + id + "/refund",
                        json("amount_cents", 900_000_000L, "reason", "Over"),
                        studio.owner());
        }
        assertThat(answer.status()).as("move " + move + " " + answer).isLessThan(500);
        if (move == 9) {
            assertThat(answer.status()).as("over-refund " + answer).isIn(400, 409);
        }
    }

    // --- focused cases ---

    @Test
    void aFeeIsRecordedOnceUnderADozenParallelImports() {
        String booking = capturedCardDeposit();
        String outside = stripe.chargeOutsideRoomtone(10_000, currency, studio.id(), booking);
        long fee = StripeSimulator.standardFee(10_000);
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);

        List<Response> answers = Parallel.send(12, i -> reconcile("/fees", from));

        long imported = answers.stream()
                .mapToLong(r -> r.expect(200).json().get("fees_imported").asLong())
                .sum();
        assertThat(imported).as("fees recorded by the 12 imports").isLessThanOrEqualTo(2);
        assertThat(inStudio(() -> jdbc.sql(
                                "SELECT count(*) FROM processor_fee WHERE studio_id = ? AND source_id LIKE 'ch_%'")
                        .params(studioId)
                        .query(Long.class)
                        .single()))
                .isEqualTo(2);
        assertThat(inStudio(() -> jdbc.sql("SELECT count(*) FROM ledger_transaction WHERE studio_id = ?"
                                + " AND kind = 'processor_fee'")
                        .params(studioId)
                        .query(Long.class)
                        .single()))
                .isEqualTo(2);
        assertThat(ledgerSum("processor_fees", currency)).isPositive().isEqualTo(stripe.fees(studio.id(), currency));
        assertThat(unbalancedTransactions()).isZero();
        // the outside charge's fee is in the ledger now; the charge itself is not ours
        JsonNode differences = reconcile("", from).expect(200).json().get("differences");
        assertThat(differences).hasSize(1);
        assertThat(differences.get(0).get("provider_id").asText()).isEqualTo(outside);
        assertThat(fee).isPositive();
    }

    @Test
    void aChargeStripeHasAndTheLedgerLacksIsListedWithItsBooking() {
        String booking = capturedCardDeposit();
        String code = studio.booking(booking, studio.owner()).code();
        String outside = stripe.chargeOutsideRoomtone(5_000, currency, studio.id(), booking);
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);

        JsonNode report = reconcile("/fees", from).expect(200).json();

        assertThat(report.get("matches").asBoolean()).isFalse();
        JsonNode differences = report.get("differences");
        assertThat(differences).hasSize(1);
        JsonNode missing = differences.get(0);
        assertThat(missing.get("kind").asText()).isEqualTo("charge");
        assertThat(missing.get("reason").asText()).isEqualTo("missing_in_ledger");
        assertThat(missing.get("provider_id").asText()).isEqualTo(outside);
        assertThat(missing.get("reference").asText()).isEqualTo(booking);
        assertThat(missing.get("label").asText()).isEqualTo(code);
        assertThat(missing.get("provider_cents").asLong()).isEqualTo(5_000);
        assertThat(missing.get("ledger_cents").asLong()).isZero();

        // the page lists it with a link to the booking
        String page = api.send(
                        "GET",
                        "/admin/reconciliation?from="
                                + java.time.LocalDate.now(TestStudio.ZONE).minusDays(1),
                        null,
                        studio.owner(),
                        Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(page)
                .contains("/admin/bookings/" + booking)
                .contains(code)
                .contains(outside)
                .contains("Missing in the ledger");
    }

    @Test
    void anAmountThatDiffersIsListed() {
        String booking = capturedCardDeposit();
        String intent = stripe.intentOfReference(booking).orElseThrow();
        long captured = paidCents(booking);
        stripe.alter(intent, captured + 100);
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);

        JsonNode differences = reconcile("/fees", from).expect(200).json().get("differences");

        assertThat(differences).hasSize(1);
        assertThat(differences.get(0).get("reason").asText()).isEqualTo("amount_differs");
        assertThat(differences.get(0).get("provider_id").asText()).isEqualTo(intent);
        assertThat(differences.get(0).get("provider_cents").asLong()).isEqualTo(captured + 100);
        assertThat(differences.get(0).get("ledger_cents").asLong()).isEqualTo(captured);
        assertThat(differences.get(0).get("delta_cents").asLong()).isEqualTo(100);
    }

    @Test
    void aCardDepositAndItsRefundReconcileWithTheFeesRecordedAsTheySettled() {
        // Stripe gives back 2.9 % of what it refunds
        stripe.returnFeesOnRefunds(amount -> (amount * 29 + 500) / 1000);
        String booking = capturedCardDeposit();
        long captured = paidCents(booking);
        api.post(
                        "/api/admin/bookings/" + booking + "/refund",
                        json("amount_cents", 1_000, "reason", "Goodwill"),
                        studio.owner())
                .expect(200);
        drain();
        long returned = 29;
        // recorded after each settled, without any import
        Instant deadline = Instant.now().plusSeconds(15);
        while (feeRows() < 2 && Instant.now().isBefore(deadline)) {
            pause();
        }

        JsonNode report = reconcile("", Instant.now().minus(1, ChronoUnit.HOURS))
                .expect(200)
                .json();

        assertThat(report.get("differences")).isEmpty();
        assertThat(feeRows()).isEqualTo(2);
        JsonNode totals = report.get("totals").get(0);
        assertThat(totals.get("provider_charges_cents").asLong()).isEqualTo(captured);
        assertThat(totals.get("provider_refunds_cents").asLong()).isEqualTo(1_000);
        assertThat(totals.get("ledger_fees_cents").asLong())
                .as("totals " + report)
                .isEqualTo(StripeSimulator.standardFee(captured) - returned);
        assertThat(ledgerSum("processor_fees", currency)).isEqualTo(StripeSimulator.standardFee(captured) - returned);
        assertThat(ledgerSum("processor_clearing", currency)).isEqualTo(stripe.netBalance(studio.id(), currency));
        assertThat(unbalancedTransactions()).isZero();
    }

    private long feeRows() {
        return inStudio(() -> jdbc.sql("SELECT count(*) FROM processor_fee WHERE studio_id = ?")
                .params(studioId)
                .query(Long.class)
                .single());
    }

    @Test
    void anotherStudiosMovementsOnTheSameStripeAccountAreNotListed() {
        capturedCardDeposit();
        stripe.chargeOutsideRoomtone(4_000, currency, UUID.randomUUID().toString(), null);

        JsonNode report = reconcile("/fees", Instant.now().minus(1, ChronoUnit.HOURS))
                .expect(200)
                .json();

        assertThat(report.get("differences")).isEmpty();
    }

    @Test
    void aFeeMissedWhenThePaymentSettledIsListedThenImportedAndThePaymentIsUntouched() {
        stripe.refuseExpansions(true);
        String booking;
        try {
            booking = capturedCardDeposit();
        } finally {
            stripe.refuseExpansions(false);
        }
        long captured = paidCents(booking);
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);

        JsonNode before = reconcile("", from).expect(200).json().get("differences");
        assertThat(before).hasSize(1);
        assertThat(before.get(0).get("kind").asText()).isEqualTo("fee");
        assertThat(before.get(0).get("reason").asText()).isEqualTo("missing_in_ledger");
        assertThat(before.get(0).get("reference").asText()).isEqualTo(booking);
        assertThat(before.get(0).get("provider_cents").asLong()).isEqualTo(StripeSimulator.standardFee(captured));

        JsonNode imported = reconcile("/fees", from).expect(200).json();
        assertThat(imported.get("fees_imported").asInt()).isEqualTo(1);
        assertThat(imported.get("differences")).isEmpty();
        assertThat(reconcile("/fees", from)
                        .expect(200)
                        .json()
                        .get("fees_imported")
                        .asInt())
                .isZero();
        assertThat(paidCents(booking)).isEqualTo(captured);
        assertThat(ledgerSum("processor_clearing", currency)).isEqualTo(stripe.netBalance(studio.id(), currency));
    }

    @Test
    void stripeNotAnsweringIsA503AndThePageSaysSo() {
        stripe.down(true);
        try {
            Response api503 = reconcile("", Instant.now().minus(1, ChronoUnit.HOURS));
            assertThat(api503.expect(503).problem().code()).isEqualTo("provider_unavailable");
            Response page =
                    api.send("GET", "/admin/reconciliation", null, studio.owner(), Map.of("Accept", "text/html"));
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.body()).contains("Stripe did not answer");
        } finally {
            stripe.down(false);
        }
    }

    @Test
    void badPeriodsAreRefusedAndNothingIsWritten() {
        assertThat(api.get("/api/admin/reconciliation", studio.owner())
                        .expect(400)
                        .invalidFields())
                .contains("from", "to");
        assertThat(api.get(
                                "/api/admin/reconciliation?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                                studio.owner())
                        .expect(400)
                        .invalidFields())
                .containsExactly("to");
        assertThat(api.get(
                                "/api/admin/reconciliation?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                                studio.owner())
                        .expect(400)
                        .invalidFields())
                .containsExactly("to");
        assertThat(api.post(
                                "/api/admin/reconciliation/fees?from=+999999999-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                                "{}",
                                studio.owner())
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/admin/reconciliation?from=yesterday&to=today", studio.owner())
                        .status())
                .isEqualTo(400);
        assertThat(api.send(
                                "GET",
                                "/admin/reconciliation?from=999999999-01-01&to=2026-01-01",
                                null,
                                studio.owner(),
                                Map.of("Accept", "text/html"))
                        .expect(400)
                        .body())
                .contains("field-error");
        assertThat(api.get(
                                "/api/admin/reconciliation?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
                                studio.client())
                        .status())
                .isEqualTo(403);
        assertThat(inStudio(() -> jdbc.sql("SELECT count(*) FROM processor_fee WHERE studio_id = ?")
                        .params(studioId)
                        .query(Long.class)
                        .single()))
                .isZero();
    }

    // --- helpers ---

    /** A request whose card deposit the client paid and the studio approved (captured, settled). */
    private String capturedCardDeposit() {
        String booking = paidByCardAndApproved(9);
        currency = studio.booking(booking, studio.owner()).currency();
        awaitPaid(booking);
        drain();
        return booking;
    }

    /** Waits until the deposit captured after approval shows as paid. */
    private void awaitPaid(String booking) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (paidCents(booking) == 0 && Instant.now().isBefore(deadline)) {
            pause();
        }
        assertThat(paidCents(booking)).as("paid after capture").isPositive();
    }

    /** A session at 10:00 on the given day, its deposit authorized by card and then approved (captured). */
    private String paidByCardAndApproved(int day) {
        BookedView booked = studio.book(booking(room, service, at(day, 10), at(day, 11)), studio.client());
        stripe.confirm(stripe.intentOfReference(booked.bookingId()).orElseThrow());
        studio.approve(booked.bookingId(), "See you");
        return booked.bookingId();
    }

    private long paidCents(String booking) {
        return studio.booking(booking, studio.owner()).paidCents();
    }

    private Response reconcile(String path, Instant from) {
        String query = "?from=" + from + "&to=" + Instant.now().plus(1, ChronoUnit.HOURS);
        return path.isEmpty()
                ? api.get("/api/admin/reconciliation" + query, studio.owner())
                : api.post("/api/admin/reconciliation" + path + query, "{}", studio.owner());
    }

    /**
     * Waits for the work that follows commits (captures on approval, releases, refunds, fee
     * captures) and settles whatever is due, until nothing is under way.
     */
    private void drain() {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            Tenancy.runAs(studioId, cards::settleDue);
            long incomplete = Publications.incomplete(jdbc, studio.id());
            long unsettled = inStudio(() -> jdbc.sql(
                            """
                            SELECT count(*) FROM payment_operation WHERE studio_id = ? AND gateway = 'stripe'
                               AND kind IN ('capture', 'refund', 'release') AND status IN ('pending', 'unknown')
                            """)
                    .params(studioId)
                    .query(Long.class)
                    .single());
            if (incomplete == 0 && unsettled == 0) {
                return;
            }
            assertThat(Instant.now())
                    .as(incomplete + " publications incomplete, " + unsettled + " card operations unsettled")
                    .isBefore(deadline);
            if (unsettled > 0) {
                // what is due only after its back-off: due now, as a later pass would find it
                inStudio(() -> jdbc.sql("UPDATE payment_operation SET next_attempt_at = now() WHERE studio_id = ?"
                                + " AND status IN ('pending', 'unknown') AND kind IN ('capture', 'refund', 'release')")
                        .params(studioId)
                        .update());
            }
            pause();
        }
    }

    private long unbalancedTransactions() {
        return inStudio(() -> jdbc.sql(
                        """
                        SELECT count(*) FROM (
                            SELECT transaction_id, currency FROM ledger_entry WHERE studio_id = ?
                             GROUP BY transaction_id, currency HAVING sum(amount_cents) <> 0) unbalanced
                        """)
                .params(studioId)
                .query(Long.class)
                .single());
    }

    private Map<String, Long> clearingByCurrency() {
        Map<String, Long> sums = new TreeMap<>();
        inStudio(() -> jdbc.sql(
                        """
                        SELECT currency, sum(amount_cents) AS total FROM ledger_entry
                         WHERE studio_id = ? AND account = 'processor_clearing' GROUP BY currency
                        """)
                .params(studioId)
                .query((rs, n) -> sums.put(rs.getString("currency"), rs.getLong("total")))
                .list());
        return sums;
    }

    private long ledgerSum(String account, String currency) {
        return inStudio(() -> jdbc.sql(
                        """
                        SELECT coalesce(sum(amount_cents), 0) FROM ledger_entry
                         WHERE studio_id = ? AND account = ? AND currency = ?
                        """)
                .params(studioId, account, currency)
                .query(Long.class)
                .single());
    }

    private <T> T inStudio(Supplier<T> work) {
        return Tenancy.callAs(studioId, () -> transactions.execute(tx -> work.get()));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
