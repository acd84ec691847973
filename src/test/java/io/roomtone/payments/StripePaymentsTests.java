package io.roomtone.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StripeEvents;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
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
 * Card payments through the real stripe-java client against a WireMock Stripe: a deposit held
 * when a request is made, taken on approval, let go on rejection, refunded by policy on
 * cancellation; declines, a network failure in the middle of a capture, and webhooks that are
 * signed wrongly, repeated or out of order. (1 h session: 113.00 with tax, deposit 25 % = 28.25.)
 */
@RoomtoneTest
class StripePaymentsTests {

    static final String WEBHOOK_SECRET = "whsec_test_roomtone";
    static final long DEPOSIT = 2_825;
    static final WireMockServer stripe =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        stripe.start();
    }

    @DynamicPropertySource
    static void stripeKeys(DynamicPropertyRegistry registry) {
        registry.add("roomtone.stripe.secret-key", () -> "sk_test_roomtone");
        registry.add("roomtone.stripe.publishable-key", () -> "pk_test_roomtone");
        registry.add("roomtone.stripe.webhook-secret", () -> WEBHOOK_SECRET);
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

    TestStudio studio;
    String room;
    String service;
    String client;
    String intent;

    @BeforeEach
    void openStudio() {
        stripe.resetAll();
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        client = studio.client();
        intent = "pi_" + UUID.randomUUID().toString().replace("-", "");
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .willReturn(okJson(intentJson(intent, "requires_payment_method", 0, 0))));
    }

    // --- the scenarios ---

    @Test
    void aRequestHoldsTheDepositAndApprovalTakesIt() {
        BookedView booked = requestByTheClient(9);

        assertThat(booked.clientSecret()).isEqualTo(intent + "_secret_test");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", matching("roomtone-[0-9a-f-]{36}"))
                .withRequestBody(containing("capture_method=manual"))
                .withRequestBody(containing("amount=" + DEPOSIT))
                .withRequestBody(containing("metadata[studio_id]=" + studio.id()))
                .withRequestBody(containing("metadata[reference]=" + booked.bookingId())));
        assertThat(bookingOf(booked).paymentStatus()).isEqualTo("unpaid");

        clientAuthorizes();
        assertThat(bookingOf(booked).paymentStatus()).isEqualTo("authorized");

        stripe.stubFor(post(urlEqualTo("/v1/payment_intents/" + intent + "/capture"))
                .willReturn(okJson(intentJson(intent, "succeeded", 0, DEPOSIT))));
        studio.approve(booked.bookingId(), "See you");

        BookingView approved = eventually(booked, b -> b.paymentStatus().equals("deposit_paid"));
        assertThat(approved.paidCents()).isEqualTo(DEPOSIT);
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents/" + intent + "/capture"))
                .withRequestBody(containing("amount_to_capture=" + DEPOSIT))
                .withHeader("Idempotency-Key", matching("roomtone-.*")));
        assertThat(ledger("processor_clearing")).isEqualTo(DEPOSIT);
    }

    @Test
    void aBookingWhosePaymentCannotBeRecordedIsStillAnsweredAsMade() {
        requestByTheClient(9);
        // Stripe answers the second request with the first one's intent: recording it breaks the
        // unique provider reference, after the booking committed
        BookedView second = requestByTheClient(10);

        assertThat(second.clientSecret()).isNull();
        assertThat(bookingOf(second).status()).isEqualTo("awaiting_approval");
    }

    @Test
    void aRejectionLetsTheHeldDepositGo() {
        BookedView booked = requestByTheClient(9);
        clientAuthorizes();
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents/" + intent + "/cancel"))
                .willReturn(okJson(intentJson(intent, "canceled", 0, 0))));

        api.post(
                        "/api/admin/bookings/" + booked.bookingId() + "/reject",
                        json("reason", "Double booked"),
                        studio.owner())
                .expect(200);

        BookingView rejected = eventually(booked, b -> b.paymentStatus().equals("unpaid"));
        assertThat(rejected.paidCents()).isZero();
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents/" + intent + "/cancel")));
        assertThat(kinds(booked)).contains("authorization", "release");
        assertThat(ledger("processor_clearing")).isZero();
    }

    @Test
    void cancelling30HoursAheadRefundsHalfOfTheCapturedDeposit() {
        Instant start = startInTheHalfRefundTier();
        BookedView booked = captured(studio.book(
                booking(room, service, start.toString(), start.plusSeconds(3600).toString()), client));
        String refund = "re_" + UUID.randomUUID().toString().replace("-", "");
        stripe.stubFor(post(urlEqualTo("/v1/refunds"))
                .willReturn(okJson("{\"id\":\"" + refund + "\",\"object\":\"refund\",\"status\":\"succeeded\","
                        + "\"amount\":1413,\"payment_intent\":\"" + intent + "\"}")));

        JsonNode canceled = api.post("/api/bookings/" + booked.bookingId() + "/cancel", json("reason", "Sick"), client)
                .expect(200)
                .json();

        assertThat(canceled.get("refund_percent").asInt()).isEqualTo(50);
        assertThat(canceled.get("refund_cents").asLong()).isEqualTo(1_413); // 28.25 / 2, half-up
        BookingView after = eventually(booked, b -> b.paymentStatus().equals("partially_refunded"));
        assertThat(after.paidCents()).isEqualTo(DEPOSIT - 1_413);
        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=" + intent))
                .withRequestBody(containing("amount=1413"))
                .withHeader("Idempotency-Key", matching("roomtone-.*")));
        assertThat(ledger("processor_clearing")).isEqualTo(DEPOSIT - 1_413);
    }

    @Test
    void aRefundAboveWhatWasCapturedIsAConflictAndNothingMoves() {
        BookedView booked = captured(requestByTheClient(9));

        Response tooMuch = api.post(
                "/api/admin/bookings/" + booked.bookingId() + "/refund",
                json("amount_cents", DEPOSIT + 1, "reason", "Oops"),
                studio.owner());

        assertThat(tooMuch.expect(409).problem().code()).isEqualTo("refund_exceeds_paid");
        assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/refunds")))).isEmpty();
        assertThat(bookingOf(booked).paidCents()).isEqualTo(DEPOSIT);
    }

    @Test
    void aDeclinedCaptureIsRecordedWithItsReasonAndTakesNothing() {
        BookedView booked = requestByTheClient(9);
        clientAuthorizes();
        stripe.stubFor(
                post(urlEqualTo("/v1/payment_intents/" + intent + "/capture"))
                        .willReturn(
                                aResponse()
                                        .withStatus(402)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                                                        + "\"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient funds.\"}}")));

        studio.approve(booked.bookingId(), "See you");

        JsonNode capture = eventuallyOperation(booked, "capture", "failed");
        assertThat(capture.get("failure").asText())
                .contains("insufficient funds")
                .contains("insufficient_funds");
        assertThat(bookingOf(booked).paidCents()).isZero();
        assertThat(ledger("processor_clearing")).isZero();
    }

    @Test
    void aNetworkFailureInTheMiddleOfACaptureIsUnknownUntilStripeSaysWhatHappened() {
        BookedView booked = requestByTheClient(9);
        clientAuthorizes();
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents/" + intent + "/capture"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        studio.approve(booked.bookingId(), "See you");

        eventuallyOperation(booked, "capture", "unknown");
        assertThat(bookingOf(booked).paidCents()).isZero(); // never guessed

        // the capture did go through at Stripe: its webhook (or a later look) settles it
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intent))
                .willReturn(okJson(intentJson(intent, "succeeded", 0, DEPOSIT))));
        webhook("payment_intent.succeeded").expect(200);

        BookingView settled = eventually(booked, b -> b.paidCents() == DEPOSIT);
        assertThat(settled.paymentStatus()).isEqualTo("deposit_paid");
        assertThat(ledger("processor_clearing")).isEqualTo(DEPOSIT);
    }

    @Test
    void aDozenDeliveriesOfOneEventAtOnceStoreItOnce() {
        BookedView booked = captured(requestByTheClient(9));
        long clearing = ledger("processor_clearing");
        String event = eventJson("evt_" + UUID.randomUUID(), "payment_intent.succeeded");

        java.util.List<Response> answers = io.roomtone.support.Parallel.send(12, i -> signed(event));

        assertThat(answers.stream().map(r -> r.expect(200).json().get("outcome").asText()))
                .containsOnlyOnce("stored")
                .containsOnly("stored", "duplicate");
        eventuallyEvents(2);
        assertThat(ledger("processor_clearing")).isEqualTo(clearing);
        assertThat(bookingOf(booked).paidCents()).isEqualTo(DEPOSIT);
    }

    @Test
    void aWebhookWithABadSignatureIsRefusedAndNotStored() {
        requestByTheClient(9);
        String payload = eventJson("evt_forged", "payment_intent.succeeded");

        Response forged = api.send(
                "POST",
                "/api/webhooks/stripe",
                payload,
                null,
                Map.of("Stripe-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64)));
        Response unsigned = api.send("POST", "/api/webhooks/stripe", payload, null, Map.of());

        assertThat(forged.expect(400).invalidFields()).containsExactly("Stripe-Signature");
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(api.get("/api/admin/payments/webhook-events", studio.owner())
                        .expect(200)
                        .json())
                .isEmpty();
    }

    @Test
    void aRepeatedEventChangesNothingAndAnOldOneSettlesToStripesCurrentState() {
        BookedView booked = captured(requestByTheClient(9));
        long clearing = ledger("processor_clearing");
        String succeeded = eventJson("evt_" + UUID.randomUUID(), "payment_intent.succeeded");

        assertThat(signed(succeeded).expect(200).json().get("outcome").asText()).isEqualTo("stored");
        assertThat(signed(succeeded).expect(200).json().get("outcome").asText()).isEqualTo("duplicate");
        // an older event, delivered late: Stripe's current state (captured) decides, not its type
        webhook("payment_intent.amount_capturable_updated").expect(200);

        JsonNode events = eventuallyEvents(3);
        assertThat(events.findValuesAsString("status")).containsOnly("processed");
        assertThat(ledger("processor_clearing")).isEqualTo(clearing);
        assertThat(bookingOf(booked).paidCents()).isEqualTo(DEPOSIT);
        assertThat(kinds(booked)).containsExactly("authorization", "capture");

        JsonNode replayed = api.post(
                        "/api/admin/payments/webhook-events/"
                                + events.get(0).get("id").asText() + "/replay",
                        "{}",
                        studio.owner())
                .expect(200)
                .json();
        assertThat(replayed.get("status").asText()).isEqualTo("processed");
        assertThat(ledger("processor_clearing")).isEqualTo(clearing);
    }

    @Test
    void aCardHoldThatLapsesBeforeTheDecisionIsFlaggedToTheStudio() {
        BookedView booked = requestByTheClient(4); // decided by its start at the latest, in 4 days
        clientAuthorizes();
        assertThat(desk()).doesNotContain(booked.code()); // held now, it would last 7 days

        // held six days ago: it lapses within a day, before the request's deadline
        Tenancy.runAs(
                UUID.fromString(studio.id()),
                () -> transactions.executeWithoutResult(
                        tx -> jdbc.sql("UPDATE payment_operation SET settled_at = now() - interval '6 days'"
                                        + " WHERE reference = ? AND kind = 'authorization'")
                                .params(UUID.fromString(booked.bookingId()))
                                .update()));

        assertThat(desk()).contains(booked.code()).contains("lapses before the request is decided");
    }

    @Test
    void theSentPageOffersStripesPaymentElementAndOnlyItAllowsStripe() {
        BookedView booked = requestByTheClient(9);
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intent))
                .willReturn(okJson(intentJson(intent, "requires_payment_method", 0, 0))));

        Response sent =
                api.send("GET", "/book/sent/" + booked.bookingId(), null, client, Map.of("Accept", "text/html"));

        assertThat(sent.expect(200).body())
                .contains("data-client-secret=\"" + intent + "_secret_test\"")
                .contains("data-stripe-key=\"pk_test_roomtone\"")
                .contains("https://js.stripe.com/v3/");
        assertThat(sent.header("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self' https://js.stripe.com")
                .contains("frame-src https://js.stripe.com");
        assertThat(api.send("GET", "/admin", null, studio.owner(), Map.of("Accept", "text/html"))
                        .header("Content-Security-Policy")
                        .orElseThrow())
                .doesNotContain("stripe");
    }

    private String desk() {
        return api.send("GET", "/admin", null, studio.owner(), Map.of("Accept", "text/html"))
                .expect(200)
                .body();
    }

    @Test
    void theStudioBookingForAClientAsksForNoCardPayment() {
        BookedView booked = studio.book(
                booking(room, service, at(9, 10), at(9, 11)).forClient(studio.userId(client)), studio.owner());

        assertThat(booked.clientSecret()).isNull();
        assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents"))))
                .isEmpty();
    }

    @Test
    void theIntegrationsSayStripeIsOn() {
        JsonNode integrations =
                api.get("/api/admin/integrations", studio.owner()).expect(200).json();

        assertThat(integrations.findValuesAsString("name")).contains("manual", "stripe");
        for (JsonNode integration : integrations) {
            if (List.of("manual", "stripe").contains(integration.get("name").asString())) {
                assertThat(integration.get("configured").asBoolean()).isTrue();
            }
        }
    }

    // --- the client's card, Stripe's answers and webhooks ---

    private BookedView requestByTheClient(int daysAhead) {
        return studio.book(booking(room, service, at(daysAhead, 10), at(daysAhead, 11)), client);
    }

    /** The client completes the Payment Element: Stripe holds the deposit and says so by webhook. */
    private void clientAuthorizes() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intent))
                .willReturn(okJson(intentJson(intent, "requires_capture", DEPOSIT, 0))));
        webhook("payment_intent.amount_capturable_updated").expect(200);
        eventuallyEvents(1);
    }

    /** Held, then taken on approval. */
    private BookedView captured(BookedView booked) {
        clientAuthorizes();
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents/" + intent + "/capture"))
                .willReturn(okJson(intentJson(intent, "succeeded", 0, DEPOSIT))));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intent))
                .willReturn(okJson(intentJson(intent, "succeeded", 0, DEPOSIT))));
        studio.approve(booked.bookingId(), "See you");
        eventually(booked, b -> b.paidCents() == DEPOSIT);
        return booked;
    }

    private Response webhook(String type) {
        return signed(eventJson("evt_" + UUID.randomUUID(), type));
    }

    private Response signed(String payload) {
        return StripeEvents.deliver(api, "/api/webhooks/stripe", payload, WEBHOOK_SECRET);
    }

    private String eventJson(String id, String type) {
        return StripeEvents.aboutIntent(id, type, intent, studio.id());
    }

    private static String intentJson(String id, String status, long capturable, long received) {
        return "{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"status\":\"" + status + "\",\"client_secret\":\""
                + id + "_secret_test\",\"amount\":" + DEPOSIT + ",\"amount_capturable\":" + capturable
                + ",\"amount_received\":" + received + ",\"currency\":\"usd\",\"capture_method\":\"manual\","
                + "\"metadata\":{}}";
    }

    /** A start 24-48 h ahead (the 50 % tier) inside the studio's hours (08:00-22:00 in its zone). */
    private static Instant startInTheHalfRefundTier() {
        ZonedDateTime start = Instant.now()
                .plus(Duration.ofHours(30))
                .truncatedTo(ChronoUnit.HOURS)
                .atZone(TestStudio.ZONE);
        while (start.getHour() < 9 || start.getHour() > 20) {
            start = start.plusHours(1);
        }
        return start.toInstant();
    }

    // --- reading what happened ---

    private BookingView bookingOf(BookedView booked) {
        return studio.booking(booked.bookingId(), studio.owner());
    }

    private BookingView eventually(BookedView booked, Predicate<BookingView> condition) {
        Instant deadline = Instant.now().plusSeconds(15);
        BookingView view = bookingOf(booked);
        while (!condition.test(view) && Instant.now().isBefore(deadline)) {
            pause();
            view = bookingOf(booked);
        }
        assertThat(condition).as("booking " + view).accepts(view);
        return view;
    }

    private JsonNode operations(BookedView booked) {
        return api.get("/api/admin/bookings/" + booked.bookingId() + "/payments", studio.owner())
                .expect(200)
                .json();
    }

    private java.util.List<String> kinds(BookedView booked) {
        return operations(booked).findValuesAsString("kind");
    }

    private JsonNode eventuallyOperation(BookedView booked, String kind, String status) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (true) {
            for (JsonNode op : operations(booked)) {
                if (op.get("kind").asText().equals(kind)
                        && op.get("status").asText().equals(status)) {
                    return op;
                }
            }
            assertThat(Instant.now())
                    .as(kind + " " + status + " in " + operations(booked))
                    .isBefore(deadline);
            pause();
        }
    }

    /** The studio's stored webhook events once {@code count} are stored and none is waiting. */
    private JsonNode eventuallyEvents(int count) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (true) {
            JsonNode events = api.get("/api/admin/payments/webhook-events", studio.owner())
                    .expect(200)
                    .json();
            if (events.size() >= count && !events.findValuesAsString("status").contains("received")) {
                return events;
            }
            assertThat(Instant.now()).as("webhook events " + events).isBefore(deadline);
            pause();
        }
    }

    private long ledger(String account) {
        JsonNode balances = api.get(
                        "/api/admin/ledger/balances?from=2000-01-01T00:00:00Z&to="
                                + Instant.now().plusSeconds(3600),
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
