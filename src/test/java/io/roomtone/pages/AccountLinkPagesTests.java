package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.roomtone.identity.AccountLinks;
import io.roomtone.support.AccountMailbox;
import io.roomtone.support.Api;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ways into an account by mail in a real browser, 360 pixels wide: "Forgot your password?" and
 * "E-mail me a sign-in link" from the sign-in page, the pages the mailed links open (a button, so a
 * link scanner cannot use them up), and the confirmation of a registration. Every page is checked by
 * axe-core and photographed into {@code target/screenshots/}. The mails are stood in for by {@link
 * AccountMailbox} until the mail side is wired.
 */
@RoomtoneTest
class AccountLinkPagesTests {

    static final int PHONE = 360;

    @Autowired
    Api api;

    @Autowired
    AccountMailbox mailbox;

    @Autowired
    AccountLinks links;

    TestStudio studio;
    BrowserContext browser;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api);
        // axe is injected as a script: this context alone ignores the CSP to let it in
        browser = Browser.open(api, studio, PHONE, true);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private String client(String email, String password) {
        return api.register(email, password, "Ada Lovelace", studio.slug())
                .json()
                .get("token")
                .asString();
    }

    @Test
    void aForgottenPasswordIsReplacedThroughTheMailedLink() {
        String email = "ada-" + UUID.randomUUID() + "@example.test";
        String old = client(email, "first-passphrase");
        Page page = browser.newPage();

        page.navigate("/signin");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgot your password?"))
                .click();
        PageChecks.accessible(page, "accounts-forgot");
        page.getByLabel("Email").fill(" " + email.toUpperCase() + " ");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a reset link"))
                .click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Check your e-mail")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("If an account uses this address");
        PageChecks.accessible(page, "accounts-sent");

        page.navigate(links.path(AccountLinks.Purpose.PASSWORD_RESET, mailbox.resetToken(email)));
        PageChecks.accessible(page, "accounts-reset");
        page.getByLabel("New password").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save password and sign in"))
                .click();
        assertThat(page.locator("#password-error")).isVisible();
        assertThat(page.getByLabel("New password")).hasAttribute("aria-invalid", "true");
        PageChecks.accessible(page, "accounts-reset-refused");
        page.getByLabel("New password").fill("second-passphrase");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save password and sign in"))
                .click();

        assertThat(page).hasURL(api.uri("/").toString());
        assertThat(page.locator(".viewer")).hasText("Signed in as Ada Lovelace");
        api.get("/api/auth/session", old).expect(401);
        api.login(email, "second-passphrase", studio.slug());
    }

    @Test
    void aSignInLinkOpensAPageWhoseButtonSignsInAndOnlyOnce() {
        String email = "ada-" + UUID.randomUUID() + "@example.test";
        client(email, "first-passphrase");
        Page page = browser.newPage();

        page.navigate("/signin?next=/me/bookings");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("E-mail me a sign-in link"))
                .click();
        PageChecks.accessible(page, "accounts-link-request");
        page.getByLabel("Email").fill(email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a sign-in link"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("sign-in link");

        String link = mailbox.signInLink(email);
        page.navigate(link);
        page.reload(); // a link scanner's visits use nothing up
        PageChecks.accessible(page, "accounts-link");
        assertThat(page.locator(".viewer")).hasCount(0);
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Sign in").setExact(true))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/me/bookings$"));
        assertThat(page.locator(".viewer")).hasText("Signed in as Ada Lovelace");
        page.navigate(link);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("does not work any more");
        PageChecks.accessible(page, "accounts-link-dead");
    }

    @Test
    void aRegistrationIsFinishedByTheConfirmationLink() {
        String email = "ada-" + UUID.randomUUID() + "@example.test";
        Page page = browser.newPage();
        page.navigate("/signup?next=/me/bookings");
        page.getByLabel("Full name").fill("Ada <b>Lovelace</b>");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("a-long-passphrase");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("finish creating your account");

        String link = mailbox.confirmationLink(email);
        page.navigate(link);
        PageChecks.accessible(page, "accounts-confirm");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm and sign in"))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/me/bookings$"));
        assertThat(page.locator(".viewer")).hasText("Signed in as Ada <b>Lovelace</b>");
        page.navigate(link);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("does not work any more");
        PageChecks.accessible(page, "accounts-confirm-dead");
    }
}
