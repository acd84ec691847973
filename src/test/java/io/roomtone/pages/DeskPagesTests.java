package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingView;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The studio desk (/admin, /admin/bookings, the approval queue, one booking, /admin/clients) in a
 * real Chromium with the studio's owner signed in; what the pages did is checked through the API.
 */
@RoomtoneTest
class DeskPagesTests {

    static final int PHONE = 360;
    static final int DESKTOP = 1280;
    static final String SCRIPT_NOTES = "<script>alert('notes')</script> bring drums";
    static final String IMG_NAME = "<img src=x onerror=alert(1)>";

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
    void adminApprovesARequestFromTheQueueWithAMessageAndTheArtistSeesItConfirmed() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room();
        String service = studio.service().create();
        String artist = studio.client();
        BookedView request = studio.book(booking(room, service, at(2, 10), at(2, 12)), artist);
        assertThat(request.status()).isEqualTo("awaiting_approval");

        Page page = signedIn(studio, DESKTOP);
        page.navigate("/admin/bookings/queue");
        assertThat(page.locator("main")).containsText(request.code());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open " + request.code()))
                .click();
        page.getByLabel("Message to the client (optional)").fill("See you at ten, the kettle is on.");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Approve").setExact(true))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/admin/bookings/" + request.bookingId() + "\\?done=approve$"));
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Approved");
        assertThat(page.locator("h1 .chip")).hasText("Confirmed");
        assertThat(page.locator(".desk-timeline")).containsText("Approved");
        assertThat(page.locator(".desk-timeline")).containsText(studio.ownerEmail());
        BookingView seen = studio.booking(request.bookingId(), artist);
        assertThat(seen.status()).isEqualTo("confirmed");
        assertThat(seen.decisionMessage()).isEqualTo("See you at ten, the kettle is on.");
    }

    @Test
    void bulkDecisionsReportTheRequestThatWasDecidedMeanwhileAndDecideTheOthers() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room();
        String service = studio.service().create();
        List<BookedView> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(studio.book(booking(room, service, at(2, 9 + i), at(2, 10 + i)), studio.client()));
        }
        Page page = signedIn(studio, DESKTOP);
        page.navigate("/admin/bookings/queue");
        // meanwhile someone else approves the last one
        studio.approve(requests.get(2).bookingId(), "first come");
        requests.forEach(r -> page.locator("#pick-" + r.bookingId()).check());
        page.getByLabel("Approve").check();
        page.getByLabel("Message or reason").fill("Welcome!");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Decide the chosen requests"))
                .click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("2 of 3 approved.");
        assertThat(page.locator(".desk-outcomes li")
                        .filter(new Locator.FilterOptions()
                                .setHasText(requests.get(2).code())))
                .containsText("not decided");
        for (BookedView approved : requests.subList(0, 2)) {
            BookingView seen = studio.booking(approved.bookingId(), studio.owner());
            assertThat(seen.status()).isEqualTo("confirmed");
            assertThat(seen.decisionMessage()).isEqualTo("Welcome!");
        }
        assertThat(studio.booking(requests.get(2).bookingId(), studio.owner()).decisionMessage())
                .isEqualTo("first come");

        // bulk reject: one real reason for all
        List<BookedView> more = List.of(
                studio.book(booking(room, service, at(3, 9), at(3, 10)), studio.client()),
                studio.book(booking(room, service, at(3, 11), at(3, 12)), studio.client()));
        page.navigate("/admin/bookings/queue");
        more.forEach(r -> page.locator("#pick-" + r.bookingId()).check());
        page.getByLabel("Reject").check();
        page.getByLabel("Message or reason").fill("The studio is closed for repairs that week.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Decide the chosen requests"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("2 of 2 rejected.");
        for (BookedView rejected : more) {
            assertThat(studio.booking(rejected.bookingId(), studio.owner()).status())
                    .isEqualTo("rejected");
        }
    }

    @Test
    void theListPagesToItsLastBookingAndFilters() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room();
        String otherRoom = studio.room();
        String service = studio.service().create();
        String clientName = "Filter Client " + UUID.randomUUID().toString().substring(0, 8);
        String client = register(studio, clientName);
        List<BookedView> booked = new ArrayList<>();
        for (int day = 1; day <= 2; day++) {
            for (int hour = 9; hour < 15; hour++) {
                booked.add(studio.book(booking(room, service, at(day, hour), at(day, hour + 1)), client));
            }
        }
        BookedView elsewhere = studio.book(booking(otherRoom, service, at(3, 9), at(3, 10)), studio.client());
        BookedView earliest = booked.get(0);

        Page page = signedIn(studio, DESKTOP);
        page.navigate("/admin/bookings?size=10");
        assertThat(page.locator(".pager .count")).hasText("Page 1 of 2 · 13 bookings");
        assertThat(page.locator(".desk-table tbody tr")).hasCount(10);
        assertThat(page.locator(".desk-table tbody tr").first()).containsText(elsewhere.code());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next page"))
                .click();
        assertThat(page.locator(".pager .count")).hasText("Page 2 of 2 · 13 bookings");
        assertThat(page.locator(".desk-table tbody tr")).hasCount(3);
        assertThat(page.locator(".desk-table tbody tr").last()).containsText(earliest.code());
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next page")))
                .hasCount(0);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Previous page")))
                .isVisible();

        // the JSON list pages the same way when asked to, and answers as before when not
        Api.Response first =
                api.get("/api/admin/bookings?limit=10", studio.owner()).expect(200);
        assertThat(first.json().size()).isEqualTo(10);
        assertThat(first.header("X-Total-Count")).contains("13");
        String next = first.header("Link").orElseThrow().replaceAll("^<[^/]+//[^/]+(/[^>]+)>; rel=\"next\"$", "$1");
        Api.Response last = api.get(next, studio.owner()).expect(200);
        assertThat(last.json().size()).isEqualTo(3);
        assertThat(last.json().get(2).get("code").asString()).isEqualTo(elsewhere.code());
        assertThat(last.header("Link")).isEmpty();
        Api.Response legacy = api.get("/api/admin/bookings", studio.owner()).expect(200);
        assertThat(legacy.json().size()).isEqualTo(13);
        assertThat(legacy.header("X-Total-Count")).isEmpty();
        assertThat(api.get("/api/admin/bookings?limit=0", studio.owner()).invalidFields())
                .containsExactly("limit");

        // by code, typed in lower case without its dash
        page.navigate("/admin/bookings");
        page.getByLabel("Booking code").fill(earliest.code().replace("-", "").toLowerCase());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show bookings"))
                .click();
        assertThat(page.locator(".desk-table tbody tr")).hasCount(1);
        assertThat(page.locator(".desk-table tbody tr")).containsText(earliest.code());
        // by room
        page.navigate("/admin/bookings");
        page.getByLabel("Room").selectOption(otherRoom);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show bookings"))
                .click();
        assertThat(page.locator(".pager .count")).hasText("Page 1 of 1 · 1 booking");
        // by client, part of the name
        page.navigate("/admin/bookings");
        page.getByLabel("Client", new Page.GetByLabelOptions().setExact(true))
                .fill(clientName.substring(7).toLowerCase());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show bookings"))
                .click();
        assertThat(page.locator(".pager .count")).hasText("Page 1 of 1 · 12 bookings");
        // by status, after one is canceled
        studio.cancel(booked.get(5).bookingId(), "changed plans", studio.owner());
        page.navigate("/admin/bookings");
        page.getByLabel("Status").selectOption("canceled");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show bookings"))
                .click();
        assertThat(page.locator(".desk-table tbody tr")).hasCount(1);
        assertThat(page.locator(".desk-table tbody tr"))
                .containsText(booked.get(5).code());
        // by session day
        String dayTwo = LocalDate.now(TestStudio.ZONE).plusDays(2).toString();
        page.navigate("/admin/bookings?from=" + dayTwo + "&to=" + dayTwo);
        assertThat(page.locator(".pager .count")).hasText("Page 1 of 1 · 6 bookings");
        assertThat(page.getByLabel("From (session day)")).hasValue(dayTwo);
    }

    @Test
    void clientsAreFoundCreatedAndCorrected() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Page page = signedIn(studio, DESKTOP);

        page.navigate("/admin/clients");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Walk In " + tag);
        page.getByLabel("Email (optional)", new Page.GetByLabelOptions().setExact(true))
                .fill("walk-" + tag + "@example.test");
        page.getByLabel("Phone (optional)").fill("+1 (416) 555-0199");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create client"))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/admin/clients/[0-9a-f-]{36}\\?done=created$"));
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Client created.");
        var stored = api.get("/api/admin/clients?q=" + tag, studio.owner())
                .expect(200)
                .json()
                .get("items");
        assertThat(stored.size()).isEqualTo(1);
        assertThat(stored.get(0).get("phone").asString()).isEqualTo("+14165550199");
        String id = stored.get(0).get("id").asString();

        page.navigate("/admin/clients");
        page.getByLabel("Name, email or phone").fill("416 555 0199");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Walk In " + tag))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/admin/clients/" + id + "$"));

        page.getByLabel("Phone (optional)").fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Contact details saved.");
        assertThat(api.get("/api/admin/clients/" + id, studio.owner())
                        .expect(200)
                        .json()
                        .get("phone")
                        .isNull())
                .isTrue();

        // the same address again is refused next to the field, and nothing is created
        page.navigate("/admin/clients");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Someone Else");
        page.getByLabel("Email (optional)", new Page.GetByLabelOptions().setExact(true))
                .fill("WALK-" + tag + "@example.test");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create client"))
                .click();
        assertThat(page.locator("#email-error")).containsText("already used");
        assertThat(api.get("/api/admin/clients?q=" + tag, studio.owner())
                        .expect(200)
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void todayOnAnEmptyStudioSaysWhatToSetUp() {
        TestStudio studio = new TestStudio(api);
        studio.engineer("mixing");
        Page page = signedIn(studio, DESKTOP);
        page.navigate("/admin");

        Locator warnings = page.locator(".desk-warnings");
        assertThat(warnings).containsText("No opening hours yet");
        assertThat(warnings.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("add them in Schedule")))
                .hasAttribute("href", "/admin/schedule");
        assertThat(warnings).containsText("No rooms yet");
        assertThat(warnings).containsText("No services yet");
        assertThat(warnings).containsText("Engineer has no working hours");
        assertThat(page.locator(".empty")).hasCount(2);
        assertThat(page.locator(".desk-queue")).hasText("No requests await approval");
    }

    @Test
    void todayListsSessionsAndRequestsCloseToTheirDeadline() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room();
        String service = studio.service().create();
        // a request decided within the next 24 hours whatever the hour the test runs at (tomorrow
        // 10:00 is 34 hours away just after midnight): tonight before noon, tomorrow morning after
        boolean morning = java.time.LocalTime.now(TestStudio.ZONE).getHour() < 12;
        int day = morning ? 0 : 1;
        int hour = morning ? 21 : 10;
        BookedView soon = studio.book(booking(room, service, at(day, hour), at(day, hour + 1)), studio.client());
        BookedView later = studio.book(booking(room, service, at(5, 10), at(5, 11)), studio.client());
        Page page = signedIn(studio, DESKTOP);
        page.navigate("/admin");

        assertThat(page.locator(".desk-queue")).containsText("2 requests await approval");
        assertThat(page.locator(".desk-due")).containsText(soon.code());
        assertThat(page.locator(".desk-due")).not().containsText(later.code());
        Locator itsDay = page.locator("section[aria-labelledby='day-" + day + "']");
        assertThat(itsDay.locator("h2")).containsText(morning ? "Today" : "Tomorrow");
        assertThat(itsDay.locator(".desk-session")).containsText(soon.code());
        assertThat(itsDay.locator(".desk-session .chip")).hasText("Awaiting approval");
        assertThat(page.locator(".desk-warnings")).not().containsText("No opening hours");
    }

    @Test
    void whatUsersTypedRendersAsTextOnEveryDeskPage() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room();
        String service = studio.service().create();
        String artist = register(studio, IMG_NAME);
        BookedView request =
                studio.book(booking(room, service, at(1, 10), at(1, 11)).with("notes", SCRIPT_NOTES), artist);
        String clientId = studio.userId(artist);

        Page page = signedIn(studio, DESKTOP);
        AtomicBoolean dialog = new AtomicBoolean();
        page.onDialog(d -> {
            dialog.set(true);
            d.dismiss();
        });
        for (String path : List.of(
                "/admin",
                "/admin/bookings",
                "/admin/bookings/queue",
                "/admin/bookings/" + request.bookingId(),
                "/admin/clients?q=img",
                "/admin/clients/" + clientId)) {
            page.navigate(path);
            assertThat(page.locator("main")).containsText(IMG_NAME);
            assertThat(page.locator("main img")).hasCount(0);
            assertThat(page.locator("main script")).hasCount(0);
        }
        page.navigate("/admin/bookings/" + request.bookingId());
        assertThat(page.locator(".desk-notes")).hasText(SCRIPT_NOTES);
        assertThat(dialog.get()).as("no script of a user ran").isFalse();
    }

    @Test
    void everyDeskPageHasNoSeriousAccessibilityProblemAndFitsAPhone() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.namedRoom("Live Room with a rather long name for a small screen", "#3366ff", "vocal");
        String service =
                studio.service().named("Recording").inRoomsTagged("vocal").create();
        studio.engineer("mixing");
        String artist = studio.client();
        BookedView request = studio.book(
                booking(room, service, at(1, 10), at(1, 12)).with("notes", "Two vocalists, one guitar"), artist);
        studio.book(booking(room, service, at(2, 10), at(2, 12)), artist);
        String clientId = studio.userId(artist);

        for (int width : List.of(PHONE, DESKTOP)) {
            browser = Browser.open(api, studio, width, true);
            signIn(browser, studio.owner());
            Page page = browser.newPage();
            check(page, "/admin", "desk-today", width);
            check(page, "/admin/bookings", "desk-bookings", width);
            check(page, "/admin/bookings?from=not-a-day&page=0", "desk-bookings-invalid", width);
            check(page, "/admin/bookings/queue", "desk-queue", width);
            check(page, "/admin/bookings/" + request.bookingId(), "desk-booking", width);
            check(page, "/admin/clients", "desk-clients", width);
            check(page, "/admin/clients/" + clientId, "desk-client", width);
            // a refused form: the problem next to its field
            page.navigate("/admin/bookings/" + request.bookingId());
            page.getByRole(
                            AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Reject").setExact(true))
                    .evaluate("button => button.form.noValidate = true");
            page.getByRole(
                            AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Reject").setExact(true))
                    .click();
            assertThat(page.locator("#reject-reason-error")).containsText("is required");
            analyze(page, "reject without a reason", "desk-booking-refused", width);
            // the bulk result page
            page.navigate("/admin/bookings/queue");
            page.locator("#pick-" + request.bookingId()).check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Decide the chosen requests"))
                    .click();
            analyze(page, "bulk result", "desk-queue-result", width);
            browser.close();
            browser = null;
            if (width == PHONE) {
                // the desktop round needs a request to decide again
                request = studio.book(booking(room, service, at(3, 10), at(3, 12)), artist);
            }
        }
    }

    // --- the forms over plain HTTP: bad input, other studios, roles, CSRF, races

    @Test
    void badInputOnEachFormIsA4xxPageAndChangesNothing() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room();
        String service = studio.service().create();
        BookedView request = studio.book(booking(room, service, at(2, 10), at(2, 11)), studio.client());
        String base = "/admin/bookings/" + request.bookingId();
        String owner = studio.owner();

        assertPage(form(base + "/approve", "message=" + "x".repeat(2001), owner), 400, "must be at most 2000");
        assertPage(form(base + "/reject", "reason=", owner), 400, "is required");
        assertPage(form(base + "/assign-staff", "staff=not-a-uuid", owner), 400, "is not valid");
        assertPage(form(base + "/assign-staff", "", owner), 400, "is required");
        assertPage(
                form(base + "/reschedule", "start=999999999-01-01T10:00&end=999999999-01-01T11:00", owner),
                400,
                "must be a date and time");
        assertPage(
                form(base + "/reschedule", "start=%2B999999999-01-01T10:00&end=%2B999999999-01-01T11:00", owner),
                400,
                "between the years 1 and 9999");
        assertPage(
                form(base + "/reschedule", "start=" + local(2, 12) + "&end=" + local(2, 15), owner),
                400,
                "keeps the session");
        assertPage(form(base + "/cancel", "reason=" + "x".repeat(2001), owner), 400, "must be at most 2000");
        assertPage(form(base + "/no-show", "", owner), 409, "cannot be marked as a no-show");
        BookingView unchanged = studio.booking(request.bookingId(), owner);
        assertThat(unchanged.status()).isEqualTo("awaiting_approval");
        assertThat(unchanged.startAt()).isEqualTo(at(2, 10));
        assertThat(unchanged.staffIds()).isEmpty();

        assertPage(form("/admin/bookings/queue", "decision=approve", owner), 400, "choose at least one request");
        assertPage(
                form("/admin/bookings/queue", "ids=" + request.bookingId() + "&decision=reject&text=", owner),
                400,
                "a reason is required");
        assertPage(form("/admin/bookings/queue", "ids=nope&decision=approve", owner), 400, "is not valid");
        assertThat(studio.booking(request.bookingId(), owner).status()).isEqualTo("awaiting_approval");

        assertPage(page("/admin/bookings?from=999999999-01-01", owner), 400, "must be a date");
        assertPage(page("/admin/bookings?from=%2B999999999-01-01", owner), 400, "between the years 1 and 9999");
        assertPage(page("/admin/bookings?from=2026-05-10&to=2026-05-01", owner), 400, "must not be before");
        assertPage(page("/admin/bookings?status=lost&room=nope&page=-1&size=100000", owner), 400, "must be one of");
        assertPage(page("/admin/bookings/queue?page=0", owner), 400, "must be a whole number");
        assertPage(page("/admin/clients?page=99999999999", owner), 400, "must be a whole number");
        assertPage(page(base + "x", owner), 400, null);

        String tag = UUID.randomUUID().toString().substring(0, 8);
        assertPage(
                form("/admin/clients", "name=" + tag + "&email=not-an-address&phone=", owner),
                400,
                "must be an email address");
        assertPage(form("/admin/clients", "name=&email=" + tag + "@example.test", owner), 400, "is required");
        assertThat(api.get("/api/admin/clients?q=" + tag, owner)
                        .expect(200)
                        .json()
                        .get("items")
                        .size())
                .isZero();
        String clientId = api.post(
                        "/api/admin/clients",
                        Api.json(
                                "name",
                                "Kept " + tag,
                                "email",
                                "kept-" + tag + "@example.test",
                                "phone",
                                "+1 416 555 0155"),
                        owner)
                .expect(201)
                .json()
                .get("id")
                .asString();
        assertPage(
                form("/admin/clients/" + clientId, "name=&email=kept-" + tag + "@example.test&phone=", owner),
                400,
                "is required");
        assertPage(
                form("/admin/clients/" + clientId, "name=Kept&email=" + studio.ownerEmail(), owner),
                409,
                "already used");
        var kept = api.get("/api/admin/clients/" + clientId, owner).expect(200).json();
        assertThat(kept.get("name").asString()).isEqualTo("Kept " + tag);
        assertThat(kept.get("phone").asString()).isEqualTo("+14165550155");
    }

    @Test
    void anotherStudiosBookingOrClientIsNotFound() {
        TestStudio mine = new TestStudio(api).openWithApproval();
        TestStudio theirs = new TestStudio(api).openWithApproval();
        BookedView theirBooking =
                theirs.book(booking(theirs.room(), theirs.service().create(), at(2, 10), at(2, 11)), theirs.client());
        String theirClient = theirs.userId(theirs.client());
        String base = "/admin/bookings/" + theirBooking.bookingId();

        assertPage(page(base, mine.owner()), 404, null);
        for (String action : List.of("/approve", "/reject", "/cancel", "/no-show", "/assign-staff", "/reschedule")) {
            assertPage(form(base + action, "reason=no&message=no", mine.owner()), 404, null);
        }
        assertPage(page("/admin/clients/" + theirClient, mine.owner()), 404, null);
        assertPage(form("/admin/clients/" + theirClient, "name=Taken", mine.owner()), 404, null);
        assertPage(
                form("/admin/bookings/queue", "ids=" + theirBooking.bookingId() + "&decision=approve", mine.owner()),
                200,
                "not decided");
        assertThat(theirs.booking(theirBooking.bookingId(), theirs.owner()).status())
                .isEqualTo("awaiting_approval");
    }

    @Test
    void onlyTheStudiosAdminsOpenTheDesk() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String staff = studio.engineer("mixing").token();
        String client = studio.client();
        for (String path : List.of(
                "/admin",
                "/admin/bookings",
                "/admin/bookings/queue",
                "/admin/clients",
                "/admin/bookings/" + Api.UNKNOWN_ID,
                "/admin/clients/" + Api.UNKNOWN_ID)) {
            assertThat(page(path, staff).status()).as("staff on %s", path).isEqualTo(403);
            assertThat(page(path, client).status()).as("a client on %s", path).isEqualTo(403);
            Api.Response anonymous =
                    api.send("GET", path, null, null, Map.of("Accept", "text/html", "X-Studio", studio.slug()));
            assertThat(anonymous.status()).as("signed out on %s", path).isEqualTo(302);
            assertThat(anonymous.header("Location").orElseThrow()).contains("/signin?next=");
        }
        assertThat(form("/admin/clients", "name=Sneaky&email=sneaky@example.test", staff)
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/admin/clients?q=sneaky", studio.owner())
                        .expect(200)
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void formsSignedInByCookieNeedTheCsrfToken() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        BookedView request =
                studio.book(booking(studio.room(), studio.service().create(), at(2, 10), at(2, 11)), studio.client());
        Api.Response forged = api.send(
                "POST",
                "/admin/bookings/" + request.bookingId() + "/approve",
                "message=forged",
                null,
                Map.of(
                        "Accept",
                        "text/html",
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Cookie",
                        RequestAuthentication.SESSION_COOKIE + "=" + studio.owner(),
                        "X-Studio",
                        studio.slug()));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(studio.booking(request.bookingId(), studio.owner()).status()).isEqualTo("awaiting_approval");
    }

    @Test
    void eightParallelApprovalsOfOneRequestApproveItOnce() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        BookedView request =
                studio.book(booking(studio.room(), studio.service().create(), at(2, 10), at(2, 11)), studio.client());
        List<Api.Response> answers = io.roomtone.support.Parallel.send(
                8,
                i -> form("/admin/bookings/" + request.bookingId() + "/approve", "message=yes+" + i, studio.owner()));

        assertThat(io.roomtone.support.Parallel.count(answers, 302)).isEqualTo(1);
        assertThat(io.roomtone.support.Parallel.count(answers, 409)).isEqualTo(7);
        long approvals = api.get("/api/admin/audit?entity=booking&entity_id=" + request.bookingId(), studio.owner())
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .filter(e -> e.get("action").asString().equals("booking.approved"))
                .count();
        assertThat(approvals).isEqualTo(1);
    }

    @Test
    void actionsReturnToTheLocalPageThatAskedAndNowhereElse() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room();
        String service = studio.service().create();
        BookedView one = studio.book(booking(room, service, at(2, 10), at(2, 11)), studio.client());
        BookedView two = studio.book(booking(room, service, at(2, 12), at(2, 13)), studio.client());

        Api.Response toBoard = form(
                "/admin/bookings/" + one.bookingId() + "/approve",
                "back=%2Fadmin%2Fcalendar%3Fday%3D2026-05-16%26view%3Dday",
                studio.owner());
        assertThat(toBoard.status()).isEqualTo(302);
        assertThat(toBoard.header("Location").orElseThrow()).endsWith("/admin/calendar?day=2026-05-16&view=day");

        Api.Response elsewhere = form(
                "/admin/bookings/" + two.bookingId() + "/reject",
                "reason=full&back=%2F%2Fevil.example%2F",
                studio.owner());
        assertThat(elsewhere.status()).isEqualTo(302);
        assertThat(elsewhere.header("Location").orElseThrow())
                .endsWith("/admin/bookings/" + two.bookingId() + "?done=reject");

        // a refusal keeps the page's way back in its forms
        Api.Response refused =
                form("/admin/bookings/" + one.bookingId() + "/approve", "back=%2Fadmin%2Fcalendar", studio.owner());
        assertPage(refused, 409, "cannot be approved");
        assertThat(refused.body()).contains("name=\"back\" value=\"/admin/calendar\"");
    }

    private Api.Response page(String path, String token) {
        return api.send("GET", path, null, token, Map.of("Accept", "text/html"));
    }

    /** A form post as a browser sends it, signed in by bearer token (which needs no CSRF token). */
    private Api.Response form(String path, String body, String token) {
        return api.send(
                "POST",
                path,
                body,
                token,
                Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"));
    }

    private static void assertPage(Api.Response answer, int status, String text) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("text/html");
        if (text != null) {
            assertThat(answer.body()).contains(text);
        }
    }

    /** {@code daysAhead} days from today at {@code hour}:00 studio time, as a datetime-local field sends it. */
    private static String local(int daysAhead, int hour) {
        return LocalDate.now(TestStudio.ZONE).plusDays(daysAhead) + "T" + String.format("%02d:00", hour);
    }

    // --- helpers

    private Page signedIn(TestStudio studio, int width) {
        browser = Browser.open(api, studio, width, false);
        signIn(browser, studio.owner());
        return browser.newPage();
    }

    private void signIn(BrowserContext context, String token) {
        context.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
    }

    /** A new client of {@code studio} named {@code name} (used as given), signed in; returns the token. */
    private String register(TestStudio studio, String name) {
        return api.register("client-" + UUID.randomUUID() + "@example.test", "client-password", name, studio.slug())
                .json()
                .get("token")
                .asString();
    }

    private static void check(Page page, String path, String name, int width) {
        page.navigate(path);
        analyze(page, path, name, width);
    }

    private static void analyze(Page page, String what, String name, int width) {
        PageChecks.accessible(page, name);
    }
}
