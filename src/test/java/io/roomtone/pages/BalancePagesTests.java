package io.roomtone.pages;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The pages of the balance: the studio's choice of online payment and balance collection on the
 * settings page, and a booking whose automatic balance charge was declined ("payment action
 * needed") as the client and the desk see it. Stripe is WireMock here; Stripe.js cannot load, so
 * the Payment Element's mount point and form are checked, not Stripe's frame. 1 h session: 113.00.
 */
@RoomtoneTest
class BalancePagesTests {

    static final int PHONE = 360;
    static final WireMockServer stripe =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        stripe.start();
    }

    @DynamicPropertySource
    static void stripeKeys(DynamicPropertyRegistry registry) {
        registry.add("roomtone.stripe.secret-key", () -> "sk_test_pages");
        registry.add("roomtone.stripe.publishable-key", () -> "pk_test_pages");
        registry.add("roomtone.stripe.webhook-secret", () -> "whsec_test_pages");
        registry.add("roomtone.stripe.api-base", stripe::baseUrl);
        registry.add("roomtone.booking.balance-interval", () -> "PT1H");
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
    final List<BrowserContext> browsers = new ArrayList<>();

    @BeforeEach
    void openStudio() {
        stripe.resetAll();
        studio = new TestStudio(api).openWithoutApproval();
        room = studio.room();
        service = studio.service().create();
        client = studio.client();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(BrowserContext::close);
    }

    @Test
    void theStudioChoosesToChargeTheBalanceToTheSavedCardAndABadNumberIsNamedNextToItsField() {
        Page desk = signedIn(studio.owner());
        desk.navigate("/admin/settings");
        assertThat(desk.getByLabel("Clients paying by card pay")).hasValue("deposit");
        assertThat(desk.getByLabel("The rest of the price is")).hasValue("at_studio");
        PageChecks.accessible(desk, "balance-settings");

        desk.getByLabel("The rest of the price is").selectOption("auto_charge");
        desk.getByLabel("Charge the rest this many hours before the session").fill("721");
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings"))
                .click();

        assertThat(desk.locator("#balance_charge_hours-error")).containsText("720");
        assertThat(desk.getByLabel("Charge the rest this many hours before the session"))
                .hasAttribute("aria-invalid", "true");
        PageChecks.accessible(desk, "balance-settings-refused");
        JsonNode unchanged =
                api.get("/api/admin/settings", studio.owner()).expect(200).json();
        assertThat(unchanged.get("balance_collection").asText()).isEqualTo("at_studio");

        desk.getByLabel("Charge the rest this many hours before the session").fill("24");
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings"))
                .click();

        assertThat(desk).hasURL(Pattern.compile(".*/admin/settings\\?saved$"));
        JsonNode saved =
                api.get("/api/admin/settings", studio.owner()).expect(200).json();
        assertThat(saved.get("balance_collection").asText()).isEqualTo("auto_charge");
        assertThat(saved.get("balance_charge_hours").asInt()).isEqualTo(24);
        assertThat(saved.get("online_payment").asText()).isEqualTo("deposit");
    }

    @Test
    void aBookingNeedingPaymentActionAsksTheClientToPayWhatIsOwedAndTheDeskSeesIt() {
        // nothing paid when booking: all of the price is owed
        studio.updateSettings("deposit_percent", 0);
        BookedView booked = studio.book(booking(room, service, at(3, 10), at(3, 11)), client);
        assertThat(booked.clientSecret()).isNull();

        Page mine = signedIn(client);
        mine.navigate("/me/bookings/" + booked.code());
        assertThat(mine.locator("#pay")).hasCount(0);

        // the automatic charge was declined (as BalanceChargeTests drives it through Stripe)
        flagPaymentActionNeeded(booked);
        String owedIntent = intentId();
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("amount=11300"))
                .willReturn(okJson(intentJson(owedIntent, "requires_payment_method", 11_300))));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + owedIntent))
                .willReturn(okJson(intentJson(owedIntent, "requires_payment_method", 11_300))));

        mine.navigate("/me/bookings/" + booked.code());
        assertThat(mine.locator("#pay h2")).hasText("Payment needed");
        assertThat(mine.locator("#pay")).containsText("$113.00 is still to pay");
        PageChecks.accessible(mine, "balance-payment-needed");

        mine.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay CA$113.00 by card"))
                .click();

        assertThat(mine).hasURL(Pattern.compile(".*/me/bookings/" + booked.code() + "#pay$"));
        assertThat(mine.locator("#payment-element")).hasAttribute("data-client-secret", owedIntent + "_secret_test");
        assertThat(mine.locator("#pay-form button")).hasText("Pay CA$113.00");
        stripe.verify(
                1, postRequestedFor(urlEqualTo("/v1/payment_intents")).withRequestBody(containing("amount=11300")));
        PageChecks.accessible(mine, "balance-payment-needed-card");

        Page desk = signedIn(studio.owner());
        desk.navigate("/admin/bookings/" + booked.bookingId());
        assertThat(desk.locator(".balance-needed")).containsText("Payment action needed");
        assertThat(desk.locator(".balance-needed")).containsText("$113.00");
        PageChecks.accessible(desk, "balance-desk-booking");
        desk.navigate("/admin");
        assertThat(desk.locator(".desk-warnings")).containsText("Payment action needed for booking " + booked.code());
    }

    @Test
    void theBookStepOffersToPayTheFullPriceOnlineWhereNoDepositIsAsked() {
        studio.updateSettings("deposit_percent", 0);
        String holdId = studio.hold(
                        io.roomtone.support.HoldRequest.hold(room, at(4, 10), at(4, 11))
                                .ofService(service),
                        client)
                .holdId();

        Page page = signedIn(client);
        page.navigate("/book/" + holdId);

        assertThat(page.getByLabel("Pay the full price online now, by card"))
                .not()
                .isChecked();
        assertThat(page.locator("#pay_online-hint")).hasText("Otherwise you pay at the studio.");
        page.getByLabel("Pay the full price online now, by card").check();
        PageChecks.accessible(page, "balance-book-pay-online");

        studio.updateSettings("deposit_percent", 25);
        page.reload();
        assertThat(page.locator("#pay_online")).hasCount(0); // a deposit is asked: nothing to choose
    }

    @Test
    void anotherClientCannotStartAPaymentForTheBooking() {
        studio.updateSettings("deposit_percent", 0);
        BookedView booked = studio.book(booking(room, service, at(3, 12), at(3, 13)), client);
        flagPaymentActionNeeded(booked);
        int before = stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))
                .size();

        Api.Response other = api.send(
                "POST",
                "/me/bookings/" + booked.code() + "/pay",
                "",
                studio.client(),
                java.util.Map.of(
                        "Accept",
                        "text/html",
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "X-Studio",
                        studio.slug()));

        assertThat(other.status()).isEqualTo(404);
        assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents"))))
                .hasSize(before);
    }

    private void flagPaymentActionNeeded(BookedView booked) {
        Tenancy.runAs(
                UUID.fromString(studio.id()),
                () -> transactions.executeWithoutResult(
                        tx -> jdbc.sql("UPDATE booking SET payment_action_needed = true, balance_attempts = 1"
                                        + " WHERE id = ?")
                                .params(UUID.fromString(booked.bookingId()))
                                .update()));
    }

    private Page signedIn(String token) {
        BrowserContext context = Browser.open(api, studio, PHONE, true);
        browsers.add(context);
        context.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
        return context.newPage();
    }

    private static String intentId() {
        return "pi_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String intentJson(String id, String status, long amount) {
        return "{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"status\":\"" + status + "\",\"client_secret\":\""
                + id + "_secret_test\",\"amount\":" + amount + ",\"amount_capturable\":0,\"amount_received\":0,"
                + "\"currency\":\"usd\",\"capture_method\":\"automatic\",\"metadata\":{}}";
    }
}
