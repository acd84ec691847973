package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.payouts.PayoutFixtures.day;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.booking.BookingDecisions;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.Browser;
import io.roomtone.support.CompletedSessions;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code /admin/payouts} in Chromium: the owner gives an engineer a commission rate in the staff
 * editor, a session of theirs completes, the page shows what they are owed and the sessions behind
 * it, and recording a payout (with JavaScript off too) brings what is owed to zero. What the pages
 * did is checked through the API and the ledger.
 */
@RoomtoneTest
class PayoutPagesTests {

    static final int PHONE = 360;

    @Autowired
    Api api;

    @Autowired
    BookingDecisions decisions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    TestStudio studio;
    CompletedSessions sessions;
    final List<BrowserContext> browsers = new ArrayList<>();

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithoutApproval();
        sessions = new CompletedSessions(studio, api, decisions, jdbc, transactions);
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(BrowserContext::close);
    }

    @Test
    void theOwnerSetsARateASessionCompletesAndAPayoutSettlesWhatIsOwed() {
        TestStudio.Engineer sam = sessions.staff(0);
        Page desk = signedIn(studio.owner(), true);

        // the rate, typed as a percentage in the staff editor
        desk.navigate("/admin/staff/" + sam.id());
        desk.getByLabel("Commission (%)").fill("12.5");
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(desk).hasURL(Pattern.compile(".*/admin/staff/" + sam.id() + "\\?saved$"));
        assertThat(desk.getByLabel("Commission (%)")).hasValue("12.5");
        assertThat(api.get("/api/admin/staff/" + sam.id(), studio.owner())
                        .expect(200)
                        .json()
                        .get("commission_rate_bps")
                        .asInt())
                .isEqualTo(1250);

        String booking = sessions.past(sessions.service(10_000), sam.id());
        sessions.complete(booking, 1);
        String code = studio.booking(booking, studio.owner()).code();

        // this month by default: 12.5 % of 100.00 is owed, pre-filled in the payout form
        desk.navigate("/admin/payouts");
        assertThat(desk.locator("nav.desk-nav [aria-current=page]")).hasText("Payouts");
        Locator card = desk.locator("#staff-" + sam.id());
        assertThat(card.locator(".payouts-owed")).containsText("12.50");
        assertThat(desk.locator(".payouts-totals .payouts-owed")).containsText("12.50");
        assertThat(card.getByLabel(Pattern.compile("^Amount"))).hasValue("12.50");

        // a period picked by hand shows the session behind the figure
        desk.getByLabel("From", new Page.GetByLabelOptions().setExact(true)).fill(day(-10));
        desk.getByLabel("To", new Page.GetByLabelOptions().setExact(true)).fill(day(0));
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show"))
                .click();
        assertThat(desk).hasURL(Pattern.compile(".*/admin/payouts\\?from=" + day(-10) + "&to=" + day(0) + "$"));
        card.locator("details summary").click();
        assertThat(card.locator(".payouts-lines tbody tr")).hasCount(1);
        assertThat(card.locator(".payouts-lines tbody tr")).containsText(code);
        assertThat(card.locator(".payouts-lines tbody tr")).containsText("100.00");
        assertThat(card.locator(".payouts-lines tbody tr")).containsText("12.50");
        assertThat(desk.locator("a[download]"))
                .hasAttribute("href", "/api/admin/payouts.csv?from=" + day(-10) + "&to=" + day(0));
        PageChecks.accessible(desk, "payouts-owed");

        card.getByLabel("Paid by").selectOption("cash");
        card.getByLabel("Note").fill("<b>November</b>");
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Record a payout to Engineer"))
                .click();

        assertThat(desk).hasURL(Pattern.compile(".*/admin/payouts\\?from=.*&done=paid#staff-" + sam.id() + "$"));
        assertThat(desk.getByRole(AriaRole.STATUS)).containsText("Payout recorded.");
        assertThat(card.locator(".payouts-owed")).containsText("0.00");
        assertThat(card).containsText("Nothing is owed now.");
        assertThat(card.locator("form")).hasCount(0);
        PageChecks.accessible(desk, "payouts-settled");
        assertThat(owed(sam.id())).isZero();
        assertThat(sessions.balance("cash", null)).isEqualTo(-1_250);
    }

    @Test
    void withoutJavaScriptAPayoutTooLargeIsRefusedNextToItsFieldAndAPartOneIsRecorded() {
        TestStudio.Engineer sam = sessions.staff(10_000);
        String booking = sessions.past(sessions.service(4_000), sam.id());
        sessions.complete(booking, 1);
        Page desk = signedIn(studio.owner(), false);
        desk.navigate("/admin/payouts");
        Locator card = desk.locator("#staff-" + sam.id());

        card.getByLabel(Pattern.compile("^Amount")).fill("40.01");
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Record a payout to Engineer"))
                .click();
        assertThat(card.locator(".field-error")).containsText("is owed 40.00");
        assertThat(card.getByLabel(Pattern.compile("^Amount"))).hasAttribute("aria-invalid", "true");
        assertThat(card.getByLabel(Pattern.compile("^Amount"))).hasValue("40.01");
        assertThat(owed(sam.id())).isEqualTo(4_000);

        card.getByLabel(Pattern.compile("^Amount")).fill("15");
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Record a payout to Engineer"))
                .click();
        assertThat(desk.getByRole(AriaRole.STATUS)).containsText("Payout recorded.");
        assertThat(card.locator(".payouts-owed")).containsText("25.00");
        assertThat(card.getByLabel(Pattern.compile("^Amount"))).hasValue("25.00");
        assertThat(owed(sam.id())).isEqualTo(2_500);
    }

    @Test
    void anEmptyStudioSaysWhatToDoAndFitsAPhone() {
        Page desk = signedIn(studio.owner(), true);
        desk.navigate("/admin/payouts");
        assertThat(desk.locator(".empty")).containsText("No staff yet");
        PageChecks.accessible(desk, "payouts-empty");
    }

    @Test
    void badFormsAreRefusedByNameAndWriteNothing() {
        TestStudio.Engineer sam = sessions.staff(10_000);
        String booking = sessions.past(sessions.service(4_000), sam.id());
        sessions.complete(booking, 1);
        String path = "/admin/payouts/" + sam.id() + "?from=" + day(-10) + "&to=" + day(0);
        String op = "&operation_id=" + UUID.randomUUID();

        assertThat(form(path, "amount=abc&method=cash&paid_on=" + day(0) + op, 400))
                .contains("Amount must be a number");
        assertThat(form(path, "amount=-1&method=cash&paid_on=" + day(0) + op, 400))
                .contains("Amount must be 0 or more");
        assertThat(form(path, "amount=0&method=cash&paid_on=" + day(0) + op, 400))
                .contains("Amount must be between 1");
        assertThat(form(path, "amount=99999999999999999999&method=cash&paid_on=" + day(0) + op, 400))
                .contains("Amount is too large");
        assertThat(form(path, "amount=1&method=gold&paid_on=" + day(0) + op, 400))
                .contains("Paid by must be cash or bank transfer");
        assertThat(form(path, "amount=1&method=cash&paid_on=999999999-01-01" + op, 400))
                .contains("Paid on must");
        assertThat(form(path, "amount=1&method=cash&paid_on=" + day(2) + op, 400))
                .contains("Paid on must not be in the future");
        assertThat(form(path, "amount=1&method=cash&paid_on=" + day(0) + "&note=" + "x".repeat(501) + op, 400))
                .contains("Note must be at most 500 characters");
        assertThat(form(path, "amount=41&method=cash&paid_on=" + day(0) + op, 409))
                .contains("is owed 40.00");
        form("/admin/payouts/" + Api.UNKNOWN_ID, "amount=1&method=cash&paid_on=" + day(0) + op, 404);
        form("/admin/payouts/not-an-id", "amount=1&method=cash&paid_on=" + day(0) + op, 404);
        TestStudio other = new TestStudio(api).openWithoutApproval();
        api.send(
                        "POST",
                        "/admin/payouts/" + sam.id(),
                        "amount=1&method=cash&paid_on=" + day(0) + op,
                        other.owner(),
                        Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"))
                .expect(404);
        assertThat(owed(sam.id())).isEqualTo(4_000);

        assertThat(page("/admin/payouts?from=999999999-01-01&to=" + day(0), 400))
                .contains("From must");
        assertThat(page("/admin/payouts?from=" + day(0) + "&to=" + day(-1), 400))
                .contains("To must not be before from");
        assertThat(page("/admin/payouts?from=" + day(-500) + "&to=" + day(0), 400))
                .contains("To must be at most 400 days");
        assertThat(page("/admin/payouts?from=" + day(-1), 400)).contains("To is required");
    }

    private long owed(String staffId) {
        return -sessions.balance("commission_payable", staffId);
    }

    private Page signedIn(String token, boolean javaScript) {
        BrowserContext context =
                javaScript ? Browser.open(api, studio, PHONE, true) : Browser.openWithoutJavaScript(api, studio);
        browsers.add(context);
        context.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
        return context.newPage();
    }

    private String page(String path, int status) {
        return api.send("GET", path, null, studio.owner(), Map.of("Accept", "text/html"))
                .expect(status)
                .body();
    }

    /** A form post as a browser sends it, signed in by bearer token (which needs no CSRF token). */
    private String form(String path, String body, int status) {
        return api.send(
                        "POST",
                        path,
                        body,
                        studio.owner(),
                        Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"))
                .expect(status)
                .body();
    }
}
