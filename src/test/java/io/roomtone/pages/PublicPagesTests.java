package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.roomtone.support.Api;
import io.roomtone.support.Browser;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The public pages in a real Chromium: the studio, its availability, choosing a slot. */
@RoomtoneTest
class PublicPagesTests {

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
    void frontPageShowsTheStudiosRoomsAndServicesWithPrices() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        studio.namedRoom("Live Room", "#3366ff", "vocal", "drums");
        studio.service().named("Tracking").create();
        studio.service().named("Mastering").fixedPrice(25_000).create();
        browser = Browser.open(api, studio);
        Page page = browser.newPage();

        page.navigate("/");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Studio " + studio.slug());
        Locator room = page.locator(".room", new Page.LocatorOptions().setHasText("Live Room"));
        assertThat(room).containsText("Up to 4 people");
        assertThat(room.locator(".chip", new Locator.LocatorOptions().setHasText("drums")))
                .isVisible();
        assertThat(room.locator(".chip", new Locator.LocatorOptions().setHasText("vocal")))
                .isVisible();
        assertThat(room.getByRole(AriaRole.IMG)).hasAttribute("aria-label", "Colour #3366ff");
        Locator tracking = page.locator(".service", new Page.LocatorOptions().setHasText("Tracking"));
        assertThat(tracking).containsText("Duration: 1 h");
        assertThat(tracking).containsText("CA$100.00 per 1 h");
        assertThat(page.locator(".service", new Page.LocatorOptions().setHasText("Mastering")))
                .containsText("CA$250.00 per session");
        assertThat(page.locator("#main")
                        .getByRole(
                                AriaRole.LINK,
                                new Locator.GetByRoleOptions()
                                        .setName("Check availability")
                                        .setExact(true)))
                .hasAttribute("href", "/availability");
    }

    @Test
    void aStudioWithoutRoomsOrServicesSaysSo() {
        TestStudio studio = new TestStudio(api);
        browser = Browser.open(api, studio);
        Page page = browser.newPage();

        page.navigate("/");
        assertThat(page.locator("main")).containsText("This studio has no rooms yet");
        assertThat(page.locator("main")).containsText("has not listed any services yet");

        page.navigate("/availability");
        assertThat(page.locator("main")).containsText("no services to book yet");
    }

    @Test
    void availabilityShowsSlotsPerRoomAndRefreshesInPlaceWhenTheServiceChanges() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        studio.namedRoom("Vocal Booth", null, "vocal");
        studio.namedRoom("Drum Room", null, "drums");
        String anyRoom = studio.service().named("Rehearsal").create();
        String vocalOnly =
                studio.service().named("Vocals").inRoomsTagged("vocal").create();
        browser = Browser.open(api, studio);
        Page page = browser.newPage();
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();

        page.navigate("/availability?service=" + anyRoom);
        page.getByLabel("Date").fill(tomorrow);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show free times"))
                .click();

        assertThat(page.locator(".room-slots h3")).hasText(new String[] {"Drum Room", "Vocal Booth"});
        // open 08:00-22:00, one-hour sessions: starts from 08:00 to 21:00 in each room
        assertThat(page.locator(".room-slots", new Page.LocatorOptions().setHasText("Drum Room"))
                        .locator(".slot")
                        .first())
                .hasText("08:00–09:00");
        assertThat(page.locator("#results")).containsText("Studio time, America/Toronto");
        page.evaluate("window.stillTheSamePage = true");
        // htmx wires up swapped-in content when the swap settles (20 ms later, more on a busy
        // machine); a change made before that is not seen by it
        page.waitForFunction("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')");

        page.getByLabel("Service").selectOption(vocalOnly);

        assertThat(page.locator(".room-slots h3")).hasText(new String[] {"Vocal Booth"});
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*service=" + vocalOnly + ".*"));
        assertThat((Boolean) page.evaluate("window.stillTheSamePage === true"))
                .as("htmx swapped the results in place: no page load")
                .isTrue();
        Locator slot = page.locator(".slot").first();
        assertThat(slot).hasAttribute("aria-label", java.util.regex.Pattern.compile("^08:00–09:00, .+, Vocal Booth$"));
    }

    @Test
    void availabilityWorksAsAPlainFormWithoutJavaScript() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        studio.namedRoom("Plain Room", null);
        studio.service().named("Session").create();
        BrowserContext noScript = Browser.open(api, studio);
        browser = noScript;
        noScript.route("**/*.js", route -> route.abort());
        Page page = noScript.newPage();
        String inTwoDays = LocalDate.now(TestStudio.ZONE).plusDays(2).toString();

        page.navigate("/availability");
        page.getByLabel("Date").fill(inTwoDays);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show free times"))
                .click();

        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*date=" + inTwoDays + ".*"));
        assertThat(page.locator(".room-slots h3")).hasText("Plain Room");
    }

    @Test
    void badInputIsShownNextToItsFieldNotAsAnError() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        studio.namedRoom("Any Room", null);
        String service = studio.service().named("Session").create();
        browser = Browser.open(api, studio);
        Page page = browser.newPage();

        var notADate = page.navigate("/availability?date=tomorrow&service=" + service);
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(page.locator("#date-error")).hasText("'tomorrow' is not a date (YYYY-MM-DD)");
        assertThat(page.getByLabel("Date")).hasAttribute("aria-invalid", "true");

        // a rule of the search itself, worded as the API words it
        page.navigate("/availability?duration=90&service=" + service);
        assertThat(page.locator("#duration-error")).containsText("must last a multiple of 60 minutes");

        page.navigate("/availability?date=1999-01-01&service=" + service);
        assertThat(page.locator("#date-error")).containsText("must be between 2000-01-01");

        var badSlot = page.navigate("/book?room=nope&start=yesterday");
        assertThat(badSlot.status()).isEqualTo(400);
        assertThat(page.locator("main")).containsText("room: 'nope' is not valid");
    }

    @Test
    void keyboardAloneReachesAndChoosesASlot() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        studio.namedRoom("Keys Room", null);
        studio.service().named("Session").create();
        browser = Browser.open(api, studio);
        Page page = browser.newPage();
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
        page.navigate("/availability?date=" + tomorrow);

        List<String> path = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            page.keyboard().press("Tab");
            String focused = (String) page.evaluate("document.activeElement.className");
            path.add((String) page.evaluate("document.activeElement.textContent.trim()"));
            if ("slot".equals(focused)) {
                break;
            }
        }
        assertThat(page.evaluate("document.activeElement.className"))
                .as("Tab reaches a slot; focus went through %s", path)
                .isEqualTo("slot");
        page.keyboard().press("Enter");

        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/book\\?room=.*"));
        assertThat(page.locator(".summary")).containsText("Keys Room");
        assertThat(page.locator(".summary")).containsText("08:00–09:00");
    }

    @Test
    void namesTypedByTheStudioRenderAsText() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String evil = "<script>alert(1)</script>";
        studio.namedRoom(evil + " Room", null);
        studio.service().named(evil).create();
        studio.updateSettings("name", evil + " Studio");
        browser = Browser.open(api, studio);
        Page page = browser.newPage();
        List<String> dialogs = new ArrayList<>();
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();

        page.navigate("/");
        assertThat(page.locator("h1")).hasText(evil + " Studio");
        assertThat(page.locator(".brand")).hasText(evil + " Studio");
        assertThat(page.locator(".room h3")).hasText(evil + " Room");
        assertThat(page.locator(".service h3")).containsText(evil);
        page.navigate("/availability?date=" + tomorrow);
        assertThat(page.locator(".room-slots h3")).hasText(evil + " Room");
        page.locator(".slot").first().click();
        assertThat(page.locator(".summary")).containsText(evil + " Room");

        assertThat(dialogs).as("no script ran").isEmpty();
    }
}
