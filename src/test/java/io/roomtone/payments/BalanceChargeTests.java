package io.roomtone.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.roomtone.booking.BalanceCharges;
import io.roomtone.booking.BookingEvents;
import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.MovableClock;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StripeEvents;
import io.roomtone.support.TestStudio;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The balance charged automatically with the card saved at booking, through the real stripe-java
 * client against a WireMock Stripe. A 1 h session costs 113.00 with tax; the deposit (25 %) is
 * 28.25, paid by card when booking at a studio that confirms at once; the balance is 84.75,
 * charged 48 h before the session. The application's clock moves; the sweepers of the application
 * itself are slowed down so that the test runs each pass.
 */
@RoomtoneTest
class BalanceChargeTests {

    static final String WEBHOOK_SECRET = "whsec_test_balance";
    static final long TOTAL = 11_300;
    static final long DEPOSIT = 2_825;
    static final long BALANCE = TOTAL - DEPOSIT;
    static final String CUSTOMER = "cus_roomtone_test";
    static final String CARD = "pm_card_saved";
    static final WireMockServer stripe =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        stripe.start();
    }

    @DynamicPropertySource
    static void stripeKeys(DynamicPropertyRegistry registry) {
        registry.add("roomtone.stripe.secret-key", () -> "sk_test_balance");
        registry.add("roomtone.stripe.publishable-key", () -> "pk_test_balance");
        registry.add("roomtone.stripe.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("roomtone.stripe.api-base", stripe::baseUrl);
        // the test runs each pass itself
        registry.add("roomtone.booking.balance-interval", () -> "PT1H");
        registry.add("roomtone.payments.settle-interval", () -> "PT1H");
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop();
    }

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }

        @Bean
        Published published() {
            return new Published();
        }
    }

    /** The "payment action needed" events as published. */
    static class Published {
        final List<BookingEvents.PaymentActionNeeded> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(BookingEvents.PaymentActionNeeded event) {
            events.add(event);
        }
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MovableClock clock;

    @Autowired
    BalanceCharges charges;

    @Autowired
    CardPayments cards;

    @Autowired
    Published published;

    TestStudio studio;
    String room;
    String service;
    String client;
    String depositIntent;

    @BeforeEach
    void openStudio() {
        stripe.resetAll();
        studio = new TestStudio(api).openWithoutApproval();
        studio.updateSettings("balance_collection", "auto_charge", "balance_charge_hours", 48);
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        client = studio.client();
        depositIntent = newIntentId();
        stripe.stubFor(post(urlEqualTo("/v1/customers"))
                .willReturn(okJson("{\"id\":\"" + CUSTOMER + "\",\"object\":\"customer\"}")));
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .willReturn(okJson(intentJson(depositIntent, "requires_payment_method", DEPOSIT, 0, null))));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // --- saving the card ---

    @Test
    void theDepositIntentSavesTheCardForTheBalanceAndItsPaymentMethodIsKept() {
        BookedView booked = bookDaysAhead(5);

        assertThat(booked.clientSecret()).isEqualTo(depositIntent + "_secret_test");
        stripe.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/customers"))
                        .withHeader("Idempotency-Key", containing("roomtone-"))
                        .withRequestBody(containing("metadata[party]=" + studio.userId(client)))
                        .withRequestBody(containing("metadata[studio_id]=" + studio.id())));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("customer=" + CUSTOMER))
                .withRequestBody(containing("setup_future_usage=off_session"))
                .withRequestBody(containing("amount=" + DEPOSIT))
                .withRequestBody(containing("capture_method=automatic")));

        clientPaysTheDeposit(booked);

        assertThat(savedCard(booked)).isEqualTo(CARD);
        assertThat(bookingJson(booked).get("payment_status").asText()).isEqualTo("deposit_paid");

        // the client's second booking reuses the customer
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .willReturn(okJson(intentJson(newIntentId(), "requires_payment_method", DEPOSIT, 0, null))));
        bookDaysAhead(6);
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/customers")));
    }

    // --- the charge ---

    @Test
    void fortySevenHoursBeforeTheSessionTheBalanceIsChargedOnceWhateverTheNumberOfSweepers() {
        BookedView booked = bookDaysAhead(5);
        clientPaysTheDeposit(booked);
        String balanceIntent = newIntentId();
        stubOffSession(okJson(intentJson(balanceIntent, "succeeded", BALANCE, BALANCE, CARD)));

        assertThat(sweep()).isZero(); // five days ahead: not due yet
        clock.moveTo(startOf(booked).minus(Duration.ofHours(47)));

        // two sweeper threads on "two nodes", and a dozen more passes at once
        List<Integer> charged = inParallel(14, this::sweep);

        assertThat(charged.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        List<LoggedRequest> calls = offSessionCalls();
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.get(0);
        assertThat(call.getHeader("Idempotency-Key")).isEqualTo("roomtone-" + balanceOperationId(booked, 1));
        assertThat(call.getBodyAsString())
                .contains("amount=" + BALANCE)
                .contains("customer=" + CUSTOMER)
                .contains("payment_method=" + CARD)
                .contains("confirm=true");
        JsonNode after = bookingJson(booked);
        assertThat(after.get("payment_status").asText()).isEqualTo("paid");
        assertThat(after.get("paid_cents").asLong()).isEqualTo(TOTAL);
        assertThat(after.get("payment_action_needed").asBoolean()).isFalse();
        assertThat(ledger("processor_clearing")).isEqualTo(TOTAL);
        assertThat(sweep()).isZero(); // charged once, never again
    }

    @Test
    void aDeclinedChargeMarksPaymentActionNeededAndTheClientPaysOnTheBookingsPage() {
        BookedView booked = bookDaysAhead(5);
        clientPaysTheDeposit(booked);
        stubOffSession(aResponse()
                .withStatus(402)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"card_error\",\"code\":\"authentication_required\","
                        + "\"decline_code\":\"authentication_required\","
                        + "\"message\":\"This payment requires authentication.\"}}"));
        clock.moveTo(startOf(booked).minus(Duration.ofHours(47)));

        assertThat(sweep()).isEqualTo(1);

        JsonNode flagged = bookingJson(booked);
        assertThat(flagged.get("payment_action_needed").asBoolean()).isTrue();
        assertThat(flagged.get("paid_cents").asLong()).isEqualTo(DEPOSIT);
        assertThat(published.events)
                .filteredOn(e -> e.bookingId().toString().equals(booked.bookingId()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.owedCents()).isEqualTo(BALANCE);
                    assertThat(e.failure()).contains("authentication");
                });
        assertThat(sweep()).isZero(); // not charged again: the client acts now
        // the studio sees it too
        assertThat(api.get("/api/admin/bookings?status=confirmed", studio.owner())
                        .expect(200)
                        .body())
                .contains("\"payment_action_needed\":true");

        // the client's booking page asks for the payment and starts a new intent for what is owed
        String owedIntent = newIntentId();
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(notContaining("off_session=true"))
                .willReturn(okJson(intentJson(owedIntent, "requires_payment_method", BALANCE, 0, null))));
        String page = page("/me/bookings/" + booked.code()).expect(200).body();
        assertThat(page).contains("Payment needed").contains("84.75");
        Response started = api.send(
                "POST",
                "/me/bookings/" + booked.code() + "/pay",
                "",
                client,
                Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(started.status()).isBetween(300, 399);
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + owedIntent))
                .willReturn(okJson(intentJson(owedIntent, "requires_payment_method", BALANCE, 0, null))));
        assertThat(page("/me/bookings/" + booked.code()).expect(200).body())
                .contains("data-client-secret=\"" + owedIntent + "_secret_test\"");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("amount=" + BALANCE))
                .withRequestBody(notContaining("off_session=true")));

        // the client pays: the flag clears
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + owedIntent))
                .willReturn(okJson(intentJson(owedIntent, "succeeded", BALANCE, BALANCE, "pm_other"))));
        webhook(owedIntent, "payment_intent.succeeded").expect(200);

        JsonNode paid = eventually(booked, b -> b.get("paid_cents").asLong() == TOTAL);
        assertThat(paid.get("payment_action_needed").asBoolean()).isFalse();
        assertThat(paid.get("payment_status").asText()).isEqualTo("paid");
        assertThat(page("/me/bookings/" + booked.code()).body()).doesNotContain("Payment needed");
    }

    @Test
    void theStudioRecordingTheRestClearsPaymentActionNeeded() {
        BookedView booked = bookDaysAhead(5);
        clientPaysTheDeposit(booked);
        stubOffSession(
                aResponse()
                        .withStatus(402)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                                        + "\"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient funds.\"}}"));
        clock.moveTo(startOf(booked).minus(Duration.ofHours(47)));
        sweep();
        assertThat(bookingJson(booked).get("payment_action_needed").asBoolean()).isTrue();
        assertThat(page("/admin").body()).contains(booked.code()).contains("Payment action needed");

        api.post(
                        "/api/admin/bookings/" + booked.bookingId() + "/payments",
                        json(
                                "amount_cents",
                                BALANCE - 100,
                                "method",
                                "cash",
                                "received_at",
                                Instant.now().toString()),
                        studio.owner())
                .expect(201);
        assertThat(bookingJson(booked).get("payment_action_needed").asBoolean())
                .as("still owes 1.00")
                .isTrue();
        api.post(
                        "/api/admin/bookings/" + booked.bookingId() + "/payments",
                        json(
                                "amount_cents",
                                100,
                                "method",
                                "cash",
                                "received_at",
                                Instant.now().toString()),
                        studio.owner())
                .expect(201);

        assertThat(bookingJson(booked).get("payment_action_needed").asBoolean()).isFalse();
    }

    @Test
    void aCanceledBookingIsNeverCharged() {
        BookedView booked = bookDaysAhead(5);
        clientPaysTheDeposit(booked);
        stripe.stubFor(post(urlEqualTo("/v1/refunds"))
                .willReturn(
                        okJson("{\"id\":\"re_" + UUID.randomUUID().toString().replace("-", "")
                                + "\",\"object\":\"refund\",\"status\":\"succeeded\",\"amount\":" + DEPOSIT
                                + ",\"payment_intent\":\"" + depositIntent + "\"}")));
        stubOffSession(okJson(intentJson(newIntentId(), "succeeded", BALANCE, BALANCE, CARD)));
        studio.cancel(booked.bookingId(), "Plans changed", client);

        clock.moveTo(startOf(booked).minus(Duration.ofHours(47)));

        assertThat(sweep()).isZero();
        assertThat(offSessionCalls()).isEmpty();
    }

    @Test
    void aBookingCanceledWhileItsBalanceIsBeingChargedGetsTheChargeBack() throws Exception {
        BookedView booked = bookDaysAhead(5);
        clientPaysTheDeposit(booked);
        // two refunds (the deposit's by policy, then the balance): each its own id at Stripe
        stripe.stubFor(post(urlEqualTo("/v1/refunds"))
                .willReturn(okJson("{\"id\":\"re_{{randomValue length=24 type='ALPHANUMERIC'}}\","
                                + "\"object\":\"refund\",\"status\":\"succeeded\",\"amount\":1}")
                        .withTransformers("response-template")));
        // Stripe takes its time: the client cancels while the charge is under way
        stubOffSession(okJson(intentJson(newIntentId(), "succeeded", BALANCE, BALANCE, CARD))
                .withFixedDelay(3_000));
        clock.moveTo(startOf(booked).minus(Duration.ofHours(47)));
        ExecutorService sweeper = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> charging = sweeper.submit(this::sweep);
            Instant deadline = Instant.now().plusSeconds(10);
            while (!operationStatuses(booked).contains("pending")
                    && Instant.now().isBefore(deadline)) {
                pause();
            }
            studio.cancel(booked.bookingId(), "Plans changed", client);
            assertThat(charging.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            sweeper.shutdownNow();
        }

        // the deposit's 50 % by policy, and the whole balance charged too late
        JsonNode after = eventually(booked, b -> b.get("paid_cents").asLong() == DEPOSIT - 1_413);
        assertThat(after.get("status").asText()).isEqualTo("canceled");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds")).withRequestBody(containing("amount=" + BALANCE)));
    }

    @Test
    void aRescheduledBookingIsChargedRelativeToItsNewStart() {
        BookedView booked = bookDaysAhead(5);
        clientPaysTheDeposit(booked);
        Instant firstStart = startOf(booked);
        studio.reschedule(booked.bookingId(), at(8, 10), at(8, 11), client);
        stubOffSession(okJson(intentJson(newIntentId(), "succeeded", BALANCE, BALANCE, CARD)));

        clock.moveTo(firstStart.minus(Duration.ofHours(47)));
        assertThat(sweep()).as("due relative to the old start").isZero();

        clock.moveTo(Instant.parse(at(8, 10)).minus(Duration.ofHours(47)));
        assertThat(sweep()).isEqualTo(1);
        assertThat(offSessionCalls()).hasSize(1);
        assertThat(bookingJson(booked).get("payment_status").asText()).isEqualTo("paid");
    }

    @Test
    void aChargeWithoutAnAnswerIsSettledLaterAndNeverMadeTwice() {
        BookedView booked = bookDaysAhead(5);
        clientPaysTheDeposit(booked);
        stubOffSession(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        clock.moveTo(startOf(booked).minus(Duration.ofHours(47)));

        assertThat(sweep()).isEqualTo(1);
        assertThat(bookingJson(booked).get("paid_cents").asLong()).isEqualTo(DEPOSIT); // never guessed
        assertThat(operationStatuses(booked)).contains("unknown");
        assertThat(sweep()).isZero(); // the unknown charge is not made again as a new one

        // Stripe did charge: asking again (same idempotency key) returns that charge
        String balanceIntent = newIntentId();
        stubOffSession(okJson(intentJson(balanceIntent, "succeeded", BALANCE, BALANCE, CARD)));
        clock.moveTo(startOf(booked).minus(Duration.ofHours(46)));
        Tenancy.callAs(UUID.fromString(studio.id()), cards::settleDue);

        JsonNode after = bookingJson(booked);
        assertThat(after.get("paid_cents").asLong()).isEqualTo(TOTAL);
        assertThat(after.get("payment_status").asText()).isEqualTo("paid");
        assertThat(offSessionCalls())
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsOnly("roomtone-" + balanceOperationId(booked, 1));
        assertThat(ledger("processor_clearing")).isEqualTo(TOTAL);
        assertThat(sweep()).isZero();
    }

    // --- paying in full online ---

    @Test
    void aStudioAskingForTheFullPriceGetsAnIntentForTheTotal() {
        studio.updateSettings("online_payment", "full", "balance_collection", "at_studio");

        BookedView booked = bookDaysAhead(5);

        assertThat(booked.clientSecret()).isNotNull();
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("amount=" + TOTAL))
                .withRequestBody(notContaining("setup_future_usage")));
        stripe.verify(0, postRequestedFor(urlEqualTo("/v1/customers")));
    }

    @Test
    void withoutADepositTheClientMayChooseToPayOnlineNow() {
        studio.updateSettings("deposit_percent", 0, "balance_collection", "at_studio");

        BookedView atTheStudio = bookDaysAhead(5);
        assertThat(atTheStudio.clientSecret()).isNull();
        assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents"))))
                .isEmpty();

        BookedView online = studio.book(bookingAt(6).with("pay_online", true), client);
        assertThat(online.clientSecret()).isNotNull();
        stripe.verify(
                1, postRequestedFor(urlEqualTo("/v1/payment_intents")).withRequestBody(containing("amount=" + TOTAL)));
    }

    @Test
    void theBookStepOffersToPayOnlineWithoutADepositAndTheSentPageAsksForTheTotal() {
        studio.updateSettings("deposit_percent", 0, "balance_collection", "at_studio");
        String hold = "/book/"
                + studio.hold(
                                io.roomtone.support.HoldRequest.hold(room, at(5, 10), at(5, 11))
                                        .ofService(service),
                                client)
                        .holdId();

        assertThat(page(hold).expect(200).body())
                .contains("name=\"pay_online\"")
                .contains("Pay the full price online now, by card");
        Response sent = api.send(
                "POST",
                hold + "/request",
                "ack=yes&pay_online=yes",
                client,
                Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"));

        assertThat(sent.status()).isBetween(300, 399);
        stripe.verify(
                1, postRequestedFor(urlEqualTo("/v1/payment_intents")).withRequestBody(containing("amount=" + TOTAL)));
        String bookingPath = sent.header("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + depositIntent))
                .willReturn(okJson(intentJson(depositIntent, "requires_payment_method", TOTAL, 0, null))));
        assertThat(page(bookingPath).expect(200).body())
                .contains("Pay the full price of CA$113.00")
                .doesNotContain("saved with our payment provider");
    }

    @Test
    void thePayStepTellsTheClientWhenTheSavedCardIsCharged() {
        BookedView booked = bookDaysAhead(5);
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + depositIntent))
                .willReturn(okJson(intentJson(depositIntent, "requires_payment_method", DEPOSIT, 0, null))));

        assertThat(page("/book/sent/" + booked.bookingId()).expect(200).body())
                .contains("data-client-secret=\"" + depositIntent + "_secret_test\"")
                .contains("to charge the rest, CA$84.75, automatically 48 hours before your session");
    }

    // --- settings ---

    @Test
    void badBalanceSettingsAreRefusedNamingTheFieldAndNothingIsWritten() {
        JsonNode before =
                api.get("/api/admin/settings", studio.owner()).expect(200).json();

        for (Object hours : List.of(0, 721, Long.MAX_VALUE, "abc", -1)) {
            Response refused = api.patch("/api/admin/settings", json("balance_charge_hours", hours), studio.owner());
            assertThat(refused.expect(400, "balance_charge_hours " + hours).invalidFields())
                    .containsExactly("balance_charge_hours");
        }
        Response online =
                api.patch("/api/admin/settings", json("online_payment", "half", "deposit_percent", 30), studio.owner());
        assertThat(online.expect(400).invalidFields()).containsExactly("online_payment");
        Response collection = api.patch("/api/admin/settings", json("balance_collection", "abc"), studio.owner());
        assertThat(collection.expect(400).invalidFields()).containsExactly("balance_collection");

        JsonNode after =
                api.get("/api/admin/settings", studio.owner()).expect(200).json();
        assertThat(after).isEqualTo(before);
        assertThat(after.get("balance_collection").asText()).isEqualTo("auto_charge");
        assertThat(after.get("balance_charge_hours").asInt()).isEqualTo(48);
        assertThat(after.get("online_payment").asText()).isEqualTo("deposit");
    }

    // --- helpers: the client, Stripe and the sweeper ---

    private BookingRequest bookingAt(int daysAhead) {
        return booking(room, service, at(daysAhead, 10), at(daysAhead, 11));
    }

    private BookedView bookDaysAhead(int daysAhead) {
        return studio.book(bookingAt(daysAhead), client);
    }

    /** The client completes the Payment Element: Stripe says so by webhook, with the card it was paid with. */
    private void clientPaysTheDeposit(BookedView booked) {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + depositIntent))
                .willReturn(okJson(intentJson(depositIntent, "succeeded", DEPOSIT, DEPOSIT, CARD))));
        webhook(depositIntent, "payment_intent.succeeded").expect(200);
        eventually(booked, b -> b.get("paid_cents").asLong() == DEPOSIT);
        Instant deadline = Instant.now().plusSeconds(15);
        while (savedCard(booked) == null && Instant.now().isBefore(deadline)) {
            pause();
        }
    }

    private void stubOffSession(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("off_session=true"))
                .willReturn(answer));
    }

    private List<LoggedRequest> offSessionCalls() {
        return stripe.findAll(
                postRequestedFor(urlEqualTo("/v1/payment_intents")).withRequestBody(containing("off_session=true")));
    }

    private int sweep() {
        return Tenancy.callAs(UUID.fromString(studio.id()), charges::chargeDue);
    }

    private static <T> List<T> inParallel(int n, java.util.concurrent.Callable<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("A parallel sweep failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static UUID balanceOperationId(BookedView booked, int attempt) {
        return UUID.nameUUIDFromBytes(
                ("balance/" + booked.bookingId() + "/" + attempt).getBytes(StandardCharsets.UTF_8));
    }

    private Response webhook(String intentId, String type) {
        return StripeEvents.deliver(
                api, "/api/webhooks/stripe", StripeEvents.aboutIntent(type, intentId, studio.id()), WEBHOOK_SECRET);
    }

    private static String intentJson(String id, String status, long amount, long received, String paymentMethod) {
        return "{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"status\":\"" + status + "\",\"client_secret\":\""
                + id + "_secret_test\",\"amount\":" + amount + ",\"amount_capturable\":0,\"amount_received\":"
                + received + ",\"currency\":\"usd\",\"capture_method\":\"automatic\",\"customer\":\"" + CUSTOMER
                + "\"," + (paymentMethod == null ? "" : "\"payment_method\":\"" + paymentMethod + "\",")
                + "\"metadata\":{}}";
    }

    private static String newIntentId() {
        return "pi_" + UUID.randomUUID().toString().replace("-", "");
    }

    // --- reading what happened ---

    private Response page(String path) {
        String token = path.startsWith("/admin") ? studio.owner() : client;
        return api.send("GET", path, null, token, Map.of("Accept", "text/html"));
    }

    private JsonNode bookingJson(BookedView booked) {
        return api.get("/api/bookings/" + booked.bookingId(), studio.owner())
                .expect(200)
                .json();
    }

    private Instant startOf(BookedView booked) {
        return Instant.parse(bookingJson(booked).get("start_at").asText());
    }

    private String savedCard(BookedView booked) {
        return Tenancy.callAs(
                UUID.fromString(studio.id()),
                () -> transactions.execute(tx -> jdbc.sql("SELECT payment_method FROM purchase WHERE reference = ?")
                        .params(UUID.fromString(booked.bookingId()))
                        .query(String.class)
                        .optional()
                        .orElse(null)));
    }

    private List<String> operationStatuses(BookedView booked) {
        return api.get("/api/admin/bookings/" + booked.bookingId() + "/payments", studio.owner())
                .expect(200)
                .json()
                .findValuesAsString("status");
    }

    private JsonNode eventually(BookedView booked, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plusSeconds(15);
        JsonNode view = bookingJson(booked);
        while (!condition.test(view) && Instant.now().isBefore(deadline)) {
            pause();
            view = bookingJson(booked);
        }
        assertThat(condition).as("booking " + view).accepts(view);
        return view;
    }

    private long ledger(String account) {
        JsonNode balances = api.get(
                        "/api/admin/ledger/balances?from=2000-01-01T00:00:00Z&to="
                                + Instant.now().plus(Duration.ofDays(30)),
                        studio.owner())
                .expect(200)
                .json();
        for (JsonNode a : balances.get("accounts")) {
            if (a.get("account").asText().equals(account)) {
                return a.get("balance_cents").asLong();
            }
        }
        return 0;
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
