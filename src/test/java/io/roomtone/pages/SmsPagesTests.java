package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
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
 * The client's profile page ({@code /me/profile}) in a real Chromium: a mobile number and the consent
 * to texts, refused next to the field when the number is not international, saved otherwise and
 * shown to the desk; accessible and fitting a 360 px phone.
 */
@RoomtoneTest
class SmsPagesTests {

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
    void aClientGivesTheirMobileNumberAndAgreesToTextsOnTheirProfile() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String client = studio.client();
        browser = Browser.open(api, studio, PHONE, true);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, client)
                .setUrl(api.uri("/").toString())));
        Page page = browser.newPage();
        page.navigate("/me/profile");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Your profile");
        PageChecks.accessible(page, "sms-profile");

        // a number without its country code is refused next to the field, and nothing is saved
        page.getByLabel("Mobile phone (optional)").fill("0416 555 0199");
        page.getByLabel("Text me about my bookings").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(page.locator("#phone-error")).containsText("+ and the country code");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Nothing was saved");
        PageChecks.accessible(page, "sms-profile-refused");
        assertThat(account(client).get("phone").isNull()).isTrue();

        page.getByLabel("Mobile phone (optional)").fill("+1 416 555 0199");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved.");
        assertThat(page.getByLabel("Text me about my bookings")).isChecked();
        assertThat(page.locator("main")).containsText("You agreed to texts on");
        JsonNode saved = account(client);
        assertThat(saved.get("phone").asString()).isEqualTo("+14165550199");
        assertThat(saved.get("sms_opt_in").asBoolean()).isTrue();

        // the desk sees the consent on the client's page
        String id = studio.userId(client);
        Api.Response desk =
                api.send("GET", "/admin/clients/" + id, null, studio.owner(), java.util.Map.of("Accept", "text/html"));
        assertThat(desk.body()).contains("Agreed to texts since");

        // unticked, the consent ends
        page.getByLabel("Text me about my bookings").uncheck();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved.");
        assertThat(account(client).get("sms_opt_in").asBoolean()).isFalse();
    }

    private JsonNode account(String token) {
        return api.get("/api/me/account", token).expect(200).json();
    }
}
