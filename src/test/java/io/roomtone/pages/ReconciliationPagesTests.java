package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StripeEvents;
import io.roomtone.support.StripeSimulator;
import io.roomtone.support.TestStudio;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The reconciliation page and the webhook events page, with a stateful Stripe ({@link
 * StripeSimulator}) behind stripe-java: "Everything matches", a difference listed with its booking,
 * the missing fees recorded by a POST form (post/redirect/get), and a webhook event replayed — with
 * JavaScript and without, at 360 px, axe-clean. What the pages did is checked through the API.
 */
@RoomtoneTest
class ReconciliationPagesTests {

    static final int PHONE = 360;
    static final String WEBHOOK_SECRET = "whsec_test_roomtone";
    static final StripeSimulator stripe = StripeSimulator.launch();

    @org.springframework.test.context.DynamicPropertySource
    static void stripeKeys(org.springframework.test.context.DynamicPropertyRegistry registry) {
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

    TestStudio studio;
    String room;
    String service;
    final List<BrowserContext> browsers = new ArrayList<>();

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room();
        service = studio.service().create();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(BrowserContext::close);
    }

    @Test
    void theStudioSeesEverythingMatchThenADifferenceWithItsBookingAndRecordsTheMissingFee() {
        String booking = capturedCardDeposit();
        String code = studio.booking(booking, studio.owner()).code();

        Page desk = signedIn(studio.owner());
        desk.navigate("/admin");
        desk.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Studio desk"))
                .getByRole(
                        AriaRole.LINK,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Reconciliation"))
                .click();
        assertThat(desk.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Reconciliation with Stripe")))
                .isVisible();
        assertThat(desk.locator(".recon-ok")).containsText("Everything matches");
        PageChecks.accessible(desk, "recon-matches");

        // money Stripe moved that Roomtone never asked for, on the same booking
        String outside = stripe.chargeOutsideRoomtone(
                5_000, studio.booking(booking, studio.owner()).currency(), studio.id(), booking);
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reconcile"))
                .click();
        assertThat(desk.locator(".recon-bad")).containsText("difference");
        assertThat(desk.locator(".recon-table")).containsText("Missing in the ledger");
        assertThat(desk.locator(".recon-table")).containsText(outside);
        // the charge and its fee, both missing in the ledger, each with its booking
        assertThat(desk.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(code)))
                .hasCount(2);
        assertThat(desk.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(code))
                        .first())
                .hasAttribute("href", "/admin/bookings/" + booking);
        PageChecks.accessible(desk, "recon-differences");

        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record missing fees"))
                .click();
        assertThat(desk.getByRole(AriaRole.STATUS).first()).containsText("1 fee recorded.");
        assertThat(desk).hasURL(java.util.regex.Pattern.compile(".*/admin/reconciliation\\?from=.*"));
        JsonNode balances = api.get(
                        "/api/admin/ledger/balances?from=2000-01-01T00:00:00Z&to="
                                + Instant.now().plusSeconds(3600),
                        studio.owner())
                .expect(200)
                .json();
        long fees = 0;
        for (JsonNode a : balances.get("accounts")) {
            if (a.get("account").asText().equals("processor_fees")) {
                fees = a.get("balance_cents").asLong();
            }
        }
        assertThat(fees)
                .isPositive()
                .isEqualTo(stripe.fees(
                        studio.id(), studio.booking(booking, studio.owner()).currency()));
    }

    @Test
    void theWebhookEventsPageListsEventsAndReplaysOneWithoutJavaScript() {
        Page desk = signedIn(studio.owner());
        desk.navigate("/admin/payments/webhooks");
        assertThat(desk.locator("main")).containsText("No webhook events yet");
        PageChecks.accessible(desk, "webhooks-empty");

        String booking = capturedCardDeposit();
        String intent = stripe.intentOfReference(booking).orElseThrow();
        signed(eventJson("evt_" + UUID.randomUUID(), "payment_intent.succeeded", intent))
                .expect(200);
        JsonNode events = eventuallyProcessed();
        String eventId = events.get(0).get("id").asText();

        desk.navigate("/admin/payments/webhooks");
        assertThat(desk.locator(".desk-table")).containsText("payment_intent.succeeded");
        assertThat(desk.locator(".desk-table")).containsText("Processed");
        PageChecks.accessible(desk, "webhooks-list");

        Page plain = withoutJavaScript(studio.owner());
        plain.navigate("/admin/payments/webhooks?status=processed");
        plain.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions()
                                .setName(java.util.regex.Pattern.compile("^Replay payment_intent\\.succeeded")))
                .click();
        assertThat(plain.getByRole(AriaRole.STATUS)).containsText("Replayed payment_intent.succeeded: Processed.");
        assertThat(plain).hasURL(java.util.regex.Pattern.compile(".*/admin/payments/webhooks$"));
        JsonNode after = api.get("/api/admin/payments/webhook-events", studio.owner())
                .expect(200)
                .json();
        assertThat(after.get(0).get("id").asText()).isEqualTo(eventId);
        assertThat(after.get(0).get("status").asText()).isEqualTo("processed");
        assertThat(studio.booking(booking, studio.owner()).paidCents()).isPositive();
    }

    @Test
    void badInputOnThePagesIsA4xxThatNamesTheProblem() {
        Api.Response badStatus = api.send(
                "GET", "/admin/payments/webhooks?status=bogus", null, studio.owner(), Map.of("Accept", "text/html"));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.body()).contains("must be one of received, processed, ignored, failed");

        assertThat(form("/admin/payments/webhooks/" + UUID.randomUUID() + "/replay", "")
                        .status())
                .isEqualTo(404);
        assertThat(form("/admin/payments/webhooks/not-a-uuid/replay", "").status())
                .isEqualTo(404);

        // another studio's event is not this studio's to replay
        TestStudio other = new TestStudio(api).openWithApproval();
        signed(eventJson("evt_" + UUID.randomUUID(), "payment_intent.succeeded", "pi_unknown", other.id()))
                .expect(200);
        JsonNode theirs = api.get("/api/admin/payments/webhook-events", other.owner())
                .expect(200)
                .json();
        assertThat(theirs).hasSize(1);
        assertThat(form("/admin/payments/webhooks/" + theirs.get(0).get("id").asText() + "/replay", "")
                        .status())
                .isEqualTo(404);

        Api.Response backwards = api.send(
                "GET",
                "/admin/reconciliation?from=2026-02-01&to=2026-01-01",
                null,
                studio.owner(),
                Map.of("Accept", "text/html"));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("must not be before the first day");
        Api.Response tooLong = form("/admin/reconciliation/fees", "from=2020-01-01&to=2026-01-01");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("must be at most 366 days after from");
        Api.Response farAway = form("/admin/reconciliation/fees", "from=999999999-01-01&to=2026-01-01");
        assertThat(farAway.status()).isEqualTo(400);
    }

    // --- helpers ---

    private String capturedCardDeposit() {
        String client = studio.client();
        BookedView booked = studio.book(booking(room, service, at(9, 10), at(9, 11)), client);
        stripe.confirm(stripe.intentOfReference(booked.bookingId()).orElseThrow());
        studio.approve(booked.bookingId(), "See you");
        Instant deadline = Instant.now().plusSeconds(20);
        while (studio.booking(booked.bookingId(), studio.owner()).paidCents() == 0
                && Instant.now().isBefore(deadline)) {
            pause();
        }
        assertThat(studio.booking(booked.bookingId(), studio.owner()).paidCents())
                .isPositive();
        // the fee is recorded after the capture settled, on another thread
        Instant fees = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(fees)
                && !api.get(
                                "/api/admin/reconciliation?from="
                                        + Instant.now().minusSeconds(3600) + "&to="
                                        + Instant.now().plusSeconds(3600),
                                studio.owner())
                        .expect(200)
                        .json()
                        .get("differences")
                        .isEmpty()) {
            pause();
        }
        return booked.bookingId();
    }

    private JsonNode eventuallyProcessed() {
        Instant deadline = Instant.now().plusSeconds(15);
        while (true) {
            JsonNode events = api.get("/api/admin/payments/webhook-events", studio.owner())
                    .expect(200)
                    .json();
            if (!events.isEmpty() && !events.findValuesAsString("status").contains("received")) {
                return events;
            }
            assertThat(Instant.now()).as("webhook events " + events).isBefore(deadline);
            pause();
        }
    }

    private Api.Response signed(String payload) {
        return StripeEvents.deliver(api, "/api/webhooks/stripe", payload, WEBHOOK_SECRET);
    }

    private String eventJson(String id, String type, String intent) {
        return eventJson(id, type, intent, studio.id());
    }

    private static String eventJson(String id, String type, String intent, String studioId) {
        return StripeEvents.aboutIntent(id, type, intent, studioId);
    }

    private Page signedIn(String token) {
        BrowserContext context = Browser.open(api, studio, PHONE, true);
        browsers.add(context);
        context.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
        return context.newPage();
    }

    private Page withoutJavaScript(String token) {
        BrowserContext context = Browser.openWithoutJavaScript(api, studio);
        browsers.add(context);
        context.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
        return context.newPage();
    }

    /** A form post as a browser sends it, signed in by bearer token (which needs no CSRF token). */
    private Api.Response form(String path, String body) {
        return api.send(
                "POST",
                path,
                body,
                studio.owner(),
                Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"));
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
