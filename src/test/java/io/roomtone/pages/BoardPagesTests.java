package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Browser;
import io.roomtone.support.HoldRequest;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The studio's calendar board, {@code /admin/calendar}, in a real Chromium with the owner signed in
 * (scenario 4 of issue 8), and its forms' refusals over plain HTTP.
 */
@RoomtoneTest
class BoardPagesTests {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String SCRIPT_NAME = "<script>alert('board')</script> Ada";
    private static final String SCRIPT_NOTES = "<script>alert('notes')</script> bring a DI box";

    @Autowired
    Api api;

    BrowserContext browser;

    record Listed(String id, String roomId, String startAt, String endAt, String status, String clientId) {}

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A studio open 08:00-22:00 with two rooms, a recording service needing an engineer, and one engineer. */
    record Setup(TestStudio studio, String roomA, String roomB, String service, TestStudio.Engineer engineer) {}

    private Setup studio() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String roomA = studio.namedRoom("Live Room", "#3366ff", "vocal");
        String roomB = studio.namedRoom("Booth", null, "vocal");
        TestStudio.Engineer engineer = studio.engineer("recording");
        String service = studio.service()
                .named("Recording")
                .inRoomsTagged("vocal")
                .withEngineerSkilled("recording")
                .create();
        return new Setup(studio, roomA, roomB, service, engineer);
    }

    private String client(TestStudio studio, String name) {
        return api.post(
                        "/api/admin/clients",
                        json("name", name, "email", "c-" + java.util.UUID.randomUUID() + "@example.test"),
                        studio.owner())
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private Page signedIn(TestStudio studio, int width, boolean bypassCsp) {
        browser = Browser.open(api, studio, width, bypassCsp);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, studio.owner())
                .setUrl(api.uri("/").toString())));
        return browser.newPage();
    }

    @Test
    void aBookingMadeThroughTheApiShowsInItsRoomRowAtItsTimeInEveryView() {
        Setup s = studio();
        String clientId = client(s.studio(), SCRIPT_NAME);
        String id = s.studio()
                .book(
                        booking(s.roomB(), s.service(), TestStudio.at(1, 10), TestStudio.at(1, 12))
                                .forClient(clientId)
                                .withStaff(s.engineer().id())
                                .with("notes", SCRIPT_NOTES),
                        s.studio().owner())
                .bookingId();
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
        Page page = signedIn(s.studio(), 1280, false);

        page.navigate("/admin/calendar?view=day&date=" + tomorrow);
        Locator block = page.locator("[data-booking='" + id + "']");
        assertThat(block).containsText(SCRIPT_NAME);
        assertThat(block).containsText("10:00–12:00");
        assertThat(block).containsText("Recording");
        assertThat(page.locator(".block script")).hasCount(0);
        // in Booth's row, from the 10:00 column to the 12:00 column
        Locator lane = page.locator(".lane[data-row='" + s.roomB() + "']");
        assertThat(lane.locator("[data-booking='" + id + "']")).hasCount(1);
        assertThat(page.locator(".lane[data-row='" + s.roomA() + "'] [data-booking]"))
                .hasCount(0);
        BoundingBox box = block.boundingBox();
        BoundingBox ten = page.locator(".hour[data-time='10:00']").boundingBox();
        BoundingBox twelve = page.locator(".hour[data-time='12:00']").boundingBox();
        BoundingBox row = lane.boundingBox();
        assertThat(box.x).isCloseTo(ten.x, within(4.0));
        assertThat(box.x + box.width).isCloseTo(twelve.x, within(4.0));
        assertThat(box.y).isBetween(row.y, row.y + row.height);
        shoot(page, "board-day-1280");

        // its details, in the side panel (htmx), with the actions a confirmed session allows
        block.click();
        Locator panel = page.locator("#panel");
        assertThat(page.locator("#detail-heading")).containsText("Booking");
        assertThat(panel).containsText(SCRIPT_NOTES);
        assertThat(page.locator("#panel script")).hasCount(0);
        assertThat(panel.locator("form[action$='/cancel'] input[name=back]"))
                .hasValue("/admin/calendar?view=day&date=" + tomorrow);
        assertThat(panel.locator("form[action$='/reschedule']")).hasCount(1);
        assertThat(panel.locator("form[action$='/approve']")).hasCount(0);
        assertThat(panel.locator("a[href='/admin/bookings/" + id + "']")).hasCount(1);

        // the same details as a page of their own (no JavaScript needed)
        page.navigate("/admin/calendar/booking/" + id + "?back=/admin/calendar?view=week");
        assertThat(page.locator("#detail")).containsText(SCRIPT_NAME);
        assertThat(page.locator("#detail")).containsText("Engineer");
        assertThat(page.locator("form[action$='/assign-staff'] input[name=back]"))
                .hasValue("/admin/calendar?view=week");

        page.navigate("/admin/calendar?view=day&group=staff&date=" + tomorrow);
        assertThat(page.locator(".lane[data-row='" + s.engineer().id() + "'] [data-booking='" + id + "']"))
                .containsText("Booth");

        page.navigate("/admin/calendar?view=week&date=" + tomorrow);
        assertThat(page.locator(
                        ".lane[data-row='" + s.roomB() + "'][data-day='" + tomorrow + "'] [data-booking='" + id + "']"))
                .isVisible();
        shoot(page, "board-week-1280");

        page.navigate("/admin/calendar?view=month&date=" + tomorrow);
        assertThat(page.locator("td:has(a[href$='date=" + tomorrow + "'])")).containsText("1 session");
        shoot(page, "board-month-1280");
    }

    @Test
    void draggingAcrossEmptyTimeBooksForANewWalkInClient() {
        Setup s = studio();
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
        Page page = signedIn(s.studio(), 1280, false);
        page.navigate("/admin/calendar?view=day&date=" + tomorrow);

        // from the middle of the 14:00 column to the middle of the 14:30 column of the Live Room
        Locator lane = page.locator(".lane[data-row='" + s.roomA() + "']");
        BoundingBox row = lane.boundingBox();
        BoundingBox two = page.locator(".hour[data-time='14:00']").boundingBox();
        double half = two.width / 2;
        double y = row.y + row.height / 2;
        page.mouse().move(two.x + half / 2, y);
        page.mouse().down();
        page.mouse().move(two.x + half, y, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
        page.mouse().move(two.x + half + half / 2, y, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
        page.mouse().up();

        page.waitForURL(Pattern.compile(".*/admin/calendar/new\\?.*"));
        assertThat(page.getByLabel("Room")).hasValue(s.roomA());
        assertThat(page.getByLabel("Start")).hasValue(tomorrow + "T14:00");
        assertThat(page.getByLabel("End")).hasValue(tomorrow + "T15:00");
        String email = "wanda-" + java.util.UUID.randomUUID() + "@example.test";
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Walk-in Wanda");
        page.getByLabel("Email (optional)", new Page.GetByLabelOptions().setExact(true))
                .fill(email);
        page.getByLabel("Phone (optional)").fill("+1 416 555 0199");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Book for this client"))
                .click();

        page.waitForURL(Pattern.compile(".*/admin/calendar\\?view=day&date=" + tomorrow));
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Booked");
        Locator block = lane.locator(".block", new Locator.LocatorOptions().setHasText("Walk-in Wanda"));
        assertThat(block).containsText("14:00–15:00");

        String clientId = api.get(
                        "/api/admin/clients?q=" + enc(email), s.studio().owner())
                .expect(200)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        List<Listed> booked = api.get(
                        "/api/admin/bookings?client_id=" + clientId, s.studio().owner())
                .expect(200)
                .asListOf(Listed.class);
        assertThat(booked).hasSize(1);
        assertThat(booked.get(0).roomId()).isEqualTo(s.roomA());
        assertThat(booked.get(0).startAt()).isEqualTo(TestStudio.at(1, 14));
        assertThat(booked.get(0).status()).isEqualTo("confirmed");
    }

    @Test
    void holdsPendingRequestsAndEmptyStatesAreShownWithTextNotColourAlone() {
        TestStudio empty = new TestStudio(api);
        Page page = signedIn(empty, 1280, false);
        page.navigate("/admin/calendar");
        assertThat(page.locator(".empty")).containsText("Add a room in Rooms");

        Setup s = studio();
        s.studio().updateSettings("approval_required", true);
        String client = s.studio().client();
        String requested = s.studio()
                .book(booking(s.roomA(), s.service(), TestStudio.at(2, 9), TestStudio.at(2, 10)), client)
                .bookingId();
        s.studio().hold(HoldRequest.hold(s.roomB(), TestStudio.at(2, 15), TestStudio.at(2, 16)), client);
        browser.close();
        page = signedIn(s.studio(), 1280, false);
        page.navigate("/admin/calendar?date=" + LocalDate.now(TestStudio.ZONE).plusDays(2));
        assertThat(page.locator("[data-booking='" + requested + "']")).containsText("Awaiting approval");
        assertThat(page.locator("[data-booking='" + requested + "']")).hasClass(Pattern.compile(".*\\bpending\\b.*"));
        assertThat(page.locator(".lane[data-row='" + s.roomB() + "'] .block.hold"))
                .containsText("Hold");
        page.locator("[data-booking='" + requested + "']").click();
        assertThat(page.locator("#panel form[action$='/approve']")).hasCount(1);
        assertThat(page.locator("#panel form[action$='/reject']")).hasCount(1);
    }

    @Test
    void everyBoardPageHasNoSeriousAccessibilityProblemAndFitsAPhone() {
        Setup s = studio();
        String id = s.studio()
                .book(
                        booking(s.roomA(), s.service(), TestStudio.at(1, 10), TestStudio.at(1, 11))
                                .forClient(client(s.studio(), SCRIPT_NAME)),
                        s.studio().owner())
                .bookingId();
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
        // axe is injected as a script: this context alone ignores the CSP to let it in
        Page page = signedIn(s.studio(), AccessibilityTests.PHONE, true);
        check(page, "/admin/calendar?view=day&date=" + tomorrow, "board-day");
        check(page, "/admin/calendar?view=week&date=" + tomorrow, "board-week");
        check(page, "/admin/calendar?view=month&date=" + tomorrow, "board-month");
        check(page, "/admin/calendar?view=day&group=staff&date=" + tomorrow, "board-staff");
        check(page, "/admin/calendar/booking/" + id, "board-booking");
        check(
                page,
                "/admin/calendar/new?room=" + s.roomA() + "&start=" + tomorrow + "T15:00&end=" + tomorrow + "T16:00",
                "board-new");
        check(
                page,
                "/admin/calendar/new?room=" + s.roomA() + "&start=" + tomorrow + "T15:00&end=" + tomorrow
                        + "T16:00&q=Ada",
                "board-new-search");
        browser.close();
        Page wide = signedIn(s.studio(), 1280, true);
        check(wide, "/admin/calendar?view=day&date=" + tomorrow, "board-day-wide");
    }

    // --- over HTTP: refusals, access, CSRF ---

    @Test
    void badInputIsRefusedWithTheProblemNamedAndNothingWritten() {
        Setup s = studio();
        TestStudio other = new TestStudio(api).openWithoutApproval();
        String otherRoom = other.room();
        String clientId = client(s.studio(), "Grace");
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
        String cookie = RequestAuthentication.SESSION_COOKIE + "=" + s.studio().owner();
        Map<String, String> good = new LinkedHashMap<>();
        good.put("room", s.roomA());
        good.put("service", s.service());
        good.put("start", tomorrow + "T10:00");
        good.put("end", tomorrow + "T11:00");
        good.put("client", clientId);
        good.put("action", "book");

        assertRefused(submit(cookie, with(good, "end", tomorrow + "T09:00")), 400, "must be after the start");
        assertRefused(submit(cookie, with(good, "start", "+999999999-12-01T10:00")), 400, "must be between");
        assertRefused(submit(cookie, with(good, "room", otherRoom)), 400, "must be one of the studio");
        assertRefused(submit(cookie, with(good, "room", "not-an-id")), 400, "is not valid");
        assertRefused(submit(cookie, with(good, "client", "")), 400, "choose a client");
        assertThat(bookingsOf(s.studio(), clientId)).as("nothing was booked").isEmpty();

        submit(cookie, good).expect(302);
        assertThat(bookingsOf(s.studio(), clientId)).hasSize(1);
        // the same slot again: 409, the form shown again with the problem
        String clash = client(s.studio(), "Hedy");
        assertRefused(submit(cookie, with(good, "client", clash)), 409, "taken");
        assertThat(bookingsOf(s.studio(), clash)).isEmpty();

        assertRefused(page(cookie, "/admin/calendar?date=%2B999999999-01-01"), 400, "date");
        assertRefused(page(cookie, "/admin/calendar?view=year"), 400, "view");
        assertRefused(page(cookie, "/admin/calendar?group=cats"), 400, "group");
        page(cookie, "/admin/calendar/booking/not-an-id").expect(404);
        String othersBooking = other.book(
                        booking(otherRoom, other.service().create(), TestStudio.at(1, 10), TestStudio.at(1, 11)),
                        other.client())
                .bookingId();
        page(cookie, "/admin/calendar/booking/" + othersBooking).expect(404);
    }

    @Test
    void onlyTheStudiosAdminsOpenTheBoardAndItsFormsNeedTheCsrfToken() {
        Setup s = studio();
        String staffCookie =
                RequestAuthentication.SESSION_COOKIE + "=" + s.engineer().token();
        String clientCookie =
                RequestAuthentication.SESSION_COOKIE + "=" + s.studio().client();
        page(staffCookie, "/admin/calendar").expect(403);
        page(clientCookie, "/admin/calendar").expect(403);
        page(clientCookie, "/admin/calendar/new").expect(403);
        page(null, "/admin/calendar").expect(302);

        String cookie = RequestAuthentication.SESSION_COOKIE + "=" + s.studio().owner();
        String clientId = client(s.studio(), "Katherine");
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
        String body = "room=" + s.roomA() + "&service=" + s.service() + "&start=" + tomorrow + "T10:00&end=" + tomorrow
                + "T11:00&client=" + clientId + "&action=book";
        Response forged = api.send(
                "POST",
                "/admin/calendar/new",
                body,
                null,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie, "Accept", "text/html"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(bookingsOf(s.studio(), clientId)).isEmpty();
    }

    private List<Listed> bookingsOf(TestStudio studio, String clientId) {
        return api.get("/api/admin/bookings?client_id=" + clientId, studio.owner())
                .expect(200)
                .asListOf(Listed.class);
    }

    private Response page(String cookie, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/html");
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        return api.send("GET", path, null, null, headers);
    }

    /** Posts the new-booking form as a browser would: with the token and cookie its page handed out. */
    private Response submit(String cookie, Map<String, String> fields) {
        Response form = page(cookie, "/admin/calendar/new").expect(200);
        Matcher csrf = CSRF_FIELD.matcher(form.body());
        assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();
        String xsrf = form.cookie("XSRF-TOKEN").map(v -> "; XSRF-TOKEN=" + v).orElse("");
        String body = "_csrf=" + enc(csrf.group(1)) + "&"
                + fields.entrySet().stream()
                        .map(e -> e.getKey() + "=" + enc(e.getValue()))
                        .collect(Collectors.joining("&"));
        return api.send(
                "POST",
                "/admin/calendar/new",
                body,
                null,
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Cookie",
                        cookie + xsrf,
                        "Accept",
                        "text/html"));
    }

    private static void assertRefused(Response response, int status, String problem) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(problem);
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put(name, value);
        return changed;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void shoot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Paths.get("target/screenshots/" + name + ".png"))
                .setFullPage(true));
    }

    private static void check(Page page, String path, String name) {
        // the board scrolls in its own region, never the page
        PageChecks.accessible(page, path, name);
    }
}
