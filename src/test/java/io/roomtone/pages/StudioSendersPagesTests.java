package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.Accounts;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The owner's forms for the studio's own mail server and SMS account on {@code /admin/integrations}
 * in a real Chromium: with JavaScript off, a refused submit shows each problem next to its field and
 * saves nothing, a good one saves and comes back (post/redirect/get) saying which way mail goes now;
 * an admin sees no form and may not post one; accessible and fitting a 360 px phone.
 */
@RoomtoneTest
class StudioSendersPagesTests {

    static final int PHONE = 360;
    static final String FORM = "application/x-www-form-urlencoded";
    static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

    @DynamicPropertySource
    static void key(DynamicPropertyRegistry registry) {
        registry.add("roomtone.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    }

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    TestStudio studio;
    final List<BrowserContext> browsers = new ArrayList<>();

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(BrowserContext::close);
    }

    @Test
    void theOwnerStoresTheStudiosMailServerWithJavaScriptOffAndIsToldWhatIsWrongFirst() {
        Page page = signedIn(Browser.openWithoutJavaScript(api, studio), studio.owner());
        page.navigate("/admin/integrations");
        assertThat(page.locator("#senders")).containsText("E-mail is off");
        // the form is folded away until asked for
        assertThat(page.getByLabel("Server host name")).isHidden();
        page.getByText("Use the studio's own mail server").click();

        page.getByLabel("Server host name").fill("smtp_example.com");
        page.getByLabel("Port", EXACT).fill("65536");
        page.getByLabel("Username (optional)").fill("desk");
        page.getByLabel("Sender address").fill("bookings");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the mail server"))
                .click();

        assertThat(page.getByRole(AriaRole.ALERT)).containsText("nothing was saved");
        // refused, the form stays open with what was typed
        assertThat(page.getByLabel("Server host name")).isVisible();
        assertThat(page.locator("#host-error")).containsText("host name");
        assertThat(page.locator("#port-error")).containsText("1 to 65535");
        assertThat(page.locator("#password-error")).containsText("required with a username");
        assertThat(page.locator("#from_address-error")).containsText("e-mail address");
        assertThat(page.getByLabel("Port", EXACT)).hasValue("65536");
        assertThat(page.getByLabel("Server host name")).hasAttribute("aria-invalid", "true");
        assertThat(mail().get("source").asString()).isEqualTo("none");

        page.getByLabel("Server host name").fill("smtp.studio.example");
        page.getByLabel("Port", EXACT).fill("465");
        page.getByLabel("TLS from the start (usually port 465)").check();
        page.getByLabel("Password", EXACT).fill("correct horse");
        page.getByLabel("Sender address").fill("bookings@studio.example");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the mail server"))
                .click();

        assertThat(page).hasURL(java.util.regex.Pattern.compile("/admin/integrations\\?done=mail-saved$"));
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Saved.");
        assertThat(page.locator("#senders")).containsText("the studio's own SMTP server");
        assertThat(page.locator("#senders")).containsText("password ending in orse");
        assertThat(page.locator("main")).not().containsText("correct horse");
        // the password field is never filled in again; the rest shows what is stored
        page.getByText("Change the studio's mail server").click();
        assertThat(page.getByLabel("Password", EXACT)).hasValue("");
        assertThat(page.getByLabel("Port", EXACT)).hasValue("465");
        JsonNode stored = mail();
        assertThat(stored.get("source").asString()).isEqualTo("studio");
        assertThat(stored.get("security").asString()).isEqualTo("ssl");
        assertThat(stored.get("password_hint").asString()).isEqualTo("orse");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove the studio's mail server"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Removed.");
        assertThat(mail().get("source").asString()).isEqualTo("none");
    }

    @Test
    void theOwnerStoresTheStudiosTwilioAccountAndABadSidIsNamedNextToItsField() {
        Page page = signedIn(Browser.openWithoutJavaScript(api, studio), studio.owner());
        page.navigate("/admin/integrations");
        page.getByText("Use the studio's own Twilio account").click();

        page.getByLabel("Account SID").fill("AC123");
        page.getByLabel("Auth token").fill("0123456789abcdef0123456789abcdef");
        page.getByLabel("Sender", EXACT).fill("+1 416 555 0100");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the SMS account"))
                .click();
        assertThat(page.locator("#account_sid-error")).containsText("AC followed by 32");
        assertThat(page.locator("#sender-error")).containsText("E.164");
        assertThat(page.getByLabel("Auth token")).hasValue("");

        String sid = "AC" + "0123456789abcdef".repeat(2);
        page.getByLabel("Account SID").fill(sid);
        page.getByLabel("Auth token").fill("0123456789abcdef0123456789abcdef");
        page.getByLabel("Sender", EXACT).fill("+14165550100");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the SMS account"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Saved.");
        assertThat(page.locator("#senders")).containsText("the studio's own Twilio account");
        assertThat(page.locator("#senders")).containsText("auth token ending in cdef");
        JsonNode sms = api.get("/api/admin/integrations/sms", studio.owner())
                .expect(200)
                .json();
        assertThat(sms.get("account_sid").asString()).isEqualTo(sid);
    }

    @Test
    void theSectionIsAccessibleAndFitsAPhoneEmptyAndRefused() {
        Page page = signedIn(Browser.open(api, studio, PHONE, true), studio.owner());
        page.navigate("/admin/integrations");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Mail server (SMTP)")))
                .isVisible();
        PageChecks.accessible(page, "senders");

        page.getByText("Use the studio's own mail server").click();
        page.getByLabel("Server host name").fill("x".repeat(300));
        page.getByLabel("Port", EXACT).fill("0");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the mail server"))
                .click();
        assertThat(page.locator("#port-error")).isVisible();
        PageChecks.accessible(page, "senders-refused");
    }

    @Test
    void badFormPostsAre400PagesNamingTheFieldAndAnAdminMayNotPostAtAll() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("host", "h".repeat(10 * 1024));
        fields.put("port", String.valueOf(Long.MAX_VALUE));
        fields.put("security", "plain");
        fields.put("from_address", "desk@studio.example");
        Api.Response refused = post("/admin/integrations/mail", fields, studio.owner());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body())
                .contains("id=\"host-error\"")
                .contains("id=\"port-error\"")
                .contains("id=\"security-error\"")
                // a 10 KB paste is not shown back whole
                .doesNotContain("h".repeat(400));
        for (String port : List.of("0", "65536", "-1", "1e3", String.valueOf(Long.MAX_VALUE))) {
            fields = new LinkedHashMap<>();
            fields.put("host", "smtp.studio.example");
            fields.put("port", port);
            fields.put("security", "starttls");
            fields.put("from_address", "desk@studio.example");
            assertThat(post("/admin/integrations/mail", fields, studio.owner()).body())
                    .as("port " + port)
                    .contains("id=\"port-error\"");
        }
        assertThat(mail().get("source").asString()).isEqualTo("none");

        String admin = admin();
        fields.put("port", "587");
        assertThat(post("/admin/integrations/mail", fields, admin).status()).isEqualTo(403);
        assertThat(post("/admin/integrations/mail/remove", Map.of(), admin).status())
                .isEqualTo(403);
        assertThat(post("/admin/integrations/sms/remove", Map.of(), admin).status())
                .isEqualTo(403);
        String page = api.send("GET", "/admin/integrations", null, admin, Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(page).contains("owner can change these").doesNotContain("Save the mail server");
        assertThat(mail().get("source").asString()).isEqualTo("none");
    }

    private JsonNode mail() {
        return api.get("/api/admin/integrations/mail", studio.owner())
                .expect(200)
                .json();
    }

    private Api.Response post(String path, Map<String, String> fields, String token) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return api.send("POST", path, body, token, Map.of("Content-Type", FORM, "Accept", "text/html"));
    }

    private String admin() {
        String email = "admin-" + UUID.randomUUID() + "@studio.test";
        Tenancy.runAs(
                UUID.fromString(studio.id()),
                () -> accounts.create(email, "admin-password-1", "Desk admin", null, Role.ADMIN));
        return api.login(email, "admin-password-1", studio.slug());
    }

    private Page signedIn(BrowserContext browser, String token) {
        browsers.add(browser);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())));
        return browser.newPage();
    }
}
