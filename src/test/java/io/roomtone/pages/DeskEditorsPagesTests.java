package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.Api.json;
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
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The owner's editors for settings and the team, and the audit log, in a real Chromium. */
@RoomtoneTest
class DeskEditorsPagesTests {

    @Autowired
    io.roomtone.support.AccountMailbox mailbox;

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
    void theOwnerChangesSettingsAndTheCancellationTiers() {
        TestStudio studio = new TestStudio(api);
        Page page = signedIn(studio, studio.owner(), 1280);

        page.navigate("/admin/settings");
        page.getByLabel("Studio name").fill("Blue Door Sound");
        page.getByLabel("Tax rate (%)").fill("14.98");
        page.getByLabel("Booking requests wait for our approval").uncheck();
        page.getByLabel("Hours before the start, tier 3").fill("");
        page.getByLabel("Refund percentage, tier 3").fill("");
        page.getByLabel("Hours before the start, tier 4").fill("0");
        page.getByLabel("Refund percentage, tier 4").fill("10");
        page.getByLabel("Reschedule fee (CAD)").fill("25.50");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings"))
                .click();

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Settings saved");
        JsonNode settings =
                api.get("/api/admin/settings", studio.owner()).expect(200).json();
        assertThat(settings.get("name").asString()).isEqualTo("Blue Door Sound");
        assertThat(settings.get("tax_rate_bps").asInt()).isEqualTo(1498);
        assertThat(settings.get("approval_required").asBoolean()).isFalse();
        assertThat(settings.get("reschedule_policy").get("fee_cents").asLong()).isEqualTo(2550);
        assertThat(settings.get("cancellation_policy").get("tiers").findValues("refund_percent").stream()
                        .map(JsonNode::asInt)
                        .toList())
                .containsExactlyInAnyOrder(100, 50, 10);
        page.navigate("/admin/settings");
        assertThat(page.getByLabel("Tax rate (%)")).hasValue("14.98");
    }

    @Test
    void aSettingsFormWithProblemsNamesEachNextToItsFieldAndSavesNothing() {
        TestStudio studio = new TestStudio(api);
        JsonNode before =
                api.get("/api/admin/settings", studio.owner()).expect(200).json();
        Page page = signedIn(studio, studio.owner(), 1280);

        page.navigate("/admin/settings");
        page.getByLabel("Studio name").fill("Renamed");
        page.getByLabel("Latest booking, in days ahead").fill("999999999999");
        page.getByLabel("Deposit (% of the total)").fill("101");
        page.getByLabel("Reschedule fee (CAD)").fill("1.005");
        com.microsoft.playwright.Response answer = page.waitForResponse(
                r -> r.url().endsWith("/admin/settings") && r.request().method().equals("POST"),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings"))
                        .click());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(page.locator("#horizon_days-error")).containsText("whole number");
        assertThat(page.getByLabel("Latest booking, in days ahead")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("[id='reschedule_policy.fee-error']")).containsText("at most 2 decimals");
        assertThat(page.getByLabel("Studio name")).hasValue("Renamed");
        assertThat(api.get("/api/admin/settings", studio.owner()).expect(200).json())
                .isEqualTo(before);

        // the service's own rule, once every field parses
        page.getByLabel("Latest booking, in days ahead").fill("30");
        page.getByLabel("Reschedule fee (CAD)").fill("1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings"))
                .click();
        assertThat(page.locator("#deposit_percent-error")).containsText("between 0 and 100");
        assertThat(api.get("/api/admin/settings", studio.owner()).expect(200).json())
                .isEqualTo(before);
    }

    @Test
    void theOwnerInvitesStaffWhoJoinsThroughTheLinkAndLandsOnTheirPage() {
        TestStudio studio = new TestStudio(api);
        Page page = signedIn(studio, studio.owner(), 1280);
        String email = "sam-" + UUID.randomUUID() + "@example.test";

        page.navigate("/admin/team");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Sam <b>Engineer</b>");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("staff");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite"))
                .click();

        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sam <b>Engineer</b> is invited")))
                .isVisible();
        assertThat(page.locator("[role=status]")).containsText("We are e-mailing an invitation to " + email);
        assertThat(page.locator("main")).not().containsText("token=");
        // the link of the invitation mail, issued as the mail side issues it
        String link = io.roomtone.identity.Team.invitationPath(mailbox.invitationToken(email));
        assertThat(link).startsWith("/join?token=");
        assertThat(page.locator("table").getByText("Invitation not accepted yet"))
                .isVisible();

        BrowserContext invitee = Browser.open(api, studio);
        try {
            Page join = invitee.newPage();
            join.navigate(link);
            join.getByLabel("Password").fill("short");
            join.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password and sign in"))
                    .click();
            assertThat(join.locator("#password-error")).isVisible();
            join.getByLabel("Password").fill("a-long-studio-passphrase");
            join.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password and sign in"))
                    .click();
            assertThat(join).hasURL(Pattern.compile(".*/staff$"));

            // the link is spent: a second use is refused, whoever follows it
            Page again = invitee.newPage();
            again.navigate(link);
            again.getByLabel("Password").fill("another-long-passphrase");
            again.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password and sign in"))
                    .click();
            assertThat(again.getByRole(AriaRole.ALERT)).containsText("invalid, expired or already used");
        } finally {
            invitee.close();
        }
        page.navigate("/admin/team");
        assertThat(page.locator("table").getByText("Invitation not accepted yet"))
                .hasCount(0);
    }

    @Test
    void theLastOwnerCannotBeRemovedAndAnAdminSeesTheTeamWithoutItsForms() {
        TestStudio studio = new TestStudio(api);
        Page page = signedIn(studio, studio.owner(), 1280);
        page.navigate("/admin/team");

        com.microsoft.playwright.Response refused =
                page.waitForResponse(r -> r.url().endsWith("/remove"), () -> page.getByRole(
                                AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove access for"))
                        .first()
                        .click());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("last owner");
        assertThat(api.get("/api/admin/team", studio.owner()).expect(200).json().findValuesAsString("role"))
                .containsExactly("owner");

        String adminEmail = "admin-" + UUID.randomUUID() + "@example.test";
        api.post(
                        "/api/admin/team/invitations",
                        json("email", adminEmail, "name", "Ad Min", "role", "admin"),
                        studio.owner())
                .expect(201);
        String invitation = mailbox.invitationToken(adminEmail);
        String adminToken = studio.anonymous(
                        "/api/auth/accept-invitation", json("token", invitation, "password", "admin-long-passphrase"))
                .expect(200)
                .json()
                .get("token")
                .asString();
        Page asAdmin = signedIn(studio, adminToken, 1280);
        asAdmin.navigate("/admin/team");
        assertThat(asAdmin.getByText("Only an owner can invite people")).isVisible();
        assertThat(asAdmin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite")))
                .hasCount(0);
    }

    @Test
    void theAuditLogListsChangesNewestFirstAndPagesBack() {
        TestStudio studio = new TestStudio(api);
        for (int i = 0; i < 55; i++) {
            studio.namedRoom("Room " + i, null);
        }
        Page page = signedIn(studio, studio.owner(), 1280);

        page.navigate("/admin/audit?entity=room");
        assertThat(page.locator(".timeline > li")).hasCount(50);
        assertThat(page.locator(".timeline > li").first()).containsText("Room 54");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older entries"))
                .click();
        assertThat(page.locator(".timeline > li")).hasCount(5);
        assertThat(page.locator(".timeline > li").last()).containsText("Room 0");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older entries")))
                .hasCount(0);
    }

    @Test
    void aVisitorInAnotherZoneSeesTheirTimeBesideTheStudiosTime() {
        TestStudio studio = new TestStudio(api);
        studio.namedRoom("Booth", null);
        Page page = signedIn(studio, studio.owner(), 1280, false, "Europe/Berlin");

        page.navigate("/admin/audit");

        // the studio is in Toronto: six hours behind Berlin, five in the weeks their clocks change apart
        java.time.Instant now = java.time.Instant.now();
        int apart =
                (java.time.ZoneId.of("Europe/Berlin").getRules().getOffset(now).getTotalSeconds()
                                - TestStudio.ZONE.getRules().getOffset(now).getTotalSeconds())
                        / 3600;
        String studioTime = page.locator("time[data-local]").first().textContent();
        String berlin = page.locator(".visitor-time").first().textContent();
        assertThat(page.locator(".zone-visitor")).containsText("Europe/Berlin");
        String studioClock = studioTime.substring(studioTime.length() - 5);
        int hour = (Integer.parseInt(studioClock.substring(0, 2)) + apart) % 24;
        assertThat(berlin)
                .contains(String.format("%02d:%s", hour, studioClock.substring(3)))
                .endsWith("your time)");

        Page here = signedIn(studio, studio.owner(), 1280, false, TestStudio.ZONE.getId());
        here.navigate("/admin/audit");
        assertThat(here.locator(".visitor-time")).hasCount(0);
        assertThat(here.locator(".zone-visitor")).isEmpty();
    }

    @Test
    void staffAndClientsAreKeptOutOfTheEditors() {
        TestStudio studio = new TestStudio(api);
        String client = studio.client();
        for (String path : List.of("/admin/settings", "/admin/team", "/admin/audit")) {
            assertThat(api.get(path, client).status()).as(path).isEqualTo(403);
        }
        assertThat(api.post("/admin/team/invitations", "email=x%40example.test&name=X&role=admin", client)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theEditorsHaveNoSeriousAccessibilityProblemAtPhoneAndDeskWidths() {
        TestStudio studio = new TestStudio(api);
        studio.namedRoom("Live Room", "#3366ff");
        for (int width : List.of(360, 1280)) {
            Page page = signedIn(studio, studio.owner(), width, true);
            for (String path : List.of("/admin/settings", "/admin/team", "/admin/audit")) {
                assertThat(page.navigate(path).status()).as(path).isEqualTo(200);
                PageChecks.accessible(page, "admin-" + path.substring(path.lastIndexOf('/') + 1));
            }
        }
    }

    private Page signedIn(TestStudio studio, String token, int width) {
        return signedIn(studio, token, width, false);
    }

    private Page signedIn(TestStudio studio, String token, int width, boolean bypassCsp) {
        return signedIn(studio, token, width, bypassCsp, null);
    }

    private Page signedIn(TestStudio studio, String token, int width, boolean bypassCsp, String zone) {
        if (browser != null) {
            browser.close();
        }
        browser = Browser.open(api, studio, width, bypassCsp, zone);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                .setUrl(api.uri("/").toString())
                .setHttpOnly(true)));
        return browser.newPage();
    }
}
