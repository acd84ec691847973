package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The studio's invoices page, its settings form and the invoice links on both booking pages, in a
 * real Chromium: filters change what is listed, axe finds nothing serious, nothing scrolls sideways
 * at 360 px (screenshots in {@code target/screenshots/}).
 */
@RoomtoneTest
class InvoicingPagesTests {

    static final int PHONE = 360;

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
    void theInvoicesPageListsTotalsAndFiltersByStatus() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        String client = studio.client();
        BookedView paid = studio.book(booking(room, service, at(5, 10), at(5, 11)), client);
        BookedView unpaid = studio.book(booking(room, service, at(5, 12), at(5, 13)), client);
        JsonNode invoices = api.get("/api/admin/invoices", studio.owner())
                .expect(200)
                .json()
                .get("items");
        String paidNumber = numberOf(invoices, paid.bookingId());
        String unpaidNumber = numberOf(invoices, unpaid.bookingId());
        api.post(
                        "/api/admin/bookings/" + paid.bookingId() + "/payments",
                        Api.json("amount_cents", paid.totalCents(), "method", "card_terminal"),
                        studio.owner())
                .expect(201);

        Page page = signedIn(studio, studio.owner());
        page.navigate("/admin/invoices");
        assertThat(page.locator("h1")).hasText("Invoices");
        assertThat(page.locator(".desk-table tbody tr")).hasCount(2);
        assertThat(page.locator(".invoice-totals")).containsText("Still due");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Invoices")))
                .hasAttribute("aria-current", "page");
        PageChecks.accessible(page, "admin-invoices");

        page.getByLabel("Status").selectOption("paid");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show invoices"))
                .click();
        assertThat(page.locator(".desk-table tbody tr")).hasCount(1);
        assertThat(page.locator(".desk-table tbody")).containsText(paidNumber);
        assertThat(page.locator(".desk-table tbody")).not().containsText(unpaidNumber);
        assertThat(page.locator(".desk-table tbody .chip")).hasText("Paid");
        // the PDF link works with the desk's own session
        String pdfHref = page.locator(".desk-table tbody a[href$='.pdf']").getAttribute("href");
        com.microsoft.playwright.APIResponse pdf =
                page.request().get(api.uri(pdfHref).toString());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().get("content-type")).startsWith("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Export these as CSV")))
                .hasAttribute("href", "/api/admin/invoices.csv?status=paid");

        page.getByLabel("Status").selectOption("unpaid");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show invoices"))
                .click();
        assertThat(page.locator(".desk-table tbody tr")).hasCount(1);
        assertThat(page.locator(".desk-table tbody")).containsText(unpaidNumber);
        assertThat(page.locator(".desk-table tbody .chip")).hasText("Awaiting payment");

        // a bad filter is named next to its field, with a 400
        Response bad = page.navigate("/admin/invoices?from=2026-13-40");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(page.locator("#from-error")).containsText("must be a date");

        // the booking pages link the invoice: the desk's, and the client's own
        page.navigate("/admin/bookings/" + paid.bookingId());
        assertThat(page.locator(".invoice-links")).containsText("Invoice " + paidNumber);
        assertThat(page.locator(".invoice-links a").first())
                .hasAttribute("href", "/api/admin/invoices/" + invoiceId(invoices, paid.bookingId()) + ".pdf");
        browser.close();
        Page own = signedIn(studio, client);
        own.navigate("/me/bookings/" + paid.code());
        assertThat(own.locator(".invoice-links")).containsText("Invoice " + paidNumber);
        assertThat(own.locator(".invoice-links a").first())
                .hasAttribute("href", "/api/me/invoices/" + invoiceId(invoices, paid.bookingId()) + ".pdf");
        PageChecks.accessible(own, "me-booking-invoices");
    }

    @Test
    void theSettingsFormSavesAndMarksWhatItRefuses() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        Page page = signedIn(studio, studio.owner());
        page.navigate("/admin/invoices/settings");
        PageChecks.accessible(page, "admin-invoice-settings");

        page.getByLabel("Legal name").fill("Roomtone Sound Ltd.");
        page.getByLabel("Invoice number prefix").fill("<bad>");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(page.locator("#invoice_prefix-error")).containsText("letters, digits");
        assertThat(page.getByLabel("Legal name")).hasValue("Roomtone Sound Ltd.");
        assertThat(api.get("/api/admin/invoice-settings", studio.owner())
                        .expect(200)
                        .json()
                        .get("legal_name")
                        .isNull())
                .as("nothing saved")
                .isTrue();

        page.getByLabel("Invoice number prefix").fill("RS-");
        page.getByLabel("Address").fill("1 Main St\nToronto");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved");
        JsonNode saved = api.get("/api/admin/invoice-settings", studio.owner())
                .expect(200)
                .json();
        assertThat(saved.get("legal_name").asString()).isEqualTo("Roomtone Sound Ltd.");
        assertThat(saved.get("invoice_prefix").asString()).isEqualTo("RS-");
        assertThat(saved.get("address").asString()).isEqualTo("1 Main St\nToronto");
    }

    private static String numberOf(JsonNode invoices, String bookingId) {
        for (JsonNode invoice : invoices) {
            if (invoice.get("booking_id").asString().equals(bookingId)) {
                return invoice.get("number").asString();
            }
        }
        throw new AssertionError("no invoice for " + bookingId);
    }

    private static String invoiceId(JsonNode invoices, String bookingId) {
        for (JsonNode invoice : invoices) {
            if (invoice.get("booking_id").asString().equals(bookingId)) {
                return invoice.get("id").asString();
            }
        }
        throw new AssertionError("no invoice for " + bookingId);
    }

    private Page signedIn(TestStudio studio, String token) {
        browser = Browser.open(api, studio, PHONE, true);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
        return browser.newPage();
    }
}
