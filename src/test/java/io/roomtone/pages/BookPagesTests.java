package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Browser;
import io.roomtone.support.MovableClock;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * The booking step in a real Chromium, through the real server on the embedded database: choosing a
 * slot, holding it (with an account created inline), add-ons with a live price, the policy, the
 * request, the hold running out and a slot taken by someone else. Bad input over plain HTTP.
 */
@RoomtoneTest
class BookPagesTests {

    /** The application clock, moved forward to let a hold run out without waiting for it. */
    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    static final int PHONE = 360;
    static final String PASSWORD = "Blue-tape-reels-42";
    static final Pattern HOLD_PAGE = Pattern.compile(".*/book/[0-9a-f-]{36}(\\?.*)?$");
    static final Pattern SENT_PAGE = Pattern.compile(".*/book/sent/([0-9a-f-]{36})$");

    @Autowired
    Api api;

    @Autowired
    MovableClock clock;

    @Autowired
    io.roomtone.support.AccountMailbox mailbox;

    final List<BrowserContext> browsers = new ArrayList<>();
    TestStudio studio;
    String room;
    String service;
    String addOn;
    TestStudio.Engineer engineer;

    @BeforeEach
    void openStudio() {
        clock.reset();
        studio = new TestStudio(api).openWithApproval();
        room = studio.namedRoom("Live Room", "#3366ff", "vocal");
        engineer = studio.engineer("mixing");
        service = studio.service()
                .named("Recording")
                .inRoomsTagged("vocal")
                .withEngineerSkilled("mixing")
                .asking(
                        Map.of("key", "project", "label", "Band or project", "type", "text", "required", false),
                        Map.of(
                                "key",
                                "genre",
                                "label",
                                "Genre",
                                "type",
                                "select",
                                "required",
                                false,
                                "options",
                                List.of("Rock", "Jazz")),
                        Map.of(
                                "key",
                                "own_drive",
                                "label",
                                "I bring my own drive",
                                "type",
                                "checkbox",
                                "required",
                                false))
                .create();
        addOn = studio.addOn(2_500);
    }

    @AfterEach
    void close() {
        clock.reset();
        browsers.forEach(BrowserContext::close);
    }

    private Page page(BrowserContext context) {
        browsers.add(context);
        return context.newPage();
    }

    // --- scenario 1: an artist books a two-hour session with an engineer and an add-on ---

    @Test
    void anArtistBooksATwoHourSessionWithAnAddOnAndAnAccountCreatedInline() {
        Page page = page(Browser.open(api, studio));
        List<String> refused = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                refused.add(m.text());
            }
        });
        String day = LocalDate.now(TestStudio.ZONE).plusDays(2).toString();

        page.navigate("/");
        page.locator("#main")
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions()
                                .setName("Check availability")
                                .setExact(true))
                .click();
        // each change refreshes the filters in place: let one swap settle before the next change
        settle(page);
        page.getByLabel("Date").fill(day);
        settle(page);
        page.getByLabel("Length in minutes").fill("120");
        settle(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show free times"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*duration=120.*"));
        page.locator(".room-slots", new Page.LocatorOptions().setHasText("Live Room"))
                .locator(".slot")
                .first()
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/book\\?room=.*"));
        assertThat(page.locator(".summary")).containsText("Live Room");
        assertThat(page.locator(".summary")).containsText("08:00–10:00");
        assertThat(page.locator(".summary")).containsText("Studio time, America/Toronto");
        assertThat(page.locator(".summary")).containsText("2 h");
        assertThat(page.locator("#price")).containsText("CA$226.00"); // 200.00 + 13 % tax
        page.evaluate("window.stillTheSamePage = true");
        settle(page);

        page.locator("#addon-" + addOn).fill("2");

        assertThat(page.locator("#price")).containsText("2 × ");
        assertThat(page.locator("#price")).containsText("CA$282.50"); // (200 + 2 × 25) × 1.13
        assertThat(page.locator("#price")).containsText("CA$70.63"); // 25 % deposit, half-up
        assertThat((Boolean) page.evaluate("window.stillTheSamePage === true"))
                .as("the price was refreshed in place")
                .isTrue();
        assertThat(page.locator(".policy")).containsText("The studio confirms every request");

        String email = "artist-" + UUID.randomUUID() + "@example.test";
        page.getByLabel("Name").fill("Ada Artist");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Phone").fill("+1 416 555 0100");
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue and hold this slot"))
                .click();
        // a registration signs nobody in (it must not tell whether the address had an account): the
        // confirmation mail's link does, and brings the artist back to this slot with its add-ons
        assertThat(page.locator("main")).containsText("brings you back to the session you chose");
        confirmFromMail(page, email);
        assertThat(page.locator("#addon-" + addOn)).hasValue("2");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hold this slot"))
                .click();

        assertThat(page).hasURL(HOLD_PAGE);
        assertThat(page.locator(".hold")).containsText("Held for you until");
        assertThat(page.locator("[data-countdown-text]")).hasText(Pattern.compile("1?[0-9]:[0-5][0-9] left"));
        assertThat(page.locator(".summary")).containsText("Engineer");
        assertThat(page.locator("#addon-" + addOn)).hasValue("2");
        assertThat(page.locator("#price")).containsText("CA$282.50");
        assertThat(page.locator(".viewer")).containsText("Ada Artist");
        page.getByLabel("Notes for the studio").fill("Bring the tape machine warm.");
        page.getByLabel("Band or project (optional)").fill("The <b>Tapes</b>");
        page.getByLabel("Genre (optional)").selectOption("Jazz");
        page.getByLabel("I bring my own drive (optional)").check();
        page.getByLabel("I have read the cancellation").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                .click();

        assertThat(page).hasURL(SENT_PAGE);
        assertThat(page.locator("h1")).hasText("Request sent — awaiting approval");
        String code = page.locator(".code").textContent().strip();
        assertThat(code).isNotBlank();
        assertThat(page.locator("main")).containsText("The studio answers by");
        assertThat(page.locator("main a[href='/me/bookings']")).isVisible();
        assertThat(page.locator(".answers")).containsText("The <b>Tapes</b>");
        assertThat(page.locator(".answers")).containsText("Yes");

        String bookingId = SENT_PAGE.matcher(page.url()).replaceFirst("$1");
        JsonNode booking = api.get("/api/bookings/" + bookingId, studio.owner())
                .expect(200)
                .json();
        assertThat(booking.get("code").asString()).isEqualTo(code);
        assertThat(booking.get("status").asString()).isEqualTo("awaiting_approval");
        assertThat(booking.get("notes").asString()).isEqualTo("Bring the tape machine warm.");
        assertThat(booking.get("total_cents").asLong()).isEqualTo(28_250);
        assertThat(booking.get("deposit_cents").asLong()).isEqualTo(7_063);
        assertThat(booking.get("staff_ids").get(0).asString()).isEqualTo(engineer.id());
        JsonNode lines = booking.get("lines");
        assertThat(lines.size()).isEqualTo(2);
        assertThat(lines.get(1).get("service_id").asString()).isEqualTo(addOn);
        assertThat(lines.get(1).get("quantity").asInt()).isEqualTo(2);
        JsonNode answers = booking.get("custom_fields");
        assertThat(answers.findValuesAsString("key")).containsExactly("project", "genre", "own_drive");
        assertThat(answers.get(0).get("value").asString()).isEqualTo("The <b>Tapes</b>");
        assertThat(answers.get(1).get("value").asString()).isEqualTo("Jazz");
        assertThat(answers.get(2).get("value").asBoolean()).isTrue();
        assertThat(refused).as("nothing refused by the Content-Security-Policy").isEmpty();
    }

    // --- scenario 5: the hold runs out; another client takes the slot; alternatives ---

    @Test
    void aHoldThatRunsOutOffersToHoldAgainAndASlotTakenMeanwhileOffersAlternatives() {
        studio.updateSettings("hold_minutes", 1);
        String slot = bookLink(2, 14, 16);
        Page first = page(Browser.open(api, studio));
        first.navigate(slot);
        createAccount(first, "First Artist");
        assertThat(first).hasURL(HOLD_PAGE);
        assertThat(first.locator("[data-countdown-text]")).hasText(Pattern.compile("[01]:[0-5][0-9] left"));

        // 50 of the 60 seconds pass at once: the page counts down the last ten live
        clock.shift(Duration.ofSeconds(50));
        first.reload();
        assertThat(first.locator("[data-countdown-text]")).hasText(Pattern.compile("0:(0[0-9]|10) left"));
        assertThat(first.locator("[data-countdown-expired]")).isHidden();
        assertThat(first.getByText("Your hold has run out"))
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                        .setTimeout(20_000));
        assertThat(first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hold again")))
                .isVisible();

        // for the server too, a while later; another client books the slot meanwhile
        clock.shift(Duration.ofSeconds(75));
        first.reload();
        assertThat(first.locator(".hold-expired .problem")).hasText(Pattern.compile("Your hold has run out.*"));
        Page second = page(Browser.open(api, studio));
        second.navigate(slot);
        createAccount(second, "Second Artist");
        assertThat(second).hasURL(HOLD_PAGE);
        second.getByLabel("I have read the cancellation").check();
        second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                .click();
        assertThat(second).hasURL(SENT_PAGE);

        first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hold again"))
                .click();

        assertThat(first.locator("#taken-heading")).hasText("This slot is no longer free");
        Locator alternatives = first.locator(".taken .alternative");
        assertThat(alternatives.first()).isVisible();
        assertThat(alternatives.count()).isBetween(3, 6);
        // the nearest in the same room first: just before or just after the booked 14:00-16:00
        assertThat(alternatives.first())
                .hasAttribute("aria-label", Pattern.compile("^(12|16):00 to (14|18):00, .*Live Room$"));
        alternatives.first().click();
        assertThat(first).hasURL(Pattern.compile(".*/book\\?room=" + room + ".*"));
        assertThat(first.locator(".summary")).containsText("Live Room");
    }

    // --- the keyboard alone, from the availability page to the request sent; notes escaped ---

    @Test
    void keyboardAloneBooksFromTheAvailabilityPageAndNotesRenderAsText() {
        Page page = page(Browser.open(api, studio));
        List<String> dialogs = new ArrayList<>();
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        page.navigate("/availability?date=" + LocalDate.now(TestStudio.ZONE).plusDays(3) + "&duration=120");

        tabTo(page, "document.activeElement.classList.contains('slot')");
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile(".*/book\\?room=.*"));

        tabTo(page, "document.activeElement.id === 'addon-" + addOn + "'");
        page.keyboard().press("ArrowUp");
        assertThat(page.locator("#price")).containsText("1 × ");
        tabTo(page, "document.activeElement.id === 'name'");
        page.keyboard().type("Kay Board");
        page.keyboard().press("Tab");
        String email = "kay-" + UUID.randomUUID() + "@example.test";
        page.keyboard().type(email);
        tabTo(page, "document.activeElement.id === 'password'");
        page.keyboard().type(PASSWORD);
        tabTo(page, "document.activeElement.textContent.trim() === 'Continue and hold this slot'");
        page.keyboard().press("Enter");
        // the confirmation mail's link (opened as from the mail), then the keyboard again
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Check your e-mail")))
                .isVisible();
        page.navigate(mailbox.confirmationLink(email));
        tabTo(page, "document.activeElement.textContent.trim() === 'Confirm and sign in'");
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile(".*/book\\?room=.*"));
        tabTo(page, "document.activeElement.textContent.trim() === 'Hold this slot'");
        page.keyboard().press("Enter");
        assertThat(page).hasURL(HOLD_PAGE);

        tabTo(page, "document.activeElement.id === 'notes'");
        page.keyboard().type("<script>alert(1)</script>");
        tabTo(page, "document.activeElement.id === 'ack'");
        page.keyboard().press("Space");
        tabTo(page, "document.activeElement.textContent.trim() === 'Send request'");
        page.keyboard().press("Enter");

        assertThat(page).hasURL(SENT_PAGE);
        assertThat(page.locator("h1")).hasText("Request sent — awaiting approval");
        assertThat(page.locator(".notes")).hasText("<script>alert(1)</script>");
        assertThat(page.locator(".price-table")).containsText("1 × ");
        assertThat(dialogs).as("no script ran").isEmpty();
    }

    // --- without JavaScript: every step is a plain form ---

    @Test
    void theWholeStepWorksWithoutJavaScript() {
        Page page = page(Browser.openWithoutJavaScript(api, studio));
        page.navigate("/availability?date=" + LocalDate.now(TestStudio.ZONE).plusDays(4) + "&duration=120");
        page.locator(".slot").first().click();
        page.locator("#addon-" + addOn).fill("3");
        createAccount(page, "Noah Script");

        assertThat(page).hasURL(HOLD_PAGE);
        assertThat(page.locator(".hold")).containsText("Held for you until");
        assertThat(page.locator("#price")).containsText("3 × ");
        assertThat(page.locator("#price")).containsText("CA$310.75"); // (200 + 75) × 1.13

        // the acknowledgement is required: refused next to its checkbox, nothing booked
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                .click();
        assertThat(page.locator("#ack-error")).containsText("Please confirm");
        assertThat(page.getByLabel("I have read the cancellation")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#addon-" + addOn)).hasValue("3");

        page.getByLabel("I have read the cancellation").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                .click();
        assertThat(page).hasURL(SENT_PAGE);
        assertThat(page.locator("h1")).hasText("Request sent — awaiting approval");
        assertThat(page.locator(".price-table")).containsText("CA$310.75");
    }

    // --- axe and a 360 px screenshot of every step ---

    @Test
    void everyStepHasNoSeriousAccessibilityProblemAndFitsAPhone() {
        studio.updateSettings("hold_minutes", 1);
        Page page = page(Browser.open(api, studio, PHONE, true));
        String slot = bookLink(2, 10, 12);

        check(page, slot, "book-signed-out");
        page.locator("#addon-" + addOn).fill("101");
        page.locator("#price .problem").waitFor();
        check(page, null, "book-addon-refused");
        page.locator("#addon-" + addOn).fill("1");
        // a refused account: the problem next to its field, the choice and add-ons kept
        page.getByLabel("Email").fill("not-an-email");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue and hold this slot"))
                .click();
        assertThat(page.locator("#email-error")).isVisible();
        assertThat(page.locator("#addon-" + addOn)).hasValue("1");
        check(page, null, "book-account-refused");
        createAccount(page, "Axe Artist");
        String hold = page.url();
        check(page, null, "book-hold");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                .click();
        check(page, null, "book-hold-missing-ack");
        page.getByLabel("I have read the cancellation").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                .click();
        assertThat(page).hasURL(SENT_PAGE);
        check(page, null, "book-sent");

        // the same slot again, now booked: the hold is refused with the nearest free times
        page.navigate(slot);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hold this slot"))
                .click();
        assertThat(page.locator("#taken-heading")).isVisible();
        check(page, null, "book-taken");

        page.navigate(bookLink(3, 10, 12));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hold this slot"))
                .click();
        assertThat(page).hasURL(HOLD_PAGE);
        clock.shift(Duration.ofMinutes(2));
        check(page, page.url().replaceFirst("^https?://[^/]+", ""), "book-hold-expired");
        assertThat(page.locator(".hold-expired")).isVisible();
        assertThat(hold).matches(HOLD_PAGE);
    }

    // --- bad input over HTTP: 4xx naming the problem, nothing written ---

    @Test
    void badInputToTheHoldIsRefusedNamingTheProblemAndHoldsNothing() {
        String client = studio.client();
        String start = TestStudio.at(2, 10);
        String end = TestStudio.at(2, 12);
        TestStudio other = new TestStudio(api).openWithApproval();
        String otherRoom = other.room();
        String otherAddOn = other.addOn(1_000);
        String choice = "service=" + service + "&start=" + enc(start) + "&end=" + enc(end);

        expectRefused(
                postForm("/book/hold", "room=" + Api.UNKNOWN_ID + "&" + choice, client),
                400,
                "is not a room of this studio");
        expectRefused(
                postForm("/book/hold", "room=" + otherRoom + "&" + choice, client),
                400,
                "is not a room of this studio");
        expectRefused(postForm("/book/hold", "room=nope&" + choice, client), 400, "is not valid");
        String good = "room=" + room + "&" + choice;
        expectRefused(
                postForm("/book/hold", good + "&addon-" + addOn + "=-1", client), 400, "must be between 1 and 99");
        expectRefused(
                postForm("/book/hold", good + "&addon-" + addOn + "=100", client), 400, "must be between 1 and 99");
        expectRefused(
                postForm("/book/hold", good + "&addon-" + addOn + "=" + Long.MAX_VALUE, client),
                400,
                "must be a whole number");
        expectRefused(
                postForm("/book/hold", good + "&addon-" + otherAddOn + "=1", client),
                400,
                "is not an add-on of this studio");
        expectRefused(
                postForm(
                        "/book/hold",
                        "room=" + room + "&service=" + service + "&start=" + enc(end) + "&end=" + enc(start),
                        client),
                400,
                "must be after");
        expectRefused(
                postForm(
                        "/book/hold",
                        "room=" + room + "&service=" + service
                                + "&start=%2B999999999-01-01T10:00:00Z&end=%2B999999999-01-01T12:00:00Z",
                        client),
                400,
                "must be between 2000-01-01 and 9999-12-31");
        expectRefused(
                postForm(
                        "/book/hold",
                        "room=" + room + "&service=" + addOn + "&start=" + enc(start) + "&end=" + enc(end),
                        client),
                400,
                "is not a service of this studio");

        assertThat(studio.slotStarts(room, service, 2)).as("no hold was placed").contains(start);
    }

    @Test
    void badInputToTheRequestIsRefusedNamingTheProblemAndBooksNothing() {
        String client = studio.client();
        String start = TestStudio.at(2, 10);
        String good =
                "room=" + room + "&service=" + service + "&start=" + enc(start) + "&end=" + enc(TestStudio.at(2, 12));
        Response held = postForm("/book/hold", good, client);
        held.expect(302);
        String hold = held.header("Location")
                .orElseThrow()
                .replaceFirst("^https?://[^/]+", "")
                .replaceFirst("\\?.*", "");
        String request = hold + "/request";

        expectRefused(postForm(request, "notes=hi", client), 400, "Please confirm that you have read");
        expectRefused(
                postForm(request, "ack=yes&notes=" + "n".repeat(2001), client), 400, "must be at most 2000 characters");
        expectRefused(
                postForm(request, "ack=yes&addon-" + addOn + "=" + Long.MAX_VALUE, client),
                400,
                "must be a whole number");
        expectRefused(
                postForm(request, "ack=yes&addon-" + addOn + "=0&addon-" + addOn + "=2", client),
                400,
                "is given twice");
        expectRefused(postForm(request, "ack=yes&answer.genre=Polka", client), 400, "must be one of Rock, Jazz");
        expectRefused(
                postForm(request, "ack=yes&answer.project=" + "p".repeat(1001), client),
                400,
                "must be at most 1000 characters");
        expectRefused(
                postForm(request, "ack=yes&addon-" + Api.UNKNOWN_ID + "=1", client),
                400,
                "is not an add-on of this studio");
        String stranger = studio.client();
        expectRefused(postForm(request, "ack=yes", stranger), 404, "");
        expectRefused(api.send("GET", hold, null, stranger, Map.of("Accept", "text/html")), 404, "");
        expectRefused(postForm("/book/" + UUID.randomUUID() + "/request", "ack=yes", client), 404, "");
        expectRefused(postForm("/book/not-a-hold/request", "ack=yes", client), 404, "");
        assertThat(api.get("/api/me/bookings", client)
                        .expect(200)
                        .json()
                        .get("upcoming")
                        .size())
                .as("nothing booked")
                .isZero();

        // a cookie-authenticated form post needs its CSRF token
        Response forged = api.send(
                "POST",
                request,
                "ack=yes",
                null,
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Accept",
                        "text/html",
                        "Cookie",
                        "roomtone_session=" + client,
                        "X-Studio",
                        studio.slug()));
        forged.expect(403, "no CSRF token");

        Response booked = postForm(request, "ack=yes&notes=fine", client);
        booked.expect(302);
        String sent = booked.header("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertThat(sent).matches("/book/sent/[0-9a-f-]{36}");
        assertThat(api.send("GET", sent, null, client, Map.of("Accept", "text/html"))
                        .expect(200)
                        .body())
                .contains("Request sent — awaiting approval");
        expectRefused(api.send("GET", sent, null, stranger, Map.of("Accept", "text/html")), 404, "");
    }

    // --- helpers ---

    /** The /book link of a slot {@code daysAhead} from today, {@code from} to {@code to} o'clock. */
    private String bookLink(int daysAhead, int from, int to) {
        return "/book?room=" + room + "&service=" + service + "&start=" + enc(TestStudio.at(daysAhead, from)) + "&end="
                + enc(TestStudio.at(daysAhead, to));
    }

    /**
     * Registers on the booking step, confirms the address with the mail's link (which comes back to
     * the slot, signed in) and holds the slot.
     */
    private void createAccount(Page page, String name) {
        String email = "artist-" + UUID.randomUUID() + "@example.test";
        page.getByLabel("Name").fill(name);
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue and hold this slot"))
                .click();
        confirmFromMail(page, email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hold this slot"))
                .click();
    }

    /** Follows the link of the confirmation mail to {@code email} and confirms: back on the slot, signed in. */
    private void confirmFromMail(Page page, String email) {
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Check your e-mail")))
                .isVisible();
        page.navigate(mailbox.confirmationLink(email));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm and sign in"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/book\\?.*"));
    }

    private Response postForm(String path, String body, String token) {
        return api.send(
                "POST",
                path,
                body,
                token,
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Accept",
                        "text/html",
                        "X-Studio",
                        studio.slug()));
    }

    private static void expectRefused(Response response, int status, String named) {
        response.expect(status, named);
        assertThat(response.body()).as("the page names the problem").contains(named);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void settle(Page page) {
        page.waitForFunction("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')");
        page.waitForTimeout(100);
    }

    /** Presses Tab until {@code focused} (a JavaScript condition) holds; fails after 80 presses. */
    private static void tabTo(Page page, String focused) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            page.keyboard().press("Tab");
            if (Boolean.TRUE.equals(page.evaluate("() => " + focused))) {
                return;
            }
            path.add((String) page.evaluate(
                    "document.activeElement.id || document.activeElement.textContent.trim().slice(0, 40)"));
        }
        throw new AssertionError("Tab never reached " + focused + "; focus went through " + path);
    }

    /** Axe (WCAG 2.2 A and AA) on the page (after loading {@code path}, if given) and a 360 px screenshot. */
    private static void check(Page page, String path, String name) {
        if (path != null) {
            page.navigate(path);
        }
        PageChecks.accessible(page, name);
    }
}
