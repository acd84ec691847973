package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingView;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SessionView;
import io.roomtone.support.TestSmtp;
import io.roomtone.support.TestStudio;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client opens the "manage booking" link of a real e-mail (GreenMail) in a real Chromium at
 * 360 px, without signing in: sees the booking and what acting now costs, moves it seeing the fee
 * first, then cancels it seeing the refund first; the link then says why it no longer changes the
 * booking. Every page passes axe (WCAG 2.2 AA) and is photographed.
 */
@RoomtoneTest
class ManagePagesTests {

    static final int PHONE = 360;
    static final TestSmtp SMTP = new TestSmtp();
    static final Pattern LINK = Pattern.compile("https?://[^\\s\"]+(/manage/[A-Za-z0-9_-]{43})");

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @BeforeAll
    static void startSmtp() {
        SMTP.start();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    Api api;

    @Test
    void aClientOpensTheLinkOfTheirMailReschedulesThenCancels() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        studio.updateSettings(
                "cancellation_policy",
                Map.of("tiers", List.of(tier(72, 100), tier(0, 50))),
                "reschedule_policy",
                Map.of("free_min_hours_before", 24, "free_reschedules", 0, "fee_cents", 1500));
        String room = studio.namedRoom("Live Room", "#3366ff", "vocal");
        String service =
                studio.service().named("Recording").inRoomsTagged("vocal").create();
        String client = studio.client();
        String email = api.get("/api/auth/session", client)
                .expect(200)
                .as(SessionView.class)
                .user()
                .email();
        BookedView booked = studio.book(booking(room, service, at(2, 10), at(2, 11)), client);
        String link = manageLink(SMTP.mailTo(email, "we received your request"));

        BrowserContext browser = Browser.open(api, studio, PHONE, true);
        try {
            Page page = browser.newPage();
            Response opened = page.navigate(link);
            assertThat(opened.status()).isEqualTo(200);
            PageChecks.accessible(page, "manage-booking");
            assertThat(page.locator("h1")).containsText(booked.code());
            assertThat(page.locator("main")).containsText("America/Toronto");
            assertThat(page.locator("main")).containsText("Live Room");
            assertThat(page.getByText("Moving it now costs")).containsText("15.00");
            assertThat(page.getByText("Cancelling now refunds")).containsText("50%");
            assertThat(page.locator("script:not([src])")).hasCount(0);

            // reschedule: the fee is on the page before anything moves
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reschedule"))
                    .click();
            PageChecks.accessible(page, "manage-reschedule");
            page.getByRole(
                            AriaRole.LINK,
                            new Page.GetByRoleOptions().setName(Pattern.compile("^Move to .*14:00–15:00")))
                    .click();
            PageChecks.accessible(page, "manage-reschedule-confirm");
            assertThat(page.locator(".me-fee")).containsText("15.00");
            assertThat(studio.booking(booked.bookingId(), client).startAt()).isEqualTo(at(2, 10));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Move my booking")))
                    .click();
            assertThat(page).hasURL(Pattern.compile(".*" + link + "\\?done=rescheduled$"));
            assertThat(page.locator(".me-done")).containsText("14:00–15:00");
            BookingView moved = studio.booking(booked.bookingId(), client);
            assertThat(moved.startAt()).isEqualTo(at(2, 14));
            assertThat(moved.feesCents()).isEqualTo(1500);
            // the mail about the move carries a link of its own
            assertThat(manageLink(SMTP.mailTo(email, "moved to"))).isNotEqualTo(link);

            // cancel: the refund is on the page before anything is canceled
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cancel booking"))
                    .click();
            PageChecks.accessible(page, "manage-cancel");
            assertThat(page.locator(".me-refund-percent")).containsText("50%");
            page.getByLabel("Reason (optional)").fill("The band split up");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel my booking"))
                    .click();
            assertThat(page).hasURL(Pattern.compile(".*" + link + "\\?done=canceled$"));
            assertThat(page.locator(".me-done")).containsText("Your booking was canceled");
            PageChecks.accessible(page, "manage-canceled");
            BookingView canceled = studio.booking(booked.bookingId(), client);
            assertThat(canceled.status()).isEqualTo("canceled");
            assertThat(canceled.cancelReason()).isEqualTo("The band split up");

            // the link, opened again, says why it no longer changes the booking
            Response again = page.navigate(link);
            assertThat(again.status()).isEqualTo(410);
            assertThat(page.locator("main")).containsText("This booking was canceled");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cancel booking")))
                    .hasCount(0);
        } finally {
            browser.close();
        }
    }

    private static Map<String, Object> tier(int hours, int percent) {
        return Map.of("min_hours_before", hours, "refund_percent", percent);
    }

    /** The path of the mail's "manage booking" link (the mail names the configured public address). */
    private static String manageLink(MimeMessage mail) {
        Matcher found =
                LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "="));
        assertThat(found.find())
                .as("a manage link in %s", GreenMailUtil.getBody(mail))
                .isTrue();
        return found.group(1);
    }
}
