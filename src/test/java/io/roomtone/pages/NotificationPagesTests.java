package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bell, the notices page, a booking's messages, the delivery log, the outbox viewer and the
 * integrations page in Chromium, on an installation without an SMTP server: every e-mail is kept,
 * as not sent, and can be read where the studio looks for it.
 */
@RoomtoneTest
class NotificationPagesTests {

    static final int PHONE = 360;

    @Autowired
    Api api;

    TestStudio studio;
    String room;
    String service;
    final List<BrowserContext> browsers = new ArrayList<>();

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(BrowserContext::close);
    }

    @Test
    void aNewRequestRingsTheBellAndItsMessagesCanBeReadThoughNoMailServerIsSet() {
        String client = studio.client();
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(4, 10), TestStudio.at(4, 11)), client);
        Page desk = signedIn(studio.owner(), true);

        desk.navigate("/admin");
        assertThat(desk.locator(".bell")).hasAttribute("aria-label", "Notifications, 1 unread");
        assertThat(desk.locator(".bell-count")).hasText("1");
        desk.locator(".bell").click();
        assertThat(desk.locator("h1")).hasText("Notifications (1 unread)");
        PageChecks.accessible(desk, "notices");
        desk.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(Pattern.compile("New request " + booked.code())))
                .click();
        assertThat(desk).hasURL(Pattern.compile(".*/admin/bookings/" + booked.bookingId() + "$"));
        assertThat(desk.locator(".bell-count")).hasCount(0);

        // the booking page loads its messages: kept, not sent, because no SMTP server is configured
        assertThat(desk.locator("#booking-deliveries table")).containsText("we received your request");
        assertThat(desk.locator("#booking-deliveries table")).containsText("Not sent");
        assertThat(desk.locator("#booking-deliveries table")).containsText("No SMTP server is configured");
        desk.locator("#booking-deliveries a", new Page.LocatorOptions().setHasText("we received your request"))
                .click();
        assertThat(desk.locator("h1")).containsText(booked.code());
        assertThat(desk.locator(".delivery-text")).containsText("America/Toronto");
        assertThat(desk.locator(".delivery-text")).containsText(booked.code());
        PageChecks.accessible(desk, "delivery");

        desk.navigate("/admin/deliveries?status=skipped");
        assertThat(desk.locator("nav.desk-nav [aria-current=page]")).hasText("Messages");
        // the client's address confirmation, their request's acknowledgement, the owner's notice of it
        assertThat(desk.locator("h2#log-heading")).hasText("Messages (3)");
        assertThat(desk.locator("table.deliveries")).containsText("confirm your e-mail address");
        assertThat(desk.locator("table.deliveries")).containsText("new request " + booked.code());
        PageChecks.accessible(desk, "deliveries");

        desk.navigate("/admin/integrations");
        assertThat(desk.locator(".integration", new Page.LocatorOptions().setHasText("E-mail (SMTP)")))
                .containsText("SPRING_MAIL_HOST");
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a test e-mail"))
                .click();
        assertThat(desk.getByRole(AriaRole.STATUS)).containsText("Not sent");
        PageChecks.accessible(desk, "integrations");
    }

    @Test
    void withoutJavaScriptTheBookingPageLinksToItsMessagesAndAMessageIsSentAgain() {
        String client = studio.client();
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(5, 10), TestStudio.at(5, 11)), client);
        Page desk = signedIn(studio.owner(), false);
        desk.navigate("/admin/bookings/" + booked.bookingId());
        desk.getByText("See the e-mails sent about this booking").click();
        assertThat(desk.locator("#booking-deliveries table tbody tr")).hasCount(2);
        desk.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(Pattern.compile("^Send the message to client-")))
                .click();
        assertThat(desk.getByRole(AriaRole.STATUS)).containsText("on its way again");
    }

    @Test
    void badFiltersAndOtherStudiosMessagesAreRefused() {
        String client = studio.client();
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(5, 12), TestStudio.at(5, 13)), client);
        String body = page("/admin/deliveries?status=lost", studio.owner(), 400);
        assertThat(body).contains("must be one of pending, sending, sent, failed, skipped");
        TestStudio other = new TestStudio(api);
        page("/admin/bookings/" + booked.bookingId() + "/deliveries", other.owner(), 404);
        page("/admin/deliveries/not-an-id", studio.owner(), 404);
        page("/admin/deliveries", client, 403);
        page("/staff/notifications", client, 403);
        String notice = api.get("/api/me/notifications", studio.owner())
                .expect(200)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        api.send("POST", "/staff/notifications/" + notice + "/open", "", other.owner(), Map.of("Accept", "text/html"))
                .expect(404);
    }

    private Page signedIn(String token, boolean javaScript) {
        BrowserContext context =
                javaScript ? Browser.open(api, studio, PHONE, true) : Browser.openWithoutJavaScript(api, studio);
        browsers.add(context);
        context.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
        return context.newPage();
    }

    private String page(String path, String token, int status) {
        return api.send("GET", path, null, token, Map.of("Accept", "text/html"))
                .expect(status)
                .body();
    }
}
