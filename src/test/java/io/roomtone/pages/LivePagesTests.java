package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pages that refresh themselves from the live streams, in a real Chromium: a change made through
 * the API (another client, another desk) shows without a reload, and the pages stay accessible.
 */
@RoomtoneTest
class LivePagesTests {

    /** A live change shows within this; the stream itself takes well under a second (LiveStreamTests). */
    private static final LocatorAssertions.IsVisibleOptions SOON =
            new LocatorAssertions.IsVisibleOptions().setTimeout(10_000);

    @Autowired
    Api api;

    BrowserContext browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aBookingMadeElsewhereAppearsOnTheOpenBoardAndInTheQueueCountWithoutReload() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.namedRoom("Live Room", null);
        String service = studio.service().named("Recording").create();
        String client = studio.client();
        LocalDate day = LocalDate.now(TestStudio.ZONE).plusDays(2);
        Page page = signedIn(studio, 1280, false);
        page.navigate("/admin/calendar?view=day&date=" + day);
        waitForStream(page);
        assertThat(page.locator("#desk-queue")).containsText("none waiting");
        page.evaluate("window.liveMarker = 'no reload'");

        String id = studio.book(booking(room, service, at(2, 10), at(2, 12)), client)
                .bookingId();

        Locator block = page.locator("[data-booking='" + id + "']");
        assertThat(block).isVisible(SOON);
        assertThat(block).containsText("10:00–12:00");
        assertThat(block).containsText("Awaiting approval");
        assertThat(page.locator("#desk-queue")).containsText("1 waiting");
        assertThat(page.evaluate("window.liveMarker")).isEqualTo("no reload");

        // approved from another desk: the block loses its pending label, the count goes back
        studio.approve(id, "See you");
        assertThat(page.locator("#desk-queue")).containsText("none waiting");
        assertThat(block.locator(".tag")).hasCount(0);
        assertThat(page.evaluate("window.liveMarker")).isEqualTo("no reload");
    }

    @Test
    void theAvailabilityPageDropsASlotTakenElsewhere() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.namedRoom("Booth", null);
        String service = studio.service().named("Mixing").create();
        LocalDate day = LocalDate.now(TestStudio.ZONE).plusDays(3);
        browser = Browser.open(api, studio);
        Page page = browser.newPage();
        page.navigate("/availability?date=" + day + "&service=" + service + "&room=" + room);
        waitForStream(page);
        Locator ten = page.locator("a.slot", new Page.LocatorOptions().setHasText("10:00–11:00"));
        assertThat(ten).hasCount(1);
        page.evaluate("window.liveMarker = 'no reload'");

        studio.book(booking(room, service, at(3, 10), at(3, 11)), studio.client());

        assertThat(ten).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        assertThat(page.locator("a.slot", new Page.LocatorOptions().setHasText("14:00–15:00")))
                .hasCount(1);
        assertThat(page.evaluate("window.liveMarker")).isEqualTo("no reload");
    }

    @Test
    void livePagesAreAccessibleAt360Pixels() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.namedRoom("Live Room", null);
        String service = studio.service().named("Recording").create();
        studio.book(booking(room, service, at(1, 10), at(1, 11)), studio.client());
        Page desk = signedIn(studio, 360, true);
        PageChecks.accessible(
                desk,
                "/admin/calendar?view=day&date="
                        + LocalDate.now(TestStudio.ZONE).plusDays(1),
                "live-board");
        assertThat(desk.locator("#desk-queue")).containsText("1 waiting");
        PageChecks.accessible(desk, "/admin", "live-desk-nav");
        browser.close();

        browser = Browser.open(api, studio, 360, true);
        PageChecks.accessible(
                browser.newPage(),
                "/availability?date=" + LocalDate.now(TestStudio.ZONE).plusDays(2) + "&service=" + service,
                "live-availability");
    }

    @Test
    void withoutJavaScriptTheCountIsThereAndNothingStreams() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room();
        String service = studio.service().create();
        studio.book(booking(room, service, at(1, 10), at(1, 11)), studio.client());
        browser = Browser.openWithoutJavaScript(api, studio);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, studio.owner())
                .setUrl(api.uri("/").toString())));
        Page page = browser.newPage();
        List<String> streams = new java.util.ArrayList<>();
        page.onRequest(request -> {
            if (request.url().contains("/stream")) {
                streams.add(request.url());
            }
        });
        page.navigate("/admin/bookings");
        assertThat(page.locator("#desk-queue")).containsText("1 waiting");
        page.locator("#desk-queue").click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/admin/bookings/queue$"));
        assertThat(streams).isEmpty();
    }

    private Page signedIn(TestStudio studio, int width, boolean bypassCsp) {
        browser = Browser.open(api, studio, width, bypassCsp);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, studio.owner())
                .setUrl(api.uri("/").toString())));
        return browser.newPage();
    }

    /** Waits until the page's stream is open: a change made before would not be told. */
    private static void waitForStream(Page page) {
        page.waitForFunction("() => [...document.querySelectorAll('[sse-connect]')]"
                + ".some(e => e['htmx-internal-data'] && e['htmx-internal-data'].sseEventSource"
                + " && e['htmx-internal-data'].sseEventSource.readyState === 1)");
    }
}
