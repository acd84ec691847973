package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.Browser;
import io.roomtone.support.CalendarProviders;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import io.roomtone.support.TestStudio.Engineer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The calendar sync pages in a browser at 360 px: a staff member connects Google Calendar from their
 * page through the whole OAuth round trip (the provider's consent page on WireMock agrees at once),
 * the desk sees the connection and a booking's sync status on its booking page, and turns on inviting
 * clients. Every page passes axe and is photographed into target/screenshots/.
 */
@RoomtoneTest
class CalendarSyncPagesTests {

    static final int PHONE = 360;
    static final CalendarProviders providers = new CalendarProviders();

    @DynamicPropertySource
    static void calendars(DynamicPropertyRegistry registry) {
        providers.properties(registry);
        registry.add("roomtone.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("roomtone.calendar-sync.interval", () -> "PT0.5S");
    }

    @AfterAll
    static void stopProviders() {
        providers.stop();
    }

    @Autowired
    Api api;

    TestStudio studio;
    Engineer engineer;
    final List<BrowserContext> browsers = new ArrayList<>();

    @BeforeEach
    void openStudio() {
        providers.reset();
        studio = new TestStudio(api).openWithApproval();
        engineer = studio.engineer("mixing");
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(BrowserContext::close);
    }

    @Test
    void aStaffMemberConnectsGoogleCalendarAndTheDeskSeesTheSessionSynced() {
        Page staff = signedIn(engineer.token());
        staff.navigate("/staff");
        assertThat(staff.locator("#calendar-google")).containsText("Not connected");
        assertThat(staff.locator("#calendar-microsoft")).containsText("Not connected");
        PageChecks.accessible(staff, "calendars-staff-home");

        staff.navigate("/staff/calendars");
        staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect Google Calendar"))
                .click();
        assertThat(staff).hasURL(Pattern.compile(".*/staff/calendars\\?done=connected$"));
        assertThat(staff.getByRole(AriaRole.STATUS)).containsText("Calendar connected.");
        assertThat(staff.locator("#calendar-google")).containsText("Connected");
        assertThat(staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disconnect Google Calendar")))
                .isVisible();
        PageChecks.accessible(staff, "calendars-staff-connected");

        String room = studio.namedRoom("Live Room", "#1f6feb", "live");
        String service = studio.service().inRoomsTagged("live").create();
        BookedView booked =
                studio.book(booking(room, service, at(5, 10), at(5, 12)).withStaff(engineer.id()), studio.client());
        studio.approve(booked.bookingId(), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> providers.googleCreates() == 1);

        Page desk = signedIn(studio.owner());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            desk.navigate("/admin/bookings/" + booked.bookingId());
            assertThat(desk.locator(".cal-sync-list")).containsText("Synced");
        });
        assertThat(desk.locator(".cal-sync-list")).containsText("Engineer · Google Calendar");
        PageChecks.accessible(desk, "calendars-desk-booking");
        PageChecks.accessible(
                desk, "/admin/bookings/" + booked.bookingId() + "/calendar-sync", "calendars-booking-sync");

        desk.navigate("/admin/staff");
        assertThat(desk.locator(".cal-chips").first()).containsText("Connected");

        desk.navigate("/admin/calendars");
        assertThat(desk.locator("#calendar-overview")).containsText("Connected");
        PageChecks.accessible(desk, "calendars-desk");
        desk.getByLabel("Add the client to each event as an optional guest").check();
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(desk.getByRole(AriaRole.STATUS)).containsText("Saved.");
        assertThat(api.get("/api/admin/calendar-sync/settings", studio.owner())
                        .expect(200)
                        .json()
                        .get("invite_clients")
                        .asBoolean())
                .isTrue();

        // disconnecting: nothing more is sent there
        staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disconnect Google Calendar"))
                .click();
        assertThat(staff.getByRole(AriaRole.STATUS)).containsText("Calendar disconnected.");
        assertThat(staff.locator("#calendar-google")).containsText("Not connected");
    }

    private Page signedIn(String token) {
        BrowserContext context = Browser.open(api, studio, PHONE, true);
        browsers.add(context);
        context.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
        return context.newPage();
    }
}
