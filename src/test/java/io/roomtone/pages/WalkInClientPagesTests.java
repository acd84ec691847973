package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A walk-in who gives only a name and a phone (issue 8): booked from a drag on the board and
 * created on {@code /admin/clients}, in a real Chromium with the owner signed in; the forms'
 * refusals over plain HTTP.
 */
@RoomtoneTest
class WalkInClientPagesTests {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);
    private static final Pattern NULL = Pattern.compile("\\bnull\\b");

    @Autowired
    Api api;

    BrowserContext browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    record Setup(TestStudio studio, String room, String service) {}

    private Setup studio() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.namedRoom("Live Room", "#3366ff", "live");
        String service =
                studio.service().named("Rehearsal").inRoomsTagged("live").create();
        return new Setup(studio, room, service);
    }

    private Page signedIn(TestStudio studio, int width, boolean bypassCsp) {
        browser = Browser.open(api, studio, width, bypassCsp);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, studio.owner())
                .setUrl(api.uri("/").toString())));
        return browser.newPage();
    }

    private JsonNode clientsFound(TestStudio studio, String q) {
        return api.get("/api/admin/clients?q=" + enc(q), studio.owner())
                .expect(200)
                .json()
                .get("items");
    }

    @Test
    void aDragOnTheBoardBooksForAWalkInWithOnlyANameAndAPhone() {
        Setup s = studio();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String name = "Sam " + tag;
        String phone = "+49 176 1234567";
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
        Page page = signedIn(s.studio(), 1280, false);
        page.navigate("/admin/calendar?view=day&date=" + tomorrow);

        // across the 16:00 column of the Live Room
        Locator lane = page.locator(".lane[data-row='" + s.room() + "']");
        BoundingBox row = lane.boundingBox();
        BoundingBox four = page.locator(".hour[data-time='16:00']").boundingBox();
        double half = four.width / 2;
        double y = row.y + row.height / 2;
        page.mouse().move(four.x + half / 2, y);
        page.mouse().down();
        page.mouse().move(four.x + half, y, new Mouse.MoveOptions().setSteps(4));
        page.mouse().move(four.x + half + half / 2, y, new Mouse.MoveOptions().setSteps(4));
        page.mouse().up();

        page.waitForURL(Pattern.compile(".*/admin/calendar/new\\?.*"));
        assertThat(page.getByLabel("Start")).hasValue(tomorrow + "T16:00");
        // the walk-in form says what it needs
        assertThat(page.locator("#email-hint")).hasText("An e-mail or a phone is needed.");
        page.getByLabel("Name", EXACT).fill(name);
        assertThat(page.getByLabel("Email (optional)", EXACT)).hasValue("");
        page.getByLabel("Phone (optional)", EXACT).fill(phone);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Book for this client"))
                .click();

        page.waitForURL(Pattern.compile(".*/admin/calendar\\?view=day&date=" + tomorrow));
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Booked");
        assertThat(lane.locator(".block", new Locator.LocatorOptions().setHasText(name)))
                .containsText("16:00");

        // the client exists without an e-mail, and is found by the phone's digits
        JsonNode found = clientsFound(s.studio(), "491761234567");
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("name").asString()).isEqualTo(name);
        assertThat(found.get(0).get("email").isNull()).isTrue();
        String clientId = found.get(0).get("id").asString();

        // the admin bookings list shows the booking with the walk-in's phone
        page.navigate("/admin/bookings?client=" + enc(tag));
        Locator booked = page.locator(".desk-table tbody tr");
        assertThat(booked).hasCount(1);
        assertThat(booked).containsText(name);
        assertThat(booked).containsText("+491761234567");
        assertThat(booked).not().containsText(NULL);

        // its booking page: the phone, and no "null" where the e-mail would be
        booked.getByRole(AriaRole.LINK).first().click();
        assertThat(page).hasURL(Pattern.compile(".*/admin/bookings/[0-9a-f-]{36}$"));
        assertThat(page.locator("main")).containsText("+491761234567");
        assertThat(page.locator("main")).not().containsText(NULL);

        // the client's page says there is no e-mail, in words
        page.navigate("/admin/clients/" + clientId);
        assertThat(page.locator(".summary")).containsText("no e-mail");
        assertThat(page.locator(".summary")).containsText("+491761234567");
        assertThat(page.locator("main")).containsText("Rehearsal");
    }

    @Test
    void theClientsPageCreatesAWalkInWithAPhoneAndRefusesToClearTheLastWayToReachThem() {
        Setup s = studio();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Page page = signedIn(s.studio(), 1280, false);

        page.navigate("/admin/clients");
        assertThat(page.locator("#email-hint")).hasText("An e-mail or a phone is needed.");
        // neither: both fields named, nothing created
        page.getByLabel("Name", EXACT).fill("Nobody " + tag);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create client"))
                .click();
        assertThat(page.locator("#email-error")).containsText("is required when there is no phone");
        assertThat(page.locator("#phone-error")).containsText("is required when there is no email");
        assertThat(page.getByLabel("Name", EXACT)).hasValue("Nobody " + tag);
        assertThat(clientsFound(s.studio(), tag).size()).isZero();

        page.getByLabel("Phone (optional)", EXACT).fill("+49 176 5550123");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create client"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/admin/clients/[0-9a-f-]{36}\\?done=created$"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Client created.");
        assertThat(page.locator(".summary")).containsText("no e-mail");
        String id = clientsFound(s.studio(), tag).get(0).get("id").asString();

        // the search lists them with their phone and "no e-mail"
        page.navigate("/admin/clients?q=" + enc("176 555"));
        Locator listed = page.locator(".desk-client-list li", new Page.LocatorOptions().setHasText("Nobody " + tag));
        assertThat(listed).containsText("no e-mail");
        assertThat(listed).containsText("+491765550123");

        // the phone is the last way to reach them: it cannot be emptied
        page.navigate("/admin/clients/" + id);
        page.getByLabel("Phone (optional)", EXACT).fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(page.locator("#phone-error")).containsText("cannot be cleared while the client has no email");
        assertThat(api.get("/api/admin/clients/" + id, s.studio().owner())
                        .json()
                        .get("phone")
                        .asString())
                .isEqualTo("+491765550123");

        // with an e-mail given, the phone may go; then the e-mail may not
        page.navigate("/admin/clients/" + id);
        page.getByLabel("Email (optional)", EXACT).fill("nobody-" + tag + "@example.test");
        page.getByLabel("Phone (optional)", EXACT).fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Contact details saved.");
        page.getByLabel("Email (optional)", EXACT).fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(page.locator("#email-error")).containsText("cannot be cleared while the client has no phone");
        JsonNode stored =
                api.get("/api/admin/clients/" + id, s.studio().owner()).json();
        assertThat(stored.get("email").asString()).isEqualTo("nobody-" + tag + "@example.test");
        assertThat(stored.get("phone").isNull()).isTrue();
    }

    @Test
    void theWalkInPagesHaveNoSeriousAccessibilityProblemAndFitAPhone() {
        Setup s = studio();
        String id = api.post(
                        "/api/admin/clients",
                        Api.json("name", "Phone Only", "phone", "+49 176 1234567"),
                        s.studio().owner())
                .expect(201)
                .json()
                .get("id")
                .asString();
        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
        Page page = signedIn(s.studio(), AccessibilityTests.PHONE, true);
        PageChecks.accessible(page, "/admin/clients?q=49176", "walkin-clients-found");
        PageChecks.accessible(page, "/admin/clients/" + id, "walkin-client");
        PageChecks.accessible(
                page,
                "/admin/calendar/new?room=" + s.room() + "&start=" + tomorrow + "T15:00&end=" + tomorrow
                        + "T16:00&q=49176",
                "walkin-board-new-found");
        // the form refused, with its problems next to the fields
        page.navigate("/admin/clients");
        page.getByLabel("Name", EXACT).fill("Nobody");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create client"))
                .click();
        assertThat(page.locator("#phone-error")).isVisible();
        PageChecks.accessible(page, "walkin-clients-refused");
    }

    // --- over HTTP: refusals, nothing written ---

    @Test
    void theFormsRefuseAClientWithoutEmailOrPhoneWithTheFieldsNamedAndWriteNothing() {
        Setup s = studio();
        String cookie = RequestAuthentication.SESSION_COOKIE + "=" + s.studio().owner();
        String tag = UUID.randomUUID().toString().substring(0, 6);

        Response refused = submit(
                cookie, "/admin/clients", "/admin/clients", Map.of("name", "Ghost " + tag, "email", "", "phone", " "));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body())
                .contains("is required when there is no phone")
                .contains("is required when there is no email");
        assertThat(clientsFound(s.studio(), tag).size()).isZero();

        String tomorrow = LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
        Map<String, String> booking = new LinkedHashMap<>();
        booking.put("room", s.room());
        booking.put("service", s.service());
        booking.put("start", tomorrow + "T10:00");
        booking.put("end", tomorrow + "T11:00");
        booking.put("name", "Ghost " + tag);
        booking.put("email", "");
        booking.put("phone", "");
        booking.put("action", "book");
        Response board = submit(cookie, "/admin/calendar/new", "/admin/calendar/new", booking);
        assertThat(board.status()).as(board.body()).isEqualTo(400);
        assertThat(board.body()).contains("is required when there is no phone");
        assertThat(clientsFound(s.studio(), tag).size()).isZero();
        assertThat(api.get("/api/admin/bookings", s.studio().owner())
                        .expect(200)
                        .json()
                        .size())
                .isZero();

        // a phone alone is enough: created and booked, back to the board
        booking.put("phone", "+49 176 5550000");
        Response booked = submit(cookie, "/admin/calendar/new", "/admin/calendar/new", booking);
        assertThat(booked.status()).as(booked.body()).isEqualTo(302);
        assertThat(clientsFound(s.studio(), tag).size()).isEqualTo(1);

        // the client is written with the booking: another walk-in refused for the taken slot leaves
        // nobody behind, and the form keeps what was typed
        booking.put("name", "Second " + tag);
        booking.put("phone", "+49 176 5550001");
        Response taken = submit(cookie, "/admin/calendar/new", "/admin/calendar/new", booking);
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.body()).contains("Second " + tag).contains("+49 176 5550001");
        assertThat(clientsFound(s.studio(), "Second " + tag).size()).isZero();

        // an edit of another studio's client is a 404, and changes nothing
        TestStudio other = new TestStudio(api);
        String theirs = api.post(
                        "/api/admin/clients", Api.json("name", "Theirs", "phone", "+49 176 9000000"), other.owner())
                .expect(201)
                .json()
                .get("id")
                .asString();
        Response foreign =
                submit(cookie, "/admin/clients", "/admin/clients/" + theirs, Map.of("name", "Stolen", "phone", ""));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(api.get("/api/admin/clients/" + theirs, other.owner())
                        .json()
                        .get("phone")
                        .asString())
                .isEqualTo("+491769000000");
    }

    /** Posts a form as a browser would: with the token and cookie the page {@code formPage} handed out. */
    private Response submit(String cookie, String formPage, String action, Map<String, String> fields) {
        Response form = api.send("GET", formPage, null, null, Map.of("Accept", "text/html", "Cookie", cookie))
                .expect(200);
        Matcher csrf = CSRF_FIELD.matcher(form.body());
        assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();
        String xsrf = form.cookie("XSRF-TOKEN").map(v -> "; XSRF-TOKEN=" + v).orElse("");
        String body = "_csrf=" + enc(csrf.group(1)) + "&"
                + fields.entrySet().stream()
                        .map(e -> e.getKey() + "=" + enc(e.getValue()))
                        .collect(Collectors.joining("&"));
        return api.send(
                "POST",
                action,
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

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
