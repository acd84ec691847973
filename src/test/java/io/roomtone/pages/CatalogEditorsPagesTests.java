package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.Api;
import io.roomtone.support.BookingRequest;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The desk's catalog editors (rooms, services with their custom fields, staff) in a real Chromium. */
@RoomtoneTest
class CatalogEditorsPagesTests {

    private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

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

    // --- rooms ---

    @Test
    void theOwnerAddsEditsDeactivatesAndDeletesARoom() {
        TestStudio studio = new TestStudio(api);
        Page page = signedIn(studio, 1280);

        page.navigate("/admin/rooms");
        assertThat(page.getByText("No rooms yet")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New room"))
                .click();
        page.getByLabel("Name", EXACT).fill("Live Room");
        page.getByLabel("Capacity", EXACT).fill("6");
        page.getByLabel("Tags", EXACT).fill("Vocals, drums, ");
        page.getByLabel("Equipment", EXACT).fill("Neve 8078, Steinway D");
        page.getByLabel("Colour code (#rrggbb)").fill("#3366FF");
        click(page, "Add room");

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Room added");
        JsonNode room = onlyRoom(studio);
        assertThat(room.get("name").asString()).isEqualTo("Live Room");
        assertThat(room.get("capacity").asInt()).isEqualTo(6);
        assertThat(texts(room.get("tags"))).containsExactly("vocals", "drums");
        assertThat(texts(room.get("equipment"))).containsExactly("Neve 8078", "Steinway D");
        assertThat(room.get("color").asString()).isEqualTo("#3366FF");
        Locator row = page.locator("#room-" + room.get("id").asString());
        assertThat(row).containsText("#3366FF");
        assertThat(row).containsText("Neve 8078, Steinway D");
        assertThat(row).containsText("Active");

        // every field is sent: emptied ones are cleared, not kept
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Edit Live Room"))
                .click();
        assertThat(page.getByLabel("Tags", EXACT)).hasValue("vocals, drums");
        assertThat(page.getByLabel("Pick a colour")).hasValue("#3366ff");
        // the picker and the hex code stay in step
        page.getByLabel("Pick a colour").fill("#aa0000");
        assertThat(page.getByLabel("Colour code (#rrggbb)")).hasValue("#aa0000");
        page.getByLabel("Capacity", EXACT).fill("");
        page.getByLabel("Tags", EXACT).fill("");
        page.getByLabel("Colour code (#rrggbb)").fill("");
        page.getByLabel("Description", EXACT).fill("Big & bright");
        click(page, "Save room");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Room saved");
        room = onlyRoom(studio);
        assertThat(room.get("capacity").isNull()).isTrue();
        assertThat(room.get("color").isNull()).isTrue();
        assertThat(room.get("tags").isEmpty()).isTrue();
        assertThat(room.get("description").asString()).isEqualTo("Big & bright");
        assertThat(texts(room.get("equipment"))).containsExactly("Neve 8078", "Steinway D");

        page.navigate("/admin/rooms");
        click(page, "Deactivate Live Room");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Room deactivated");
        assertThat(onlyRoom(studio).get("active").asBoolean()).isFalse();
        click(page, "Activate Live Room");
        // the answer drawn first: only then is the change surely saved
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deactivate Live Room")))
                .isVisible();
        assertThat(onlyRoom(studio).get("active").asBoolean()).isTrue();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Delete Live Room"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Delete Live Room?")))
                .isVisible();
        assertThat(api.get("/api/admin/rooms", studio.owner())
                        .expect(200)
                        .json()
                        .size())
                .as("asking is not deleting")
                .isEqualTo(1);
        click(page, "Delete the room");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Room deleted");
        assertThat(api.get("/api/admin/rooms", studio.owner())
                        .expect(200)
                        .json()
                        .isEmpty())
                .isTrue();
    }

    @Test
    void thePickerAloneSetsTheColourWithoutJavaScript() {
        TestStudio studio = new TestStudio(api);
        String id = studio.namedRoom("Booth", null);

        // what a browser without the script sends: the picker changed, the hex field as it was shown
        Api.Response saved = form(
                "/admin/rooms/" + id,
                studio.owner(),
                "name",
                "Booth",
                "color",
                "",
                "color_was",
                "",
                "color_picker",
                "#aa0000",
                "active",
                "on");

        assertThat(saved.status()).isEqualTo(302);
        assertThat(room(studio, id).get("color").asString()).isEqualTo("#aa0000");
    }

    @Test
    void aRoomWithBookingsCannotBeDeletedAndTheDeskOffersToDeactivateIt() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        String roomId = studio.namedRoom("Booked Room", null);
        String serviceId = studio.service().create();
        studio.book(
                BookingRequest.booking(roomId, serviceId, TestStudio.at(3, 10), TestStudio.at(3, 11)), studio.client());
        Page page = signedIn(studio, 1280);

        page.navigate("/admin/rooms/" + roomId + "/delete");
        Response refused = page.waitForResponse(
                r -> r.url().endsWith("/delete") && r.request().method().equals("POST"),
                () -> click(page, "Delete the room"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("has bookings");
        assertThat(room(studio, roomId).get("name").asString()).isEqualTo("Booked Room");
        click(page, "Deactivate it instead");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Room deactivated");
        assertThat(room(studio, roomId).get("active").asBoolean()).isFalse();

        // so does a service: bookings keep what they booked
        Api.Response service = form("/admin/services/" + serviceId + "/delete", studio.owner());
        assertThat(service.status()).isEqualTo(409);
        assertThat(service.body()).contains("This service has bookings");
        service(studio, serviceId);
    }

    @Test
    void badRoomFormsAreRefusedNamingTheProblemAndWriteNothing() {
        TestStudio studio = new TestStudio(api);
        String id = studio.namedRoom("Kept", "#112233", "vocals");
        JsonNode before = room(studio, id);

        Api.Response created =
                form("/admin/rooms", studio.owner(), "name", "<script>x</script>", "capacity", "-5", "color", "red");
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.body())
                .contains("Capacity must be between 1 and 1000")
                .contains("Colour must be a hex color")
                .contains("&lt;script&gt;x&lt;/script&gt;")
                .doesNotContain("<script>x");
        Api.Response huge = form("/admin/rooms", studio.owner(), "name", "Huge", "capacity", "99999999999");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body()).contains("Capacity must be a whole number");
        assertThat(api.get("/api/admin/rooms", studio.owner())
                        .expect(200)
                        .json()
                        .size())
                .isEqualTo(1);

        // a required field left blank is refused, not kept
        Api.Response blank = form("/admin/rooms/" + id, studio.owner(), "name", " ", "tags", "drums");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("Name is required");
        Api.Response taken = form("/admin/rooms", studio.owner(), "name", "kept");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("already exists");
        assertThat(room(studio, id)).isEqualTo(before);
    }

    // --- services ---

    @Test
    void theOwnerAddsAServiceWithCustomFieldsThatClientsSeeAndEditsThem() {
        TestStudio studio = new TestStudio(api);
        Page page = signedIn(studio, 1280);

        page.navigate("/admin/services/new");
        assertThat(page.getByLabel("Pricing", EXACT)).hasValue("per_block");
        page.getByLabel("Name", EXACT).fill("Tracking");
        page.getByLabel("Length of one block, in minutes").fill("120");
        page.getByLabel("Price (CAD)").fill("75.50");
        page.getByLabel("Pricing", EXACT).selectOption("fixed");
        page.getByLabel("Most bookings a day").fill("3");
        page.getByLabel("Room tags").fill("Vocals");
        page.getByLabel("Needs an engineer").check();
        page.getByLabel("Skill the engineer needs").fill("Tracking");
        page.getByLabel("Question, field 1").fill("Song title");
        page.getByLabel("Required, field 1").check();
        page.getByLabel("Question, field 2").fill("Genre");
        page.getByLabel("Answer type, field 2").selectOption("select");
        page.getByLabel("Choices, field 2").fill("Rock\nJazz\nFolk");
        click(page, "Add service");

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Service added");
        JsonNode service = onlyService(studio);
        String id = service.get("id").asString();
        assertThat(service.get("default_duration_min").asInt()).isEqualTo(120);
        assertThat(service.get("base_price_cents").asLong()).isEqualTo(7550);
        assertThat(service.get("pricing_model").asString()).isEqualTo("fixed");
        assertThat(service.get("max_per_day").asInt()).isEqualTo(3);
        assertThat(service.get("requires_engineer").asBoolean()).isTrue();
        assertThat(service.get("staff_skill_required").asString()).isEqualTo("tracking");
        assertThat(texts(service.get("room_tags"))).containsExactly("vocals");
        JsonNode fields = service.get("custom_fields");
        assertThat(fields.size()).isEqualTo(2);
        assertThat(fields.get(0).get("key").asString()).isEqualTo("song_title");
        assertThat(fields.get(0).get("required").asBoolean()).isTrue();
        assertThat(fields.get(1).get("type").asString()).isEqualTo("select");
        assertThat(texts(fields.get(1).get("options"))).containsExactly("Rock", "Jazz", "Folk");
        Locator row = page.locator("#service-" + id);
        assertThat(row).containsText("CA$75.50");
        assertThat(row).containsText("fixed");
        assertThat(row).containsText("With engineer");

        // the second field's label changes; the emptied first row goes; max per day is cleared
        page.navigate("/admin/services/" + id);
        assertThat(page.getByLabel("Choices, field 2")).hasValue("Rock\nJazz\nFolk");
        page.getByLabel("Question, field 1").fill("");
        page.getByLabel("Key, field 1").fill("");
        page.getByLabel("Question, field 2").fill("Music genre");
        page.getByLabel("Most bookings a day").fill("");
        click(page, "Save service");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Service saved");

        JsonNode offered = api.get("/api/services", studio.client()).expect(200).json();
        assertThat(offered.size()).isEqualTo(1);
        JsonNode edited = offered.get(0).get("custom_fields");
        assertThat(edited.size()).isEqualTo(1);
        assertThat(edited.get(0).get("key").asString()).isEqualTo("genre");
        assertThat(edited.get(0).get("label").asString()).isEqualTo("Music genre");
        assertThat(texts(edited.get(0).get("options"))).containsExactly("Rock", "Jazz", "Folk");
        assertThat(offered.get(0).get("max_per_day").isNull()).isTrue();
        assertThat(offered.get(0).get("base_price_cents").asLong()).isEqualTo(7550);

        page.navigate("/admin/services/" + id + "/delete");
        click(page, "Delete the service");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Service deleted");
        assertThat(api.get("/api/admin/services", studio.owner())
                        .expect(200)
                        .json()
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aCustomFieldProblemIsShownInItsRowAndNothingIsSaved() {
        TestStudio studio = new TestStudio(api);
        String id = studio.service().named("Mixing").create();
        JsonNode before = service(studio, id);
        Page page = signedIn(studio, 1280);

        page.navigate("/admin/services/" + id);
        page.getByLabel("Question, field 1").fill("Format");
        page.getByLabel("Answer type, field 1").selectOption("select");
        page.getByLabel("Question, field 2").fill("Notes");
        page.getByLabel("Key, field 2").fill("Bad Key");
        page.getByLabel("Price (CAD)").fill("99999999999999999999");
        Response answer =
                page.waitForResponse(r -> r.request().method().equals("POST"), () -> click(page, "Save service"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(page.locator("#price-error")).containsText("must be between 0 and 100000000.00");
        assertThat(service(studio, id)).isEqualTo(before);

        // once the price parses, the service's own rules speak, each in its row
        page.getByLabel("Price (CAD)").fill("80");
        click(page, "Save service");
        assertThat(page.locator("#cf-options-error-0")).containsText("needs at least one option");
        assertThat(page.getByLabel("Choices, field 1")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#cf-key-error-1")).containsText("lower-case letter");
        assertThat(page.getByLabel("Question, field 2")).hasValue("Notes");
        assertThat(service(studio, id)).isEqualTo(before);
    }

    @Test
    void badServiceFormsAreRefusedNamingTheProblemAndWriteNothing() {
        TestStudio studio = new TestStudio(api);
        String id = studio.service().named("Kept").create();
        JsonNode before = service(studio, id);

        Api.Response zero =
                form("/admin/services", studio.owner(), "name", "Zero", "default_duration_min", "0", "price", "10");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.body()).contains("must be between 1 and 1440");
        Api.Response negative =
                form("/admin/services", studio.owner(), "name", "Neg", "default_duration_min", "-5", "price", "1");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).contains("must be between 1 and 1440");
        Api.Response negativePrice =
                form("/admin/services", studio.owner(), "name", "Neg", "default_duration_min", "60", "price", "-1");
        assertThat(negativePrice.status()).isEqualTo(400);
        assertThat(negativePrice.body()).contains("Price (CAD) must be 0 or more");
        Api.Response model = form(
                "/admin/services",
                studio.owner(),
                "name",
                "Model",
                "default_duration_min",
                "60",
                "price",
                "1",
                "pricing_model",
                "per_hour");
        assertThat(model.status()).isEqualTo(400);
        assertThat(model.body()).contains("must be one of per_block, fixed");

        List<String> tooMany = new ArrayList<>(List.of("name", "Many", "default_duration_min", "60", "price", "1"));
        for (int i = 0; i < 21; i++) {
            tooMany.addAll(List.of("cf_label", "Question " + i, "cf_key", "", "cf_type", "text", "cf_options", ""));
        }
        Api.Response many = form("/admin/services", studio.owner(), tooMany.toArray(String[]::new));
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.body()).contains("must have at most 20 fields");
        Api.Response noOptions = form(
                "/admin/services",
                studio.owner(),
                "name",
                "Choice",
                "default_duration_min",
                "60",
                "price",
                "1",
                "cf_label",
                "Pick one",
                "cf_type",
                "select",
                "cf_key",
                "",
                "cf_options",
                " , ");
        assertThat(noOptions.status()).isEqualTo(400);
        assertThat(noOptions.body()).contains("a select field needs at least one option");
        assertThat(api.get("/api/admin/services", studio.owner())
                        .expect(200)
                        .json()
                        .size())
                .isEqualTo(1);

        // every field is sent: a blank required one is refused rather than kept
        Api.Response blank =
                form("/admin/services/" + id, studio.owner(), "name", "Kept", "default_duration_min", "", "price", "");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("is required");
        assertThat(service(studio, id)).isEqualTo(before);
    }

    // --- staff ---

    @Test
    void theOwnerAddsStaffWhoGetsAJoinLinkThenEditsInvitesRotatesTheCalendarAndRemovesThem()
            throws InterruptedException {
        // the first invitation and the "Send again" below must fall in one of the account mails'
        // windows (a later one issues a new link): start with a minute of it left at least
        long window = 300; // notifications' AccountMails.WINDOW, package-private there
        long left = window - java.time.Instant.now().getEpochSecond() % window;
        if (left < 60) {
            Thread.sleep(left * 1000 + 500);
        }
        TestStudio studio = new TestStudio(api);
        Page page = signedIn(studio, 1280);
        String email = "sam-" + UUID.randomUUID() + "@example.test";

        page.navigate("/admin/staff");
        assertThat(page.getByText("No staff yet")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add someone"))
                .click();
        page.getByLabel("Name", EXACT).fill("Sam Engineer");
        page.getByLabel("Email", EXACT).fill(email);
        page.getByLabel("Skills", EXACT).fill("Mixing, Mastering");
        page.getByLabel("Hourly rate (CAD)").fill("45");
        click(page, "Add to the staff");

        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sam Engineer is on the staff")))
                .isVisible();
        // the invitation goes out by mail: the page names the address, never the link
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Invitation sent to " + email);
        assertThat(page.locator("code.copy")).hasCount(0);
        String firstToken = mailbox.invitationToken(email);
        assertThat(page.content()).doesNotContain(firstToken);
        JsonNode member = onlyStaff(studio);
        String id = member.get("id").asString();
        assertThat(texts(member.get("skills"))).containsExactly("mixing", "mastering");
        assertThat(member.get("hourly_rate_cents").asLong()).isEqualTo(4500);
        assertThat(member.get("can_sign_in").asBoolean()).isFalse();

        page.navigate("/admin/staff");
        Locator row = page.locator("#staff-" + id);
        assertThat(row).containsText("Invitation not accepted yet");
        assertThat(row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Weekly hours of Sam Engineer")))
                .hasAttribute("href", "/admin/schedule?target=staff&id=" + id);

        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Edit Sam Engineer"))
                .click();
        page.getByLabel("Skills", EXACT).fill("mixing");
        page.getByLabel("Hourly rate (CAD)").fill("");
        page.getByLabel("Calendar their sessions go to").selectOption("google");
        click(page, "Save");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved");
        member = onlyStaff(studio);
        assertThat(texts(member.get("skills"))).containsExactly("mixing");
        assertThat(member.get("hourly_rate_cents").isNull()).isTrue();
        assertThat(member.get("default_calendar_provider").asString()).isEqualTo("google");

        // asked again minutes later, the mail on its way answers: no second mail, the first link works
        // (a later one ends it: see notifications.StaffInvitationMailTests)
        click(page, "Invite to sign in");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Invitation sent to " + email);
        click(page, "Send again");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Invitation sent to " + email);
        assertThat(page.content()).doesNotContain(firstToken);
        assertThat(mailbox.invitationToken(email)).isEqualTo(firstToken);
        studio.anonymous("/api/auth/accept-invitation", json("token", firstToken, "password", "a-long-passphrase"))
                .expect(200);

        page.navigate("/admin/staff/" + id);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite to sign in")))
                .hasCount(0);
        click(page, "Create a calendar link");
        String calendar = page.locator("code.copy").textContent();
        assertThat(calendar).contains("/api/calendar/ics/staff/" + id + ".ics?token=");
        assertThat(onlyStaff(studio).get("ics_feed_enabled").asBoolean()).isTrue();
        page.navigate("/admin/staff/" + id);
        click(page, "Replace the calendar link");
        assertThat(page.locator("code.copy").textContent()).isNotEqualTo(calendar);

        page.navigate("/admin/staff/" + id);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Remove Sam Engineer from the staff"))
                .click();
        click(page, "Remove from the staff");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Removed from the staff");
        assertThat(api.get("/api/admin/staff", studio.owner())
                        .expect(200)
                        .json()
                        .isEmpty())
                .isTrue();
    }

    @Test
    void staffWithUpcomingSessionsAreNeitherRemovedNorDeactivated() {
        TestStudio studio = new TestStudio(api).openWithoutApproval();
        TestStudio.Engineer engineer = studio.engineer("mixing");
        String roomId = studio.room();
        String serviceId = studio.service().withEngineerSkilled("mixing").create();
        studio.book(
                BookingRequest.booking(roomId, serviceId, TestStudio.at(3, 10), TestStudio.at(3, 11))
                        .withStaff(engineer.id()),
                studio.client());

        Api.Response removed = form("/admin/staff/" + engineer.id() + "/delete", studio.owner());
        assertThat(removed.status()).isEqualTo(409);
        assertThat(removed.body()).contains("assigned to 1 upcoming bookings");
        Api.Response deactivated = form("/admin/staff/" + engineer.id() + "/active", studio.owner(), "active", "false");
        assertThat(deactivated.status()).isEqualTo(409);
        assertThat(deactivated.body()).contains("upcoming bookings");
        JsonNode member = api.get("/api/admin/staff/" + engineer.id(), studio.owner())
                .expect(200)
                .json();
        assertThat(member.get("active").asBoolean()).isTrue();
    }

    @Test
    void badStaffFormsAreRefusedNamingTheProblemAndWriteNothing() {
        TestStudio studio = new TestStudio(api);
        TestStudio.Engineer engineer = studio.engineer("mixing");
        JsonNode before = api.get("/api/admin/staff/" + engineer.id(), studio.owner())
                .expect(200)
                .json();

        Api.Response missing = form("/admin/staff", studio.owner(), "name", "No Email", "email", "");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("Email is required");
        Api.Response rate = form(
                "/admin/staff",
                studio.owner(),
                "name",
                "Rich",
                "email",
                "rich-" + UUID.randomUUID() + "@example.test",
                "hourly_rate",
                "99999999999999999999");
        assertThat(rate.status()).isEqualTo(400);
        Api.Response provider = form(
                "/admin/staff/" + engineer.id(),
                studio.owner(),
                "name",
                "Engineer",
                "email",
                before.get("email").asString(),
                "default_calendar_provider",
                "lotus");
        assertThat(provider.status()).isEqualTo(400);
        assertThat(provider.body()).contains("must be one of google, outlook, apple");
        Api.Response blankName = form(
                "/admin/staff/" + engineer.id(),
                studio.owner(),
                "name",
                "",
                "email",
                before.get("email").asString());
        assertThat(blankName.status()).isEqualTo(400);
        assertThat(blankName.body()).contains("Name must not be blank");
        // the engineer chose their password: the desk cannot invite them to choose another
        Api.Response invite = form("/admin/staff/" + engineer.id() + "/invitation", studio.owner());
        assertThat(invite.status()).isEqualTo(403);
        assertThat(invite.body()).contains("manages their own password").doesNotContain("Invitation sent");

        assertThat(api.get("/api/admin/staff", studio.owner())
                        .expect(200)
                        .json()
                        .size())
                .isEqualTo(1);
        assertThat(api.get("/api/admin/staff/" + engineer.id(), studio.owner())
                        .expect(200)
                        .json())
                .isEqualTo(before);
    }

    // --- all three ---

    @Test
    void unknownAndOtherStudiosIdsAreNotFoundAndLeaveTheOtherStudioAlone() {
        TestStudio studio = new TestStudio(api);
        TestStudio other = new TestStudio(api);
        String room = other.namedRoom("Theirs", null);
        String service = other.service().create();
        String staff = other.engineer("mixing").id();

        for (String path : List.of(
                "/admin/rooms/" + room,
                "/admin/rooms/not-a-uuid",
                "/admin/rooms/" + Api.UNKNOWN_ID + "/delete",
                "/admin/services/" + service,
                "/admin/services/12345",
                "/admin/staff/" + staff,
                "/admin/staff/" + staff + "/delete")) {
            Api.Response answer = page(path, studio.owner());
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).as(path).startsWith("text/html");
        }
        for (String path : List.of(
                "/admin/rooms/" + room,
                "/admin/rooms/" + room + "/delete",
                "/admin/rooms/" + room + "/active",
                "/admin/services/" + service + "/delete",
                "/admin/staff/" + staff + "/delete",
                "/admin/staff/" + staff + "/invitation",
                "/admin/staff/" + staff + "/calendar-link")) {
            assertThat(form(path, studio.owner(), "name", "Mine now", "active", "false")
                            .status())
                    .as(path)
                    .isEqualTo(404);
        }
        JsonNode theirs =
                api.get("/api/admin/rooms/" + room, other.owner()).expect(200).json();
        assertThat(theirs.get("name").asString()).isEqualTo("Theirs");
        assertThat(theirs.get("active").asBoolean()).isTrue();
        api.get("/api/admin/services/" + service, other.owner()).expect(200);
        JsonNode engineer =
                api.get("/api/admin/staff/" + staff, other.owner()).expect(200).json();
        assertThat(engineer.get("ics_feed_enabled").asBoolean()).isFalse();
    }

    @Test
    void formsNeedTheCsrfTokenAndStaffAndClientsAreKeptOut() {
        TestStudio studio = new TestStudio(api);
        String client = studio.client();
        String engineer = studio.engineer("mixing").token();

        // a browser's post carries the session cookie; without the form's token it is refused
        Api.Response forged = api.send(
                "POST",
                "/admin/rooms",
                "name=Forged",
                null,
                Map.of(
                        "Cookie", RequestAuthentication.SESSION_COOKIE + "=" + studio.owner(),
                        "Content-Type", "application/x-www-form-urlencoded",
                        "Accept", "text/html"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(api.get("/api/admin/rooms", studio.owner())
                        .expect(200)
                        .json()
                        .isEmpty())
                .isTrue();

        for (String token : List.of(client, engineer)) {
            for (String path : List.of("/admin/rooms", "/admin/services/new", "/admin/staff")) {
                assertThat(page(path, token).status()).as(path).isEqualTo(403);
            }
            assertThat(form("/admin/rooms", token, "name", "Sneaky").status()).isEqualTo(403);
            assertThat(form("/admin/services", token, "name", "Sneaky").status())
                    .isEqualTo(403);
            assertThat(form("/admin/staff", token, "name", "Sneaky", "email", "s@example.test")
                            .status())
                    .isEqualTo(403);
        }
        assertThat(api.get("/api/admin/rooms", studio.owner())
                        .expect(200)
                        .json()
                        .isEmpty())
                .isTrue();
    }

    @Test
    void namesWithMarkupAreShownAsTextOnEveryList() {
        TestStudio studio = new TestStudio(api);
        String evil = "<script>alert(1)</script>";
        studio.namedRoom(evil, "#3366ff");
        api.post(
                        "/api/admin/services",
                        json("name", evil, "default_duration_min", 60, "base_price_cents", 100),
                        studio.owner())
                .expect(201);
        api.post(
                        "/api/admin/staff",
                        json("email", "evil@example.test", "name", "<b>Bold</b> <i>Sam</i>"),
                        studio.owner())
                .expect(201);

        for (String path : List.of("/admin/rooms", "/admin/services", "/admin/staff")) {
            String html = page(path, studio.owner()).expect(200).body();
            assertThat(html).as(path).doesNotContain("<script>alert").doesNotContain("<b>Bold");
        }
        Page page = signedIn(studio, 1280);
        for (String path : List.of("/admin/rooms", "/admin/services", "/admin/staff")) {
            page.navigate(path);
            String name = path.endsWith("staff") ? "<b>Bold</b> <i>Sam</i>" : evil;
            assertThat(page.getByRole(
                            AriaRole.LINK,
                            new Page.GetByRoleOptions().setName(name).setExact(true)))
                    .isVisible();
        }
    }

    @Test
    void theEditorsHaveNoSeriousAccessibilityProblemAtPhoneAndDeskWidths() {
        TestStudio studio = new TestStudio(api);
        String room = studio.namedRoom("Live Room", "#3366ff", "vocals");
        String service = api.post(
                        "/api/admin/services",
                        "{\"name\":\"Tracking\",\"default_duration_min\":60,\"base_price_cents\":5000,"
                                + "\"custom_fields\":[{\"key\":\"genre\",\"label\":\"Genre\",\"type\":\"select\","
                                + "\"required\":true,\"options\":[\"Rock\",\"Jazz\"]}]}",
                        studio.owner())
                .expect(201)
                .json()
                .get("id")
                .asString();
        String staff = api.post(
                        "/api/admin/staff",
                        json(
                                "email",
                                "ada-" + UUID.randomUUID() + "@example.test",
                                "name",
                                "Ada",
                                "skills",
                                List.of("mixing")),
                        studio.owner())
                .expect(201)
                .json()
                .get("id")
                .asString();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("rooms", "/admin/rooms");
        pages.put("rooms-new", "/admin/rooms/new");
        pages.put("rooms-edit", "/admin/rooms/" + room);
        pages.put("rooms-delete", "/admin/rooms/" + room + "/delete");
        pages.put("services", "/admin/services");
        pages.put("services-new", "/admin/services/new");
        pages.put("services-edit", "/admin/services/" + service);
        pages.put("services-delete", "/admin/services/" + service + "/delete");
        pages.put("staff", "/admin/staff");
        pages.put("staff-new", "/admin/staff/new");
        pages.put("staff-edit", "/admin/staff/" + staff);
        pages.put("staff-delete", "/admin/staff/" + staff + "/delete");
        for (int width : List.of(360, 1280)) {
            Page page = signedIn(studio, width, true);
            for (Map.Entry<String, String> entry : pages.entrySet()) {
                assertThat(page.navigate(entry.getValue()).status())
                        .as(entry.getValue())
                        .isEqualTo(200);
                check(page, entry.getKey(), width);
            }
            // the answer pages: a form with problems, an invitation sent
            page.navigate("/admin/services/new");
            click(page, "Add service");
            assertThat(page.locator(".field-error").first()).isVisible();
            check(page, "services-problems", width);
            page.navigate("/admin/staff/" + staff);
            click(page, "Invite to sign in");
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Invitation sent to");
            check(page, "staff-invited", width);
        }
    }

    // --- helpers ---

    private void check(Page page, String name, int width) {
        PageChecks.accessible(page, "admin-" + name);
    }

    private static void click(Page page, String button) {
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(button).setExact(true))
                .click();
    }

    private JsonNode onlyRoom(TestStudio studio) {
        JsonNode rooms = api.get("/api/admin/rooms", studio.owner()).expect(200).json();
        assertThat(rooms.size()).isEqualTo(1);
        return rooms.get(0);
    }

    private JsonNode room(TestStudio studio, String id) {
        return api.get("/api/admin/rooms/" + id, studio.owner()).expect(200).json();
    }

    private JsonNode onlyService(TestStudio studio) {
        JsonNode services =
                api.get("/api/admin/services", studio.owner()).expect(200).json();
        assertThat(services.size()).isEqualTo(1);
        return services.get(0);
    }

    private JsonNode service(TestStudio studio, String id) {
        return api.get("/api/admin/services/" + id, studio.owner()).expect(200).json();
    }

    private JsonNode onlyStaff(TestStudio studio) {
        JsonNode staff = api.get("/api/admin/staff", studio.owner()).expect(200).json();
        assertThat(staff.size()).isEqualTo(1);
        return staff.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }

    /** A page as a browser asks for it, signed in with {@code token}. */
    private Api.Response page(String path, String token) {
        return api.send("GET", path, null, token, Map.of("Accept", "text/html"));
    }

    /**
     * A form post as the page's own form sends it (a bearer token needs no CSRF token; the cookie
     * case is tested on its own): names and values alternate.
     */
    private Api.Response form(String path, String token, String... namesAndValues) {
        String body = java.util.stream.IntStream.range(0, namesAndValues.length / 2)
                .mapToObj(i -> encode(namesAndValues[2 * i]) + "=" + encode(namesAndValues[2 * i + 1]))
                .collect(Collectors.joining("&"));
        return api.send(
                "POST",
                path,
                body,
                token,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Page signedIn(TestStudio studio, int width) {
        return signedIn(studio, width, false);
    }

    private Page signedIn(TestStudio studio, int width, boolean bypassCsp) {
        if (browser != null) {
            browser.close();
        }
        browser = Browser.open(api, studio, width, bypassCsp);
        browser.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, studio.owner())
                .setUrl(api.uri("/").toString())
                .setHttpOnly(true)));
        return browser.newPage();
    }
}
