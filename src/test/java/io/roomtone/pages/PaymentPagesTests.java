package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The payment parts of the web app: the studio records what the client paid at the studio and
 * gives money back from the desk booking page, and the client sees it on their booking, their list
 * and the receipt (1 h session: 100.00 + 13 % tax = 113.00). What the pages did is checked through
 * the API.
 */
@RoomtoneTest
class PaymentPagesTests {

    static final int PHONE = 360;

    @Autowired
    Api api;

    TestStudio studio;
    String room;
    String service;
    String client;
    final List<BrowserContext> browsers = new ArrayList<>();

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithoutApproval();
        room = studio.room();
        service = studio.service().create();
        client = studio.client();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(BrowserContext::close);
    }

    @Test
    void theStudioRecordsADepositAndTheRestAndTheClientSeesItPaidOnTheBookingAndTheReceipt() {
        BookedView booked = studio.book(booking(room, service, at(3, 10), at(3, 11)), client);
        BookingView before = studio.booking(booked.bookingId(), studio.owner());
        assertThat(before.status()).isEqualTo("confirmed");
        long total = before.totalCents();
        String deskPath = "/admin/bookings/" + booked.bookingId();

        Page desk = signedIn(studio.owner());
        desk.navigate(deskPath);
        assertThat(desk.locator("#payments h2 .pay-chip")).hasText("Payment: Unpaid");
        assertThat(desk.locator("#payments")).containsText("No payments yet");
        check(desk, null, "payments-desk-unpaid");

        // a cash deposit
        desk.getByLabel("Amount received").fill("28.25");
        desk.getByLabel("Method").selectOption("cash");
        desk.getByLabel("Note (optional)").fill("deposit <b>at the desk</b>");
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record payment"))
                .click();
        assertThat(desk).hasURL(Pattern.compile(".*" + deskPath + "\\?done=payment$"));
        assertThat(desk.getByRole(AriaRole.STATUS)).containsText("Payment recorded.");
        assertThat(desk.locator("#payments h2 .pay-chip")).hasText("Payment: Deposit paid");
        assertThat(desk.locator(".pay-table tbody tr")).hasCount(1);
        assertThat(desk.locator(".pay-table tbody tr")).containsText("Cash");
        assertThat(desk.locator(".pay-table tbody tr")).containsText("deposit <b>at the desk</b>");
        BookingView deposit = studio.booking(booked.bookingId(), studio.owner());
        assertThat(deposit.paidCents()).isEqualTo(2_825);
        assertThat(deposit.paymentStatus()).isEqualTo("deposit_paid");

        // the rest by card terminal, newest last
        desk.getByLabel("Amount received").fill(units(total - 2_825));
        desk.getByLabel("Method").selectOption("card_terminal");
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record payment"))
                .click();
        assertThat(desk.locator("#payments h2 .pay-chip")).hasText("Payment: Paid");
        assertThat(desk.locator(".pay-table tbody tr")).hasCount(2);
        assertThat(desk.locator(".pay-table tbody tr").last()).containsText("Card terminal");
        assertThat(desk.locator("#payments")).containsText("Nothing is owed on this booking.");
        assertThat(desk.locator(".desk-timeline")).containsText("Payment recorded");
        assertThat(desk.locator(".desk-timeline")).containsText("Method: Card terminal");
        assertThat(desk.locator(".desk-timeline")).not().containsText("amount_cents");
        check(desk, null, "payments-desk-paid");
        BookingView paid = studio.booking(booked.bookingId(), studio.owner());
        assertThat(paid.paidCents()).isEqualTo(total);
        assertThat(paid.paymentStatus()).isEqualTo("paid");

        // the client's booking, list and receipt
        Page mine = signedIn(client);
        mine.navigate("/me/bookings/" + booked.code());
        assertThat(mine.locator("h1 + p .pay-chip")).hasText("Payment: Paid");
        assertThat(mine.locator(".pay-mine")).containsText("Cash");
        assertThat(mine.locator(".pay-mine")).containsText("Card terminal");
        assertThat(mine.locator(".pay-mine")).not().containsText("at the desk");
        check(mine, null, "payments-my-booking-paid");
        mine.navigate("/me/bookings");
        assertThat(mine.locator(".me-card")
                        .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(booked.code()))
                        .locator(".pay-chip"))
                .hasText("Payment: Paid");
        check(mine, null, "payments-my-bookings");
        mine.navigate("/me/bookings/" + booked.code());
        mine.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Receipt").setExact(true))
                .click();
        assertThat(mine.locator(".pay-verdict")).hasText("Paid in full");
        assertThat(mine.locator(".pay-list tbody tr")).hasCount(2);
        assertThat(mine.locator(".pay-list tbody tr").first()).containsText("28.25");
        assertThat(mine.locator(".pay-list tbody tr").last()).containsText("Card terminal");
        check(mine, null, "payments-receipt-paid");
        // and downloads it as a PDF: both payments, paid in full
        com.microsoft.playwright.Download download = mine.waitForDownload(
                () -> mine.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download the receipt (PDF)"))
                        .click());
        assertThat(download.suggestedFilename()).isEqualTo("receipt-" + booked.code() + ".pdf");
        String receipt = pdfText(download.path());
        assertThat(receipt)
                .contains("Receipt", booked.code(), "Cash", "Card terminal", "28.25", "Paid in full")
                .contains(units(total));

        // a partial refund from the desk
        desk.navigate(deskPath);
        desk.getByLabel("Amount to refund").fill("10");
        desk.getByLabel("Reason (kept in the history)").fill("Started late");
        desk.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Refund").setExact(true))
                .click();
        assertThat(desk.getByRole(AriaRole.STATUS)).containsText("Refund recorded.");
        assertThat(desk.locator("#payments h2 .pay-chip")).hasText("Payment: Partially refunded");
        assertThat(desk.locator(".pay-table tbody tr").last()).containsText("Refund");
        assertThat(desk.locator(".pay-table tbody tr").last()).containsText("Started late");
        assertThat(desk.locator(".desk-timeline")).containsText("Refunded");
        assertThat(desk.locator(".desk-timeline")).containsText("Payment status: Paid → Partially refunded");
        BookingView refunded = studio.booking(booked.bookingId(), studio.owner());
        assertThat(refunded.paymentStatus()).isEqualTo("partially_refunded");
        assertThat(refunded.paidCents()).isEqualTo(total - 1_000);

        mine.navigate("/me/bookings/" + booked.code());
        assertThat(mine.locator("h1 + p .pay-chip")).hasText("Payment: Partially refunded");
        assertThat(mine.locator(".pay-mine")).containsText("Refunds");
        assertThat(mine.locator(".pay-mine")).containsText("10.00");
        assertThat(mine.locator(".pay-mine")).not().containsText("Started late");
        check(mine, null, "payments-my-booking-refunded");
        mine.navigate("/receipt/" + booked.code());
        assertThat(mine.locator(".pay-verdict")).containsText("Balance due");
        assertThat(mine.locator(".pay-verdict")).containsText("10.00");

        // a refund above what was paid: the problem, and nothing moves
        desk.getByLabel("Amount to refund").fill(units(total));
        desk.getByLabel("Reason (kept in the history)").fill("Too much");
        desk.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Refund").setExact(true))
                .click();
        assertThat(desk.getByRole(AriaRole.ALERT)).containsText("The refund could not be made");
        assertThat(desk.locator(".pay-guidance")).containsText(units(total - 1_000));
        assertThat(desk.getByRole(AriaRole.ALERT)).not().containsText("cents");
        assertThat(desk.getByLabel("Amount to refund")).hasValue(units(total));
        check(desk, null, "payments-desk-refund-refused");
        assertThat(studio.booking(booked.bookingId(), studio.owner()).paidCents())
                .isEqualTo(total - 1_000);
        assertThat(operations(booked.bookingId())).hasSize(3);

        // a bad amount: the field's problem, next to it
        desk.navigate(deskPath);
        desk.getByLabel("Amount received").fill("abc");
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record payment"))
                .click();
        assertThat(desk.locator("#pay-amount-error")).containsText("Amount received must be a number");
        assertThat(desk.getByLabel("Amount received")).hasAttribute("aria-invalid", "true");
        check(desk, null, "payments-desk-bad-amount");
        assertThat(operations(booked.bookingId())).hasSize(3);

        // the bookings table says where each booking's money stands
        desk.navigate("/admin/bookings");
        assertThat(desk.locator(".desk-table tbody tr")
                        .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(booked.code()))
                        .locator(".pay-chip"))
                .hasText("Partially refunded");
        check(desk, null, "payments-desk-bookings");
    }

    @Test
    void aRescheduleFeeIsOwedOnTopOfTheTotalUntilItIsPaid() {
        studio.updateSettings(
                "reschedule_policy", Map.of("free_min_hours_before", 24, "free_reschedules", 0, "fee_cents", 1_500));
        BookedView booked = studio.book(booking(room, service, at(4, 10), at(4, 11)), client);
        studio.reschedule(booked.bookingId(), at(4, 12), at(4, 13), client);
        BookingView moved = studio.booking(booked.bookingId(), studio.owner());
        assertThat(moved.feesCents()).isEqualTo(1_500);
        String pay = "/admin/bookings/" + booked.bookingId() + "/payments";

        assertThat(form(pay, "amount=" + units(moved.totalCents()) + "&method=bank_transfer")
                        .status())
                .isEqualTo(302);
        assertThat(studio.booking(booked.bookingId(), studio.owner()).paymentStatus())
                .isEqualTo("deposit_paid");
        String desk = page("/admin/bookings/" + booked.bookingId(), studio.owner());
        assertThat(desk).contains("Fees (rescheduling)").contains("Still owed");
        assertThat(desk).containsPattern("Still owed</dt><dd[^>]*>[^<]*15\\.00<");
        String receipt = page("/receipt/" + booked.code(), client);
        assertThat(receipt).containsPattern("Balance due: [^<]*15\\.00");
        assertThat(receipt).doesNotContain("Paid in full");

        assertThat(form(pay, "amount=15&method=cash").status()).isEqualTo(302);
        assertThat(studio.booking(booked.bookingId(), studio.owner()).paymentStatus())
                .isEqualTo("paid");
        assertThat(page("/receipt/" + booked.code(), client)).contains("Paid in full");
        assertThat(page("/me/bookings/" + booked.code(), client)).contains("Payment: Paid");
    }

    // --- the forms over plain HTTP: bad input, other studios, roles, double submits

    @Test
    void badInputOnThePaymentFormsIsA4xxPageNamingTheProblemAndWritesNothing() {
        String id = studio.book(booking(room, service, at(3, 10), at(3, 11)), client)
                .bookingId();
        String pay = "/admin/bookings/" + id + "/payments";
        String refund = "/admin/bookings/" + id + "/refund";

        assertPage(form(pay, "amount=abc&method=cash"), 400, "Amount received must be a number");
        assertPage(form(pay, "amount=-1&method=cash"), 400, "Amount received must be 0 or more");
        assertPage(form(pay, "amount=99999999999999999999&method=cash"), 400, "Amount received is too large");
        assertPage(form(pay, "amount=0&method=cash"), 400, "Amount received must be between 0.01 and 1000000000.00");
        assertPage(
                form(pay, "amount=1000&method=cash"),
                400,
                "Amount received must be at most 113.00, what is still owed");
        assertPage(form(pay, "amount=&method=cash"), 400, "Amount received is required");
        assertPage(form(pay, "amount=10&method=bitcoin"), 400, "Method must be one of cash, card_terminal");
        assertPage(form(pay, "amount=10&method=card_online"), 400, "Method must be one of");
        assertPage(
                form(pay, "amount=10&method=cash&received_at=999999999-01-01T10:00"),
                400,
                "Received at must be a date and time");
        assertPage(
                form(pay, "amount=10&method=cash&received_at=%2B999999999-01-01T10:00"),
                400,
                "between the years 1 and 9999");
        assertPage(
                form(
                        pay,
                        "amount=10&method=cash&received_at="
                                + LocalDateTime.now(TestStudio.ZONE).plusDays(2)),
                400,
                "must not be in the future");
        assertPage(form(pay, "amount=10&method=cash&note=" + "x".repeat(501)), 400, "must be at most 500");
        assertPage(form(pay, "amount=10&method=cash&operation=nope"), 400, "reload the page");
        assertPage(form(refund, "amount=abc&reason=x"), 400, "Amount to refund must be a number");
        assertPage(form(refund, "amount=10&reason="), 400, "Reason (kept in the history) is required");
        assertPage(form(refund, "amount=10&reason=nothing+paid"), 409, "at most what was paid");

        BookingView unchanged = studio.booking(id, studio.owner());
        assertThat(unchanged.paidCents()).isZero();
        assertThat(unchanged.paymentStatus()).isEqualTo("unpaid");
        assertThat(operations(id)).isEmpty();
        assertThat(auditActions(id)).doesNotContain("booking.payment_recorded", "booking.refunded");

        // a canceled booking takes no payments: said in words, with no form to try again
        studio.cancel(id, "change of plans", client);
        Api.Response closed = form(pay, "amount=10&method=cash");
        assertPage(closed, 409, "it takes no payments");
        assertThat(closed.body()).doesNotContain("id=\"pay-amount\"");
        assertThat(operations(id)).isEmpty();
    }

    @Test
    void anotherStudiosBookingIsNotFoundAndOnlyTheStudiosAdminsPost() {
        TestStudio theirs = new TestStudio(api).openWithoutApproval();
        String theirId = theirs.book(
                        booking(theirs.room(), theirs.service().create(), at(3, 10), at(3, 11)), theirs.client())
                .bookingId();
        assertPage(form("/admin/bookings/" + theirId + "/payments", "amount=10&method=cash"), 404, null);
        assertPage(form("/admin/bookings/" + theirId + "/payments", "amount=abc&method=cash"), 404, null);
        assertPage(form("/admin/bookings/" + theirId + "/refund", "amount=10&reason=x"), 404, null);
        assertPage(form("/admin/bookings/" + UUID.randomUUID() + "/payments", "amount=10&method=cash"), 404, null);
        assertThat(theirs.booking(theirId, theirs.owner()).paidCents()).isZero();

        String id = studio.book(booking(room, service, at(3, 10), at(3, 11)), client)
                .bookingId();
        String staff = studio.engineer("mixing").token();
        for (String token : List.of(staff, client)) {
            assertThat(form("/admin/bookings/" + id + "/payments", "amount=10&method=cash", token)
                            .status())
                    .isEqualTo(403);
        }
        assertThat(operations(id)).isEmpty();
    }

    @Test
    void aFormPostedTwiceRecordsOnce() {
        BookingView booked = studio.booking(
                studio.book(booking(room, service, at(3, 10), at(3, 11)), client)
                        .bookingId(),
                studio.owner());
        String id = booked.id();
        String operation = UUID.randomUUID().toString();
        String body = "amount=" + units(booked.totalCents()) + "&method=cash&operation=" + operation;

        assertThat(form("/admin/bookings/" + id + "/payments", body).status()).isEqualTo(302);
        // the second post of the same form: the booking is paid off now, still no refusal and no second payment
        Api.Response again = form("/admin/bookings/" + id + "/payments", body);
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.header("Location").orElseThrow()).endsWith("/admin/bookings/" + id + "?done=payment");
        assertThat(operations(id)).hasSize(1);
        assertThat(studio.booking(id, studio.owner()).paidCents()).isEqualTo(booked.totalCents());
        assertThat(auditActions(id).stream()
                        .filter("booking.payment_recorded"::equals)
                        .count())
                .isEqualTo(1);

        String refundOperation = UUID.randomUUID().toString();
        String refund = "amount=5&reason=late+start&operation=" + refundOperation;
        assertThat(form("/admin/bookings/" + id + "/refund", refund).status()).isEqualTo(302);
        assertThat(form("/admin/bookings/" + id + "/refund", refund).status()).isEqualTo(302);
        assertThat(operations(id)).hasSize(2);
        assertThat(studio.booking(id, studio.owner()).paidCents()).isEqualTo(booked.totalCents() - 500);
        assertThat(auditActions(id).stream().filter("booking.refunded"::equals).count())
                .isEqualTo(1);

        // the same form posted four times at once (a nervous double tap on a slow line): one payment
        String other = studio.book(booking(room, service, at(5, 10), at(5, 11)), client)
                .bookingId();
        String once = "amount=10&method=card_terminal&operation=" + UUID.randomUUID();
        List<Api.Response> answers =
                io.roomtone.support.Parallel.send(4, i -> form("/admin/bookings/" + other + "/payments", once));
        assertThat(io.roomtone.support.Parallel.count(answers, 302)).isEqualTo(4);
        assertThat(operations(other)).hasSize(1);
        assertThat(studio.booking(other, studio.owner()).paidCents()).isEqualTo(1_000);

        // the page renders a fresh operation id into each form
        String page = api.send("GET", "/admin/bookings/" + id, null, studio.owner(), Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(Pattern.compile("name=\"operation\" value=\"[0-9a-f-]{36}\"")
                        .matcher(page)
                        .results()
                        .map(m -> m.group())
                        .distinct()
                        .count())
                .isEqualTo(2);
    }

    // --- helpers

    private List<JsonNode> operations(String bookingId) {
        return api.get("/api/admin/bookings/" + bookingId + "/payments", studio.owner())
                .expect(200)
                .json()
                .valueStream()
                .toList();
    }

    private List<String> auditActions(String bookingId) {
        return api.get("/api/admin/audit?entity=booking&entity_id=" + bookingId, studio.owner())
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .map(e -> e.get("action").asString())
                .toList();
    }

    /** Cents as a person types them in a money field: 8475 is "84.75". */
    private static String units(long cents) {
        return String.format("%d.%02d", cents / 100, cents % 100);
    }

    private Page signedIn(String token) {
        BrowserContext context = Browser.open(api, studio, PHONE, true);
        browsers.add(context);
        context.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
        return context.newPage();
    }

    private String page(String path, String token) {
        return api.send("GET", path, null, token, Map.of("Accept", "text/html", "X-Studio", studio.slug()))
                .expect(200)
                .body();
    }

    private Api.Response form(String path, String body) {
        return form(path, body, studio.owner());
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
            assertThat(answer.body().replace("&#39;", "'")).contains(text);
        }
    }

    /** axe (WCAG 2.2 A/AA) finds nothing serious, a 360 px screenshot, nothing scrolls sideways. */
    private static void check(Page page, String path, String name) {
        if (path != null) {
            page.navigate(path);
        }
        PageChecks.accessible(page, name);
    }

    private static String pdfText(java.nio.file.Path pdf) {
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
