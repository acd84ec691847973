package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Calendar links from the pages, in a real Chromium: the owner's for a room (rooms page), a staff
 * member's own (their page), and the subscription help shown with each. A link is shown once, works
 * at once, and the next one stops it.
 */
@RoomtoneTest
class CalendarPagesTests {

    static final int PHONE = 360;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    BrowserContext browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theOwnerGetsARoomsCalendarLinkAndTheNextOneStopsIt() {
        TestStudio studio = new TestStudio(api);
        studio.namedRoom("Live Room", "#3366ff");
        Page page = signedIn(studio, studio.owner(), PHONE);

        page.navigate("/admin/rooms");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New calendar link for Live Room"))
                .click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Calendar link for Live Room");
        String link = page.locator("code.cal-link").textContent();
        assertThat(link).contains("/api/calendar/ics/room/").contains("token=");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Subscribe in my calendar app")))
                .hasAttribute("href", link.replaceFirst("^https?://", "webcal://"));
        PageChecks.accessible(page, "calendar-room-link");
        feed(studio, link).expect(200);

        page.navigate("/admin/rooms");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New calendar link for Live Room"))
                .click();
        String next = page.locator("code.cal-link").textContent();
        assertThat(next).isNotEqualTo(link);
        feed(studio, link).expect(404);
        feed(studio, next).expect(200);
    }

    @Test
    void aStaffMemberGetsTheirOwnCalendarLinkFromTheirPage() {
        TestStudio studio = new TestStudio(api);
        TestStudio.Engineer sam = studio.engineer("mixing");
        Page page = signedIn(studio, sam.token(), PHONE);

        page.navigate("/staff");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("My calendar feed")))
                .isVisible();
        PageChecks.accessible(page, "calendar-staff-home");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Get my calendar link"))
                .click();

        String link = page.locator("code.cal-link").textContent();
        assertThat(link).contains("/api/calendar/ics/staff/" + sam.id() + ".ics?token=");
        assertThat(page.getByText("Google Calendar")).isVisible();
        PageChecks.accessible(page, "calendar-staff-link");
        feed(studio, link).expect(200);

        page.navigate("/staff");
        assertThat(page.getByText("You have a calendar link.")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Get a new calendar link"))
                .click();
        // the new link drawn first: only then has the old one surely ended
        assertThat(page.locator("code.cal-link")).not().hasText(link);
        assertThat(page.locator("code.cal-link")).containsText("/api/calendar/ics/staff/" + sam.id() + ".ics?token=");
        feed(studio, link).expect(404);
    }

    @Test
    void theStaffLinkTheOwnerMakesComesWithSubscriptionHelp() {
        TestStudio studio = new TestStudio(api);
        TestStudio.Engineer sam = studio.engineer("mixing");
        Page page = signedIn(studio, studio.owner(), PHONE);

        page.navigate("/admin/staff/" + sam.id());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create a calendar link"))
                .click();

        String link = page.locator("code.copy").textContent();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Subscribe in my calendar app")))
                .hasAttribute("href", link.replaceFirst("^https?://", "webcal://"));
        assertThat(page.getByText("Outlook", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        PageChecks.accessible(page, "calendar-staff-access");
        feed(studio, link).expect(200);
    }

    @Test
    void aLinkForAnUnknownOrAnotherStudiosRoomIsA404PageAndWritesNothing() {
        TestStudio studio = new TestStudio(api);
        studio.namedRoom("Live Room", "#3366ff");
        String othersRoom = new TestStudio(api).room();
        Page page = signedIn(studio, studio.owner(), 1280);
        long before = roomFeeds();

        for (String id : List.of("not-a-room", Api.UNKNOWN_ID, othersRoom, "9".repeat(400))) {
            page.navigate("/admin/rooms");
            // the rooms page's own form (with its CSRF token), pointed at another room
            com.microsoft.playwright.Response answer = page.waitForNavigation(() -> page.evaluate(
                    "id => { const f = document.querySelector('form[action*=\"calendar-link\"]');"
                            + " f.action = '/admin/rooms/' + id + '/calendar-link'; f.submit(); }",
                    id));
            assertThat(answer.status()).as(id).isEqualTo(404);
            assertThat(page.locator("main")).containsText("No room");
        }
        assertThat(roomFeeds()).as("nothing written").isEqualTo(before);
    }

    private long roomFeeds() {
        return jdbc.sql("SELECT count(*) FROM calendar_room_feed")
                .query(Long.class)
                .single();
    }

    private Api.Response feed(TestStudio studio, String link) {
        return api.send("GET", link.substring(link.indexOf("/api/")), null, null, Map.of("X-Studio", studio.slug()));
    }

    private Page signedIn(TestStudio studio, String token, int width) {
        if (browser != null) {
            browser.close();
        }
        // axe is injected as a script: this context alone ignores the CSP to let it in
        browser = Browser.open(api, studio, width, true);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())
                .setHttpOnly(true)));
        return browser.newPage();
    }
}
