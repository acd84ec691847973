package io.roomtone.pages;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.roomtone.support.Api;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page of the web app, checked by axe-core (WCAG 2.2 A and AA rules) and photographed 360
 * pixels wide into {@code target/screenshots/}, where nothing may scroll sideways.
 */
@RoomtoneTest
class AccessibilityTests {

    static final int PHONE = 360;

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
    void everyPageHasNoSeriousAccessibilityProblemAndFitsAPhone() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.namedRoom("Live Room with a rather long name for a small screen", "#3366ff", "vocal");
        studio.namedRoom("Booth", null, "vocal");
        studio.service().named("Recording").inRoomsTagged("vocal").create();
        studio.addOn(2_500);
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
        // axe is injected as a script: this context alone ignores the CSP to let it in
        browser = Browser.open(api, studio, PHONE, true);
        Page page = browser.newPage();

        check(page, "/", "studio");
        check(page, "/availability?date=" + tomorrow, "availability");
        check(page, "/availability?date=not-a-date", "availability-invalid");
        page.navigate("/availability?date=" + tomorrow);
        String book = page.locator(".slot").first().getAttribute("href");
        check(page, book, "book");
        check(page, "/book?room=" + room, "book-invalid");
        check(page, "/signin", "signin");
        check(page, "/signup", "signup");
        check(page, "/no-such-page", "not-found");
    }

    @Test
    void theCheckItselfFindsASeriousProblem() {
        TestStudio studio = new TestStudio(api);
        browser = Browser.open(api, studio, PHONE, true);
        Page page = browser.newPage();
        page.navigate("/signin");
        // a field nobody can name and pale grey on white: what axe must never let through
        page.setContent("<!doctype html><html lang=en><title>t</title><main><input type=text>"
                + "<p style='color:#ccc;background:#fff'>Faint</p></main></html>");

        assertThatThrownBy(() -> PageChecks.accessible(page, "axe-self-check"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("label")
                .hasMessageContaining("color-contrast");
    }

    private static void check(Page page, String path, String name) {
        PageChecks.accessible(page, path, name);
    }
}
