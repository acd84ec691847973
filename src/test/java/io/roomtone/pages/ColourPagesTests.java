package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A colour per service, chosen on the services desk and painted on the calendar board (in a real
 * Chromium, with the Content-Security-Policy enforced), and the desk's small fixes: "My sessions" for
 * owners and admins who work sessions, the bound on bookings a day, and what a huge number is called.
 */
@RoomtoneTest
class ColourPagesTests {

    private static final String YELLOW = "#ffcc00";
    private static final String YELLOW_RGB = "rgb(255, 204, 0)";
    private static final String BLACK_RGB = "rgb(0, 0, 0)";
    /** The palette's only colour with black ink (.svc-2), what a yellow block shows without script. */
    private static final String PALETTE_DARK_INK_RGB = "rgb(194, 87, 12)";

    @Autowired
    Api api;

    BrowserContext browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A studio open every day with a room, a yellow service and one without a colour, each booked tomorrow. */
    record Setup(
            TestStudio studio, String room, String yellow, String plain, String yellowBooking, String plainBooking) {}

    private Setup bookedStudio() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.namedRoom("Live Room", null);
        String yellow = studio.service().named("Mastering").create();
        String plain = studio.service().named("Mixing").create();
        api.patch("/api/admin/services/" + yellow, json("color", YELLOW), studio.owner())
                .expect(200);
        String client = api.post(
                        "/api/admin/clients",
                        json("name", "Ada Lovelace", "email", "ada-" + java.util.UUID.randomUUID() + "@example.test"),
                        studio.owner())
                .expect(201)
                .json()
                .get("id")
                .asString();
        String yellowBooking = studio.book(
                        booking(room, yellow, TestStudio.at(1, 10), TestStudio.at(1, 11))
                                .forClient(client),
                        studio.owner())
                .bookingId();
        String plainBooking = studio.book(
                        booking(room, plain, TestStudio.at(1, 13), TestStudio.at(1, 14))
                                .forClient(client),
                        studio.owner())
                .bookingId();
        return new Setup(studio, room, yellow, plain, yellowBooking, plainBooking);
    }

    private static String tomorrow() {
        return LocalDate.now(TestStudio.ZONE).plusDays(1).toString();
    }

    // --- the board ---

    @Test
    void aBlockOfAColouredServiceHasThatColourWithBlackInkUnderTheCsp() {
        Setup s = bookedStudio();
        Page page = signedIn(s.studio(), 1280, false);
        List<String> refused = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                refused.add(message.text());
            }
        });

        page.navigate("/admin/calendar?view=day&date=" + tomorrow());
        Locator yellow = page.locator("[data-booking='" + s.yellowBooking() + "']");
        assertThat(yellow).hasAttribute("data-colour", YELLOW);
        assertThat(yellow).hasClass(java.util.regex.Pattern.compile("\\bpainted\\b"));
        assertThat(style(yellow, "backgroundColor")).isEqualTo(YELLOW_RGB);
        assertThat(style(yellow, "color")).isEqualTo(BLACK_RGB);
        // the legend names the service beside a key of the same colour
        Locator key = page.locator(".legend-list li", new Page.LocatorOptions().setHasText("Mastering"))
                .locator(".key");
        assertThat(style(key, "backgroundColor")).isEqualTo(YELLOW_RGB);

        // a service without a colour keeps its palette colour
        Locator plain = page.locator("[data-booking='" + s.plainBooking() + "']");
        assertThat(plain.getAttribute("data-colour")).isNull();
        assertThat(style(plain, "backgroundColor")).isNotEqualTo(YELLOW_RGB).isNotEqualTo("rgba(0, 0, 0, 0)");

        // the board swapped in by htmx is painted too
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next ▶"))
                .click();
        String dayAfter = LocalDate.now(TestStudio.ZONE).plusDays(2).toString();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*date=" + dayAfter + ".*"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("◀ Previous"))
                .click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*date=" + tomorrow() + ".*"));
        Locator again = page.locator("[data-booking='" + s.yellowBooking() + "']");
        assertThat(again).hasClass(java.util.regex.Pattern.compile("\\bpainted\\b"));
        assertThat(style(again, "backgroundColor")).isEqualTo(YELLOW_RGB);

        assertThat(refused).isEmpty();
    }

    @Test
    void withoutJavaScriptTheBlockShowsAPaletteColourItsInkReadsOn() {
        Setup s = bookedStudio();
        browser = Browser.openWithoutJavaScript(api, s.studio());
        browser.addCookies(List.of(
                new Cookie(RequestAuthentication.SESSION_COOKIE, s.studio().owner())
                        .setUrl(api.uri("/").toString())));
        Page page = browser.newPage();

        page.navigate("/admin/calendar?view=day&date=" + tomorrow());
        Locator yellow = page.locator("[data-booking='" + s.yellowBooking() + "']");
        assertThat(style(yellow, "backgroundColor")).isEqualTo(PALETTE_DARK_INK_RGB);
        assertThat(style(yellow, "color")).isEqualTo(BLACK_RGB);
    }

    @Test
    void theBoardAndTheServicesDeskWithColoursHaveNoSeriousAccessibilityProblem() {
        Setup s = bookedStudio();
        // axe is injected as a script: this context alone ignores the CSP to let it in
        Page phone = signedIn(s.studio(), AccessibilityTests.PHONE, true);
        PageChecks.accessible(phone, "/admin/calendar?view=day&date=" + tomorrow(), "colour-board-day");
        assertThat(style(phone.locator("[data-booking='" + s.yellowBooking() + "']"), "backgroundColor"))
                .isEqualTo(YELLOW_RGB);
        PageChecks.accessible(phone, "/admin/calendar?view=week&date=" + tomorrow(), "colour-board-week");
        PageChecks.accessible(phone, "/admin/services", "colour-services");
        PageChecks.accessible(phone, "/admin/services/" + s.yellow(), "colour-service-form");
        Page wide = signedIn(s.studio(), 1280, true);
        PageChecks.accessible(wide, "/admin/calendar?view=day&date=" + tomorrow(), "colour-board-day-wide");
    }

    // --- the services desk ---

    @Test
    void theOwnerGivesAServiceAColourOnItsFormSeesItListedAndClearsIt() {
        TestStudio studio = new TestStudio(api);
        String id = studio.service().named("Mastering").create();
        Page page = signedIn(studio, 1280, false);

        page.navigate("/admin/services/" + id);
        page.getByLabel("Colour code (#rrggbb)").fill("#FFCC00");
        // the script keeps the picker in step with the code
        assertThat(page.getByLabel("Pick a colour")).hasValue(YELLOW);
        click(page, "Save service");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Service saved");
        assertThat(service(studio, id).get("color").asString()).isEqualTo(YELLOW);

        page.navigate("/admin/services");
        Locator row = page.locator("#service-" + id);
        assertThat(row).containsText(YELLOW);
        assertThat(row.locator("svg.swatch rect")).hasAttribute("fill", YELLOW);

        page.navigate("/admin/services/" + id);
        assertThat(page.getByLabel("Colour code (#rrggbb)")).hasValue(YELLOW);
        page.getByLabel("Colour code (#rrggbb)").fill("");
        click(page, "Save service");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Service saved");
        assertThat(service(studio, id).get("color").isNull()).isTrue();
        page.navigate("/admin/services");
        assertThat(page.locator("#service-" + id)).containsText("Chosen by the board");
    }

    @Test
    void thePickerAloneSetsTheColourWithoutJavaScript() {
        TestStudio studio = new TestStudio(api);
        String id = studio.service().named("Tracking").create();

        Api.Response saved = form("/admin/services/" + id, studio.owner(), serviceForm("", "#aa0000"));

        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(service(studio, id).get("color").asString()).isEqualTo("#aa0000");
    }

    @Test
    void aBadColourIsRefusedNextToItsFieldAndNothingIsSaved() {
        TestStudio studio = new TestStudio(api);
        String id = studio.service().named("Tracking").create();
        api.patch("/api/admin/services/" + id, json("color", "#123456"), studio.owner())
                .expect(200);

        for (String bad : List.of("red", "#12345", "#gggggg")) {
            Api.Response refused = form("/admin/services/" + id, studio.owner(), serviceForm(bad, null));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body())
                    .as(bad)
                    .contains("Colour on the calendar must be a colour code as #rrggbb")
                    .contains("id=\"color-error\"");
        }
        Api.Response created = form("/admin/services", studio.owner(), serviceForm("red", null));
        assertThat(created.status()).isEqualTo(400);
        assertThat(service(studio, id).get("color").asString()).isEqualTo("#123456");
        assertThat(api.get("/api/admin/services", studio.owner()).json().size()).isEqualTo(1);
    }

    @Test
    void mostBookingsADayIsAtMostAThousandOnTheForm() {
        TestStudio studio = new TestStudio(api);
        String id = studio.service().named("Tracking").create();

        Api.Response thousand = form("/admin/services/" + id, studio.owner(), with(serviceForm("", null), "1000"));
        assertThat(thousand.status()).as(thousand.body()).isEqualTo(302);
        assertThat(service(studio, id).get("max_per_day").asInt()).isEqualTo(1000);

        for (String bad : List.of("1001", "99999999999", "9223372036854775807")) {
            Api.Response refused = form("/admin/services/" + id, studio.owner(), with(serviceForm("", null), bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains("Most bookings a day must be between 1 and 1000");
        }
        for (String bad : List.of("0", "-1")) {
            Api.Response refused = form("/admin/services/" + id, studio.owner(), with(serviceForm("", null), bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains("Most bookings a day must be between 1 and 1000");
        }
        assertThat(service(studio, id).get("max_per_day").asInt()).isEqualTo(1000);
    }

    @Test
    void aHugeAmountIsCalledTooLargeAndNamesItsField() {
        TestStudio studio = new TestStudio(api);
        String id = studio.service().named("Tracking").create();
        String[] huge = serviceForm("", null);
        huge[5] = "99999999999999999999"; // the price

        Api.Response price = form("/admin/services/" + id, studio.owner(), huge);
        assertThat(price.status()).isEqualTo(400);
        assertThat(price.body()).contains("Price (CAD) must be between 0 and 100000000.00");

        Api.Response rate = form(
                "/admin/staff",
                studio.owner(),
                "name",
                "Grace",
                "email",
                "grace-" + java.util.UUID.randomUUID() + "@example.test",
                "hourly_rate",
                "99999999999999999999",
                "active",
                "on");
        assertThat(rate.status()).isEqualTo(400);
        assertThat(rate.body())
                .contains("Hourly rate (CAD) is too large: type a smaller number")
                .doesNotContain("decimals");
        assertThat(api.get("/api/admin/staff", studio.owner()).json().size()).isZero();
    }

    // --- the desk's navigation ---

    @Test
    void ownersAndAdminsWhoWorkSessionsSeeMySessionsInTheDeskNavigation() {
        TestStudio studio = new TestStudio(api);
        assertThat(deskNav(studio.owner())).doesNotContain("href=\"/staff\"");

        // a staff member made admin keeps their staff profile
        String email = "lead-" + java.util.UUID.randomUUID() + "@example.test";
        api.post(
                        "/api/admin/staff",
                        json("email", email, "name", "Lead Engineer", "password", "engineer-password"),
                        studio.owner())
                .expect(201);
        String staffToken = api.login(email, "engineer-password", studio.slug());
        api.patch("/api/admin/team/" + studio.userId(staffToken), json("role", "admin"), studio.owner())
                .expect(200);
        String admin = api.login(email, "engineer-password", studio.slug());
        assertThat(deskNav(admin)).contains("href=\"/staff\"").contains("My sessions");
        assertThat(page("/staff", admin).status()).isEqualTo(200);

        // the owner takes sessions too
        api.post("/api/admin/staff", json("email", studio.ownerEmail(), "name", "Owner"), studio.owner())
                .expect(201);
        assertThat(deskNav(studio.owner())).contains("href=\"/staff\"").contains("My sessions");
    }

    @Test
    void theMySessionsLinkIsInTheNavigationOfADeskPageInTheBrowser() {
        TestStudio studio = new TestStudio(api);
        api.post("/api/admin/staff", json("email", studio.ownerEmail(), "name", "Owner"), studio.owner())
                .expect(201);
        Page page = signedIn(studio, 1280, false);

        page.navigate("/admin/services");
        Locator mine = page.locator("nav.desk-nav")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My sessions"));
        assertThat(mine).hasAttribute("href", "/staff");
        mine.click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/staff$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .containsText("My sessions");
    }

    // --- helpers ---

    /** The desk navigation of {@code /admin} as {@code token} sees it. */
    private String deskNav(String token) {
        Api.Response today = page("/admin", token);
        assertThat(today.status()).isEqualTo(200);
        String body = today.body();
        int start = body.indexOf("class=\"desk-nav\"");
        assertThat(start).isPositive();
        return body.substring(start, body.indexOf("</nav>", start));
    }

    /** The services form as the page sends it: {@code color} typed, {@code picker} (null: the default). */
    private static String[] serviceForm(String color, String picker) {
        return new String[] {
            "name",
            "Tracking",
            "default_duration_min",
            "60",
            "price",
            "50",
            "pricing_model",
            "per_block",
            "max_per_day",
            "",
            "color",
            color,
            "color_was",
            "",
            "color_picker",
            picker == null ? "#5b3cc4" : picker,
            "active",
            "on"
        };
    }

    private static String[] with(String[] form, String maxPerDay) {
        form[9] = maxPerDay;
        return form;
    }

    private static String style(Locator element, String property) {
        return (String) element.evaluate("(el, p) => getComputedStyle(el)[p]", property);
    }

    private static void click(Page page, String button) {
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(button).setExact(true))
                .click();
    }

    private JsonNode service(TestStudio studio, String id) {
        return api.get("/api/admin/services/" + id, studio.owner()).expect(200).json();
    }

    private Api.Response page(String path, String token) {
        return api.send("GET", path, null, token, Map.of("Accept", "text/html"));
    }

    private Api.Response form(String path, String token, String... namesAndValues) {
        String body = IntStream.range(0, namesAndValues.length / 2)
                .mapToObj(i -> encode(namesAndValues[2 * i]) + "=" + encode(namesAndValues[2 * i + 1]))
                .collect(Collectors.joining("&"));
        return api.send(
                "POST",
                path,
                body,
                token,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Page signedIn(TestStudio studio, int width, boolean bypassCsp) {
        if (browser != null) {
            browser.close();
        }
        browser = Browser.open(api, studio, width, bypassCsp);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, studio.owner())
                .setUrl(api.uri("/").toString())
                .setHttpOnly(true)));
        return browser.newPage();
    }
}
