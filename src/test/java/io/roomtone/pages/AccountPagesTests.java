package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.Browser;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Creating an account, signing out and in again, in a real Chromium. */
@RoomtoneTest
class AccountPagesTests {

    @Autowired
    Api api;

    @Autowired
    io.roomtone.support.AccountMailbox mailbox;

    BrowserContext browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void signUpThenSignOutThenSignInAgain() {
        TestStudio studio = new TestStudio(api);
        browser = Browser.open(api, studio);
        Page page = browser.newPage();
        String email = "ada-" + UUID.randomUUID() + "@example.test";

        page.navigate("/signup?next=/availability");
        page.getByLabel("Full name").fill("Ada Lovelace");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Phone (optional)").fill("+1 416 555 0100");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("a-long-passphrase");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account"))
                .click();
        // the same answer whether or not the address had an account; the mail's link finishes
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Check your e-mail")))
                .isVisible();
        assertThat(page.locator(".viewer")).hasCount(0);
        page.navigate(mailbox.confirmationLink(email));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm and sign in"))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/availability$"));
        assertThat(page.locator(".viewer")).hasText("Signed in as Ada Lovelace");
        Cookie session = browser.cookies().stream()
                .filter(c -> c.name.equals(RequestAuthentication.SESSION_COOKIE))
                .findFirst()
                .orElseThrow();
        assertThat(session.httpOnly).isTrue();
        assertThat(session.sameSite).hasToString("LAX");

        Response signedOut = page.waitForResponse(r -> r.url().endsWith("/signout"), () -> page.getByRole(
                        AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click());
        assertThat(signedOut.status()).as("sign-out answers with a redirect").isEqualTo(302);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in")))
                .isVisible();
        assertThat(api.get("/api/auth/session", session.value).status())
                .as("the session ended on the server, not only in the browser")
                .isEqualTo(401);

        page.navigate("/signin");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("wrong-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        // the same words whichever of the two was wrong, and a hint for a registration not confirmed yet
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("The email or password is incorrect.");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Follow the link in the e-mail");
        assertThat(page.getByLabel("Email")).hasValue(email);

        page.getByLabel("Password").fill("a-long-passphrase");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/$"));
        assertThat(page.locator(".viewer")).hasText("Signed in as Ada Lovelace");
    }

    @Test
    void signUpProblemsAreShownNextToTheirFields() {
        TestStudio studio = new TestStudio(api);
        browser = Browser.open(api, studio);
        Page page = browser.newPage();

        page.navigate("/signup");
        page.getByLabel("Email").fill("not-an-address");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("short");
        Response answer = page.waitForResponse(
                r -> r.url().endsWith("/signup") && r.request().method().equals("POST"),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account"))
                        .click());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(page.locator("#name-error")).containsText("Full name");
        assertThat(page.locator("#email-error")).isVisible();
        assertThat(page.locator("#password-error")).isVisible();
        assertThat(page.getByLabel("Email")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Email")).hasValue("not-an-address");
    }

    @Test
    void signInLeadsOnlyToPagesOfThisSite() {
        TestStudio studio = new TestStudio(api);
        browser = Browser.open(api, studio);
        Page page = browser.newPage();

        page.navigate("/signin?next=//evil.example/steal");
        page.getByLabel("Email").fill(studio.ownerEmail());
        page.getByLabel("Password").fill(Api.OtherStudio.OWNER_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();

        assertThat(page).hasURL(api.uri("/").toString());
    }

    @Test
    void htmxRequestsCarryTheCsrfToken() {
        TestStudio studio = new TestStudio(api);
        browser = Browser.open(api, studio);
        Page page = browser.newPage();
        page.navigate("/signin");

        // a state-changing request through htmx, as later pages will make: roomtone.js adds the token
        Response answer = page.waitForResponse(
                r -> r.url().endsWith("/signout"),
                () -> page.evaluate("htmx.ajax('POST', '/signout', {target: '#main', swap: 'none'})"));

        assertThat(answer.status()).isLessThan(400);
    }
}
