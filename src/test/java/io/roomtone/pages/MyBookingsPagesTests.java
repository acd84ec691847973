package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.Media;
import io.roomtone.booking.BookingDecisions;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingView;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A client's own pages in a real Chromium: the Upcoming and Past lists, a booking's page, moving
 * it (the fee shown before confirming) and cancelling it (the refund shown before confirming), the
 * receipt; and over plain HTTP, what bad input, someone else's code and a missing CSRF token get.
 */
@RoomtoneTest
class MyBookingsPagesTests {

    static final int PHONE = 360;
    static final String NOTES = "<script>alert('x')</script> bring the tape";

    @Autowired
    Api api;

    @Autowired
    BookingDecisions decisions;

    final List<BrowserContext> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(BrowserContext::close);
    }

    /** A studio that approves requests, charges 15.00 for every move and refunds 50 % within 72 hours. */
    record Setting(TestStudio studio, String room, String service, String addOn) {}

    private Setting studioWithPolicies() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        studio.updateSettings(
                "cancellation_policy",
                Map.of("tiers", List.of(tier(72, 100), tier(0, 50))),
                "reschedule_policy",
                Map.of("free_min_hours_before", 24, "free_reschedules", 0, "fee_cents", 1500));
        String room = studio.namedRoom("Live Room", "#3366ff", "vocal");
        String service =
                studio.service().named("Recording").inRoomsTagged("vocal").create();
        return new Setting(studio, room, service, studio.addOn(2_500));
    }

    private static Map<String, Object> tier(int hours, int percent) {
        return Map.of("min_hours_before", hours, "refund_percent", percent);
    }

    @Test
    void theArtistReschedulesSeeingTheFeeThenCancelsSeeingTheRefund() {
        Setting s = studioWithPolicies();
        TestStudio studio = s.studio();
        String client = studio.client();
        BookedView booked = studio.book(
                booking(s.room(), s.service(), at(2, 10), at(2, 11))
                        .withAddOn(s.addOn(), 2)
                        .with("notes", NOTES),
                client);
        studio.approve(booked.bookingId(), "See you then");
        String code = booked.code();
        Page page = signedIn(studio, client);

        check(page, "/me/bookings", "me-bookings");
        assertThat(page.locator(".me-card")).hasCount(1);
        assertThat(page.locator(".me-card .chip")).hasText("Confirmed");
        assertThat(page.locator(".me-card")).containsText(code);
        assertThat(page.locator(".me-card")).containsText("Studio time, America/Toronto");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("10:00–11:00")))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/me/bookings/" + code + "$"));
        check(page, null, "me-booking");
        assertThat(page.locator(".me-notes")).hasText(NOTES);
        assertThat(page.locator("script:not([src])")).hasCount(0);
        assertThat(page.getByText("Moving it now costs")).containsText("15.00");
        assertThat(page.getByText("Cancelling now refunds")).containsText("50%");
        assertThat(page.locator(".me-history")).containsText("See you then");

        // reschedule: the fee is on the page before anything moves
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reschedule"))
                .click();
        check(page, null, "me-reschedule");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Move to .*14:00–15:00")))
                .click();
        check(page, null, "me-reschedule-confirm");
        assertThat(page.locator(".me-fee")).containsText("15.00");
        assertThat(page.getByText("awaits the studio's approval again")).isVisible();
        assertThat(studio.booking(booked.bookingId(), client).startAt())
                .as("nothing moves before the client confirms")
                .isEqualTo(at(2, 10));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Move my booking")))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/me/bookings/" + code + "\\?done=rescheduled$"));
        assertThat(page.locator(".me-done")).containsText("moved to");
        assertThat(page.locator(".me-done")).containsText("14:00–15:00");
        BookingView moved = studio.booking(booked.bookingId(), client);
        assertThat(moved.startAt()).isEqualTo(at(2, 14));
        assertThat(moved.endAt()).isEqualTo(at(2, 15));
        assertThat(moved.reschedules()).isEqualTo(1);
        assertThat(moved.status()).isEqualTo("awaiting_approval");
        // 100.00 for the hour, 2 × 25.00 of the add-on, 13 % tax, and the 15.00 fee of the move (owed
        // on top of the total); nothing paid online yet
        Page receipt = signedIn(studio, client);
        receipt.navigate("/receipt/" + code);
        assertThat(receipt.locator(".receipt")).containsText("the full amount is due at the studio");
        assertThat(receipt.locator(".receipt .me-total")).containsText("169.50");
        assertThat(receipt.locator(".receipt .me-due-row")).containsText("184.50");

        // cancel: the refund is on the page before anything is canceled
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cancel booking"))
                .click();
        check(page, null, "me-cancel");
        assertThat(page.locator(".me-refund-percent")).hasText("50% of what you paid");
        assertThat(page.getByText("Nothing has been paid for this booking yet")).isVisible();
        assertThat(studio.booking(booked.bookingId(), client).status()).isEqualTo("awaiting_approval");
        page.getByLabel("Reason (optional)").fill("Band split up <b>sadly</b>");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel my booking"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/me/bookings/" + code + "\\?done=canceled$"));
        assertThat(page.locator(".me-done")).containsText("Your booking was canceled");
        assertThat(page.locator("h1 + p .chip")).hasText("Status: Canceled");
        assertThat(page.locator(".me-history")).containsText("Band split up <b>sadly</b>");
        BookingView canceled = studio.booking(booked.bookingId(), client);
        assertThat(canceled.status()).isEqualTo("canceled");
        assertThat(canceled.cancelReason()).isEqualTo("Band split up <b>sadly</b>");
        assertThat(canceled.refundCents()).isZero();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cancel booking")))
                .hasCount(0);

        check(page, "/receipt/" + code, "receipt");
        assertThat(page.locator(".receipt")).containsText(code);
        assertThat(page.locator(".receipt .me-notes")).hasText(NOTES);
        assertThat(page.locator(".receipt .me-total")).containsText("169.50");
        // a canceled session owes nothing
        assertThat(page.locator(".receipt")).not().containsText("the full amount is due at the studio");
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        assertThat(page.locator("header.bar")).isHidden();
        assertThat(page.locator("footer.foot")).isHidden();
        assertThat(page.locator(".receipt")).isVisible();
        assertThat(page.locator("script:not([src])")).hasCount(0);
    }

    @Test
    void tabsSeparateUpcomingFromPastSessions() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        String client = studio.client();
        String clientId = studio.userId(client);
        BookedView upcoming = studio.book(booking(room, service, at(3, 10), at(3, 11)), client);
        // the studio enters yesterday's session after the fact; the completion job then completes it
        BookedView past = studio.book(
                booking(room, service, at(-1, 10), at(-1, 11))
                        .forClient(clientId)
                        .overridingRules(),
                studio.owner());
        Tenancy.callAs(UUID.fromString(studio.id()), decisions::completeEnded);
        assertThat(studio.booking(past.bookingId(), client).status()).isEqualTo("completed");
        Page page = signedIn(studio, client);

        page.navigate("/me/bookings");
        assertThat(page.locator(".me-card")).hasCount(1);
        assertThat(page.locator(".me-card")).containsText(upcoming.code());
        assertThat(page.locator(".me-tabs [aria-current=page]")).hasText("Upcoming (1)");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Past (1)"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/me/bookings\\?tab=past$"));
        assertThat(page.locator(".me-card")).hasCount(1);
        assertThat(page.locator(".me-card")).containsText(past.code());
        assertThat(page.locator(".me-card .chip")).hasText("Completed");
        check(page, null, "me-bookings-past");
        page.locator(".me-card h3 a").click();
        assertThat(page.getByText("This booking can no longer be changed online"))
                .isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reschedule")))
                .hasCount(0);

        Page empty = signedIn(studio, studio.client());
        check(empty, "/me/bookings", "me-bookings-empty");
        assertThat(empty.getByText("No upcoming sessions yet.")).isVisible();
        assertThat(empty.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName(Pattern.compile("Check availability and request"))))
                .hasAttribute("href", "/availability");
        check(empty, "/me/bookings?tab=past", "me-bookings-past-empty");
        assertThat(empty.getByText("No past sessions yet.")).isVisible();
    }

    @Test
    void onlyTheClientSeesTheirBookingAndOnlyTheyAndTheStudioItsReceipt() {
        Setting s = studioWithPolicies();
        TestStudio studio = s.studio();
        String client = studio.client();
        BookedView booked =
                studio.book(booking(s.room(), s.service(), at(2, 10), at(2, 11)).with("notes", NOTES), client);
        String code = booked.code();

        Response own = page(studio, "/me/bookings/" + code, client);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body())
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain(NOTES);
        assertThat(page(studio, "/me/bookings/" + code.toLowerCase(), client).status())
                .as("codes are read in any case")
                .isEqualTo(200);

        String other = studio.client();
        Response theirs = page(studio, "/me/bookings/" + code, other);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.body()).doesNotContain("bring the tape");
        assertThat(page(studio, "/receipt/" + code, other).status()).isEqualTo(404);
        assertThat(page(studio, "/me/bookings/" + code + "/cancel", other).status())
                .isEqualTo(404);
        assertThat(page(studio, "/me/bookings/" + code + "/reschedule", other).status())
                .isEqualTo(404);
        assertThat(form(studio, "/me/bookings/" + code + "/cancel", "percent=50", other)
                        .status())
                .isEqualTo(404);
        assertThat(studio.booking(booked.bookingId(), client).status()).isEqualTo("awaiting_approval");

        Response receipt = page(studio, "/receipt/" + code, studio.owner());
        assertThat(receipt.status()).as("the studio's admins see receipts").isEqualTo(200);
        assertThat(receipt.body()).contains("&lt;script&gt;").doesNotContain(NOTES);
        assertThat(page(studio, "/me/bookings/" + code, studio.owner()).status())
                .as("/me is the client's own: the studio has its desk")
                .isEqualTo(404);

        TestStudio elsewhere = new TestStudio(api).openWithApproval();
        String foreign = elsewhere.client();
        assertThat(page(elsewhere, "/me/bookings/" + code, foreign).status()).isEqualTo(404);
        assertThat(page(elsewhere, "/receipt/" + code, elsewhere.owner()).status())
                .as("a code of another studio")
                .isEqualTo(404);
        assertThat(page(studio, "/me/bookings/ZZZZ-ZZZZ", client).status()).isEqualTo(404);
        assertThat(page(studio, "/me/bookings/" + "x".repeat(500), client).status())
                .isEqualTo(404);
    }

    @Test
    void aSignedOutVisitorIsSentToSignInAndBack() {
        TestStudio studio = new TestStudio(api);
        Response answer = api.send(
                "GET", "/me/bookings?tab=past", null, null, Map.of("X-Studio", studio.slug(), "Accept", "text/html"));
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location").orElseThrow())
                .endsWith("/signin?next=" + URLEncoder.encode("/me/bookings?tab=past", StandardCharsets.UTF_8));
        Response receipt = api.send(
                "GET", "/receipt/ABCD-EFGH", null, null, Map.of("X-Studio", studio.slug(), "Accept", "text/html"));
        assertThat(receipt.status()).isEqualTo(302);
    }

    @Test
    void badInputIsRefusedWithTheProblemNamedAndNothingWritten() {
        Setting s = studioWithPolicies();
        TestStudio studio = s.studio();
        String client = studio.client();
        BookedView booked = studio.book(booking(s.room(), s.service(), at(2, 10), at(2, 11)), client);
        String id = booked.bookingId();
        String base = "/me/bookings/" + booked.code();

        assertRefused(page(studio, "/me/bookings?tab=nope", client), 400, "tab");
        assertRefused(page(studio, base + "/reschedule?date=999999999-01-01", client), 400, "is not a date");
        assertRefused(
                page(studio, base + "/reschedule?date=%2B999999999-01-01", client),
                400,
                "between the years 1 and 9999");
        assertRefused(page(studio, base + "/reschedule?date=1999-01-01", client), 400, "must be between 2000-01-01");
        assertRefused(page(studio, base + "/reschedule/confirm?start=soon", client), 400, "start");
        assertRefused(
                page(studio, base + "/reschedule/confirm?start=%2B999999999-01-01T10:00:00Z", client),
                400,
                "between the years 1 and 9999");
        assertRefused(page(studio, base + "/reschedule/confirm?start=9000-01-01T15:00:00Z", client), 400, "horizon");
        assertRefused(page(studio, base + "/reschedule/confirm?start=" + at(-1, 10), client), 400, "lead time");

        assertRefused(
                form(studio, base + "/reschedule", "start=" + at(-1, 10) + "&fee=1500", client), 400, "lead time");
        assertRefused(form(studio, base + "/reschedule", "start=" + at(2, 14) + "&fee=lots", client), 400, "fee");
        assertRefused(form(studio, base + "/reschedule", "start=" + at(2, 14) + "&fee=-5", client), 400, "fee");
        // a fee other than the one that applies: the client did not see what they would pay
        Response wrongFee = form(studio, base + "/reschedule", "start=" + at(2, 14) + "&fee=0", client);
        assertRefused(wrongFee, 409, "The fee changed while you were reading");
        assertThat(wrongFee.body()).contains("15.00");

        // a taken time: 409 with the nearest free times of the same room
        studio.book(booking(s.room(), s.service(), at(2, 14), at(2, 15)), studio.client());
        Response taken = form(studio, base + "/reschedule", "start=" + at(2, 14) + "&fee=1500", client);
        assertRefused(taken, 409, "nearest free times");
        assertThat(taken.body()).contains("13:00–14:00").contains("15:00–16:00");

        assertRefused(form(studio, base + "/cancel", "percent=many", client), 400, "percent");
        assertRefused(form(studio, base + "/cancel", "percent=100", client), 409, "The refund changed");
        Response longReason = form(studio, base + "/cancel", "percent=50&reason=" + "a".repeat(2001), client);
        assertRefused(longReason, 400, "Reason (optional) must be at most 2000 characters");
        assertThat(longReason.body()).contains("aria-invalid=\"true\"");

        BookingView unchanged = studio.booking(id, client);
        assertThat(unchanged.status()).isEqualTo("awaiting_approval");
        assertThat(unchanged.startAt()).isEqualTo(at(2, 10));
        assertThat(unchanged.reschedules()).isZero();
    }

    @Test
    void formsNeedTheirCsrfToken() {
        Setting s = studioWithPolicies();
        TestStudio studio = s.studio();
        String client = studio.client();
        BookedView booked = studio.book(booking(s.room(), s.service(), at(2, 10), at(2, 11)), client);
        String cancel = "/me/bookings/" + booked.code() + "/cancel";
        String session = RequestAuthentication.SESSION_COOKIE + "=" + client;

        Response forged = api.send(
                "POST",
                cancel,
                "percent=50",
                null,
                Map.of(
                        "X-Studio",
                        studio.slug(),
                        "Accept",
                        "text/html",
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Cookie",
                        session));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(studio.booking(booked.bookingId(), client).status()).isEqualTo("awaiting_approval");

        Response form = api.send(
                "GET", cancel, null, null, Map.of("X-Studio", studio.slug(), "Accept", "text/html", "Cookie", session));
        assertThat(form.status()).isEqualTo(200);
        String csrf = form.cookie("XSRF-TOKEN").orElseThrow();
        Response sent = api.send(
                "POST",
                cancel,
                "percent=50",
                null,
                Map.of(
                        "X-Studio",
                        studio.slug(),
                        "Accept",
                        "text/html",
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Cookie",
                        session + "; XSRF-TOKEN=" + csrf,
                        "X-XSRF-TOKEN",
                        csrf));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(sent.header("Location").orElseThrow()).endsWith("/me/bookings/" + booked.code() + "?done=canceled");
        assertThat(studio.booking(booked.bookingId(), client).status()).isEqualTo("canceled");
    }

    // --- helpers ---

    private Page signedIn(TestStudio studio, String token) {
        BrowserContext context = Browser.open(api, studio, PHONE, true);
        browsers.add(context);
        context.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
        return context.newPage();
    }

    private Response page(TestStudio studio, String path, String token) {
        return api.send("GET", path, null, token, Map.of("X-Studio", studio.slug(), "Accept", "text/html"));
    }

    private Response form(TestStudio studio, String path, String body, String token) {
        return api.send(
                "POST",
                path,
                body,
                token,
                Map.of(
                        "X-Studio", studio.slug(),
                        "Accept", "text/html",
                        "Content-Type", "application/x-www-form-urlencoded"));
    }

    private static void assertRefused(Response answer, int status, String named) {
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body().replace("&#39;", "'")).contains(named);
    }

    /** axe (WCAG 2.2 A/AA) finds nothing serious, a 360 px screenshot, and nothing scrolls sideways. */
    private static void check(Page page, String path, String name) {
        if (path != null) {
            page.navigate(path);
        }
        PageChecks.accessible(page, name);
    }
}
