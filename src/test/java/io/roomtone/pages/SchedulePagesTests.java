package io.roomtone.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.roomtone.identity.RequestAuthentication;
import io.roomtone.support.AccountMailbox;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.Browser;
import io.roomtone.support.PageChecks;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StaffView;
import io.roomtone.support.TestStudio;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The studio desk's schedule editor and a staff member's own page, in a real Chromium (scenario 6's
 * part: a staff member edits their own hours and sees their sessions), and over plain HTTP what bad
 * input, somebody else's ids, the wrong role and a missing CSRF token get.
 */
@RoomtoneTest
class SchedulePagesTests {

    static final String ZONE = TestStudio.ZONE.getId();

    @Autowired
    Api api;

    @Autowired
    AccountMailbox mailbox;

    final List<BrowserContext> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(BrowserContext::close);
    }

    /** A studio in Toronto without any opening hours, bookable an hour ahead. */
    private TestStudio closedStudio() {
        return new TestStudio(api).updateSettings("timezone", ZONE, "lead_time_min", 60, "approval_required", true);
    }

    // --- the desk's schedule ---

    @Test
    void theOwnerAddsOvernightHoursAndTheNextNightOffersOneInTheMorningUntilAClosureTakesItAway() {
        TestStudio studio = closedStudio();
        String room = studio.room();
        String service = studio.service().create();
        Page page = signedIn(studio, studio.owner(), 1280, false);

        page.navigate("/admin/schedule");
        assertThat(page.getByText("No opening hours yet — add the hours your studio is open"))
                .isVisible();
        assertThat(page.getByLabel("Monday", new Page.GetByLabelOptions().setExact(true)))
                .isFocused();

        String tomorrow = dayName(LocalDate.now(TestStudio.ZONE).plusDays(1));
        String afterTomorrow = dayName(LocalDate.now(TestStudio.ZONE).plusDays(2));
        page.getByLabel(tomorrow, new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Opens at").fill("22:00");
        page.getByLabel("Closes at").fill("02:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add hours"))
                .click();

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The hours are added");
        assertThat(page.locator(".sched-week")).containsText("until 02:00 next day");
        assertThat(page.locator(".sched-week .sched-from_previous_day")).containsText("continued from " + tomorrow);
        int column = LocalDate.now(TestStudio.ZONE).plusDays(2).getDayOfWeek().getValue() - 1;
        assertThat(page.locator(".sched-week > li").nth(column)).containsText(afterTomorrow);
        assertThat(page.locator(".sched-week > li").nth(column).locator(".sched-from_previous_day"))
                .containsText("00:00–02:00");
        JsonNode rules = api.get("/api/admin/schedule-rules?target_type=studio", studio.owner())
                .expect(200)
                .json();
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).get("start_time").asString()).isEqualTo("22:00");
        assertThat(rules.get(0).get("end_time").asString()).isEqualTo("02:00");

        // 22:00 tomorrow to 02:00 the day after: a one-hour session may start at 01:00 that next day
        assertThat(studio.slotStarts(room, service, 2)).contains(at(2, 1));
        assertThat(studio.slotStarts(room, service, 1)).contains(at(1, 22));

        String day = LocalDate.now(TestStudio.ZONE).plusDays(2).toString();
        page.getByLabel("Starts").fill(day + "T00:00");
        page.getByLabel("Ends").fill(day + "T03:00");
        page.getByLabel("Reason (optional)").fill("Floor <b>repair</b>");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add closure"))
                .click();

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The closure is added");
        assertThat(page.locator("table").getByText("Floor <b>repair</b>")).isVisible();
        assertThat(studio.slotStarts(room, service, 2)).doesNotContain(at(2, 1)).doesNotContain(at(2, 0));
        assertThat(studio.slotStarts(room, service, 1)).contains(at(1, 22));
    }

    @Test
    void theOwnerGivesARoomHoursOfItsOwnChangesThemAndDeletesThemAndAddsABuffer() {
        TestStudio studio = closedStudio();
        String room = studio.namedRoom("Live <i>Room</i>", null);
        Page page = signedIn(studio, studio.owner(), 1280, false);

        page.navigate("/admin/schedule");
        page.getByLabel("Whose hours").selectOption("room:" + room);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show their hours"))
                .click();
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("Weekly hours of the room Live <i>Room</i>")))
                .isVisible();
        assertThat(page.getByText("No hours of its own")).isVisible();

        for (String day : List.of("Monday", "Tuesday", "Wednesday")) {
            page.getByLabel(day, new Page.GetByLabelOptions().setExact(true)).check();
        }
        page.getByLabel("Opens at").fill("10:00");
        page.getByLabel("Closes at").fill("18:00");
        page.getByLabel("Applies until").fill("2031-12-31");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add hours"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The hours are added");
        assertThat(page.locator(".sched-week .sched-block")).hasCount(3);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change the hours 10:00–18:00"))
                .click();
        assertThat(page.getByLabel("Opens at")).hasValue("10:00");
        assertThat(page.getByLabel("Tuesday", new Page.GetByLabelOptions().setExact(true)))
                .isChecked();
        page.getByLabel("Wednesday", new Page.GetByLabelOptions().setExact(true))
                .uncheck();
        page.getByLabel("Opens at").fill("09:00");
        page.getByLabel("Applies until").fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The hours are changed");
        JsonNode rules = api.get("/api/admin/schedule-rules?target_type=room&target_id=" + room, studio.owner())
                .expect(200)
                .json();
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).get("start_time").asString()).isEqualTo("09:00");
        assertThat(rules.get(0).get("byweekday").toString()).isEqualTo("[1,2]");
        assertThat(rules.get(0).get("effective_to").isNull()).isTrue();

        page.getByLabel("Around sessions of").selectOption("room:" + room);
        page.getByLabel("Minutes before").fill("15");
        page.getByLabel("Minutes after").fill("30");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add buffer"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The buffer is added");
        assertThat(page.locator("table").getByText("30 min")).isVisible();
        // a second buffer for the same room: the service's conflict, shown at the form, nothing added
        page.getByLabel("Around sessions of").selectOption("room:" + room);
        com.microsoft.playwright.Response second =
                page.waitForResponse(r -> r.url().endsWith("/admin/schedule/buffers"), () -> page.getByRole(
                                AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add buffer"))
                        .click());
        assertThat(second.status()).isEqualTo(409);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("already has a buffer rule");
        assertThat(api.get("/api/admin/buffers", studio.owner()).expect(200).json())
                .hasSize(1);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete the hours 09:00–18:00"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The hours are deleted");
        assertThat(api.get("/api/admin/schedule-rules?target_type=room&target_id=" + room, studio.owner())
                        .expect(200)
                        .json())
                .isEmpty();
    }

    @Test
    void aRuleFormWithProblemsNamesThemNextToTheirFieldsAndSavesNothing() {
        TestStudio studio = closedStudio();
        Page page = signedIn(studio, studio.owner(), 1280, false);
        page.navigate("/admin/schedule");

        page.getByLabel("Opens at").fill("10:00");
        page.getByLabel("Closes at").fill("10:00");
        com.microsoft.playwright.Response answer =
                page.waitForResponse(r -> r.url().endsWith("/admin/schedule/rules"), () -> page.getByRole(
                                AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add hours"))
                        .click());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(page.locator("#days-error")).containsText("at least one day");
        assertThat(page.locator("#end_time-error")).containsText("must differ from start_time");
        assertThat(page.getByLabel("Closes at")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("nothing was saved");
        assertThat(api.get("/api/admin/schedule-rules", studio.owner())
                        .expect(200)
                        .json())
                .isEmpty();
    }

    @Test
    void badInputOnTheDeskIsA4xxPageNamingTheProblemAndWritesNothing() {
        TestStudio studio = closedStudio();
        String owner = studio.owner();
        TestStudio elsewhere = new TestStudio(api);
        String foreignRoom = elsewhere.room();
        String room = studio.room();

        assertRefused(page(studio, "/admin/schedule?target=planet", owner), 400, "is not one of studio, room, staff");
        assertRefused(page(studio, "/admin/schedule?target=room&id=" + foreignRoom, owner), 404, "No room with id");
        assertRefused(page(studio, "/admin/schedule?target=room&id=nope", owner), 400, "must be an id");
        assertRefused(page(studio, "/admin/schedule?target=room", owner), 400, "id: is required");
        assertRefused(page(studio, "/admin/schedule?edit=" + UUID.randomUUID(), owner), 404, "No schedule rule");

        String rule = "target=studio&days=1&start_time=10:00";
        assertRefused(form(studio, "/admin/schedule/rules", rule + "&end_time=10:00", owner), 400, "must differ");
        assertRefused(form(studio, "/admin/schedule/rules", rule + "&end_time=10:61", owner), 400, "must be a time");
        assertRefused(
                form(studio, "/admin/schedule/rules", rule + "&end_time=18:00&effective_from=999999999-01-01", owner),
                400,
                "must be a date");
        assertRefused(
                form(
                        studio,
                        "/admin/schedule/rules",
                        rule + "&end_time=18:00&effective_from=%2B999999999-01-01",
                        owner),
                400,
                "between the years 1 and 9999");
        assertRefused(
                form(studio, "/admin/schedule/rules", "target=studio&days=9&start_time=10:00&end_time=18:00", owner),
                400,
                "must be days of the week");
        assertRefused(
                form(
                        studio,
                        "/admin/schedule/rules",
                        "target=room&id=" + foreignRoom + "&days=1&start_time=10:00&end_time=18:00",
                        owner),
                404,
                "No room with id");
        assertRefused(
                form(studio, "/admin/schedule/rules", "target=moon&days=1&start_time=10:00&end_time=18:00", owner),
                400,
                "is not one of");

        String closure = "target=room&id=" + room + "&start_at=2031-05-01T10:00";
        assertRefused(
                form(studio, "/admin/schedule/closures", closure + "&end_at=2031-05-01T09:00", owner),
                400,
                "must be after");
        assertRefused(
                form(studio, "/admin/schedule/closures", closure + "&end_at=999999999-05-01T09:00", owner),
                400,
                "must be a date and time");
        assertRefused(
                form(studio, "/admin/schedule/closures", closure + "&end_at=2033-05-01T09:00", owner),
                400,
                "at most 366 days");

        assertRefused(
                form(studio, "/admin/schedule/buffers", "buffer_target=room:" + foreignRoom + "&before_min=5", owner),
                400,
                "is not a room of this studio");
        assertRefused(
                form(studio, "/admin/schedule/buffers", "buffer_target=room:" + room + "&before_min=99999", owner),
                400,
                "between 0 and 1440");
        assertRefused(
                form(studio, "/admin/schedule/buffers", "buffer_target=room:" + room + "&after_min=-1", owner),
                400,
                "between 0 and 1440");
        assertRefused(
                form(studio, "/admin/schedule/buffers", "buffer_target=planet:" + room, owner),
                400,
                "must be a room, service or staff member");
        assertRefused(
                form(studio, "/admin/schedule/buffers", "buffer_target=room:" + room + "&after_min=99999999999", owner),
                400,
                "whole number");

        // another studio's rule, closure and buffer are not found here, and stay
        String foreignRule = api.post(
                        "/api/admin/schedule-rules",
                        json(
                                "target_type",
                                "studio",
                                "byweekday",
                                List.of(1),
                                "start_time",
                                "10:00",
                                "end_time",
                                "11:00"),
                        elsewhere.owner())
                .expect(201)
                .json()
                .get("id")
                .asString();
        assertRefused(
                form(studio, "/admin/schedule/rules/" + foreignRule + "/delete", "", owner), 404, "No schedule rule");
        assertRefused(
                form(studio, "/admin/schedule/rules/" + foreignRule, "days=1&start_time=09:00&end_time=10:00", owner),
                404,
                "No schedule rule");
        assertRefused(
                form(studio, "/admin/schedule/closures/" + UUID.randomUUID() + "/delete", "", owner),
                404,
                "No exception");
        assertRefused(
                form(studio, "/admin/schedule/buffers/" + UUID.randomUUID() + "/delete", "", owner), 404, "No buffer");
        assertThat(api.get("/api/admin/schedule-rules", elsewhere.owner())
                        .expect(200)
                        .json())
                .hasSize(1);

        assertThat(api.get("/api/admin/schedule-rules", owner).expect(200).json())
                .isEmpty();
        assertThat(api.get("/api/admin/exceptions", owner).expect(200).json()).isEmpty();
        assertThat(api.get("/api/admin/buffers", owner).expect(200).json()).isEmpty();
    }

    // --- a staff member's own page ---

    @Test
    void aStaffMemberEditsTheirOwnHoursAddsTimeOffAndSeesTheirSessions() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.namedRoom("Tape Room", "#3366ff");
        String service =
                studio.service().named("Mixdown").withEngineerSkilled("mixing").create();
        Staff rio = invitedStaff(studio, "Rio Tape");
        String client = api.register(
                        "ada-" + UUID.randomUUID() + "@example.test",
                        "client-long-passphrase",
                        "Ada <b>Lovelace</b>",
                        studio.slug())
                .json()
                .get("token")
                .asString();
        BookedView booked =
                studio.book(booking(room, service, at(2, 10), at(2, 12)).withStaff(rio.id()), client);
        studio.approve(booked.bookingId(), "See you then");
        LocalDate sessionDay = LocalDate.now(TestStudio.ZONE).plusDays(2);

        Page page = signedIn(studio, rio.token(), 1280, false);
        page.navigate("/staff?view=day&date=" + sessionDay);
        assertThat(page.locator(".staff-session")).hasCount(1);
        assertThat(page.locator(".staff-session")).containsText("10:00–12:00");
        assertThat(page.locator(".staff-session")).containsText("Tape Room");
        assertThat(page.locator(".staff-session")).containsText("Mixdown");
        assertThat(page.locator(".staff-session")).containsText("Ada <b>Lovelace</b>");
        assertThat(page.locator(".staff-session .chip")).hasText("Confirmed");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next day"))
                .click();
        assertThat(page.getByText("No sessions on this day.")).isVisible();
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Week").setExact(true))
                .click();
        assertThat(page.locator(".staff-session").first()).isAttached();

        assertThat(page.getByText("You have no hours of your own")).isVisible();
        page.getByLabel("Monday", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Opens at").fill("10:00");
        page.getByLabel("Closes at").fill("18:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add these hours"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your hours are added");
        page.getByLabel("Friday", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Opens at").fill("20:00");
        page.getByLabel("Closes at").fill("01:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add these hours"))
                .click();
        assertThat(page.locator(".sched-week")).containsText("until 01:00 next day");
        assertThat(page.locator(".sched-week")).containsText("continued from Friday");
        assertThat(page.locator(".sched-week > li").nth(3)).containsText("Not working");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete the hours 20:00–01:00"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your hours are deleted");
        JsonNode mine =
                api.get("/api/me/schedule-rules", rio.token()).expect(200).json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("byweekday").toString()).isEqualTo("[1]");
        assertThat(mine.get(0).get("start_time").asString()).isEqualTo("10:00");
        assertThat(mine.get(0).get("end_time").asString()).isEqualTo("18:00");
        assertThat(mine.get(0).get("target_id").asString()).isEqualTo(rio.id());

        String offDay = LocalDate.now(TestStudio.ZONE).plusDays(9).toString();
        page.getByLabel("Starts").fill(offDay + "T00:00");
        page.getByLabel("Ends").fill(offDay + "T23:59");
        page.getByLabel("Reason (optional)").fill("Dentist");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add time off"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your time off is added");
        assertThat(page.locator("table").getByText("Dentist")).isVisible();
        JsonNode off = api.get("/api/me/exceptions", rio.token()).expect(200).json();
        assertThat(off).hasSize(1);
        assertThat(off.get(0).get("start_at").asString())
                .isEqualTo(LocalDate.parse(offDay)
                        .atStartOfDay(TestStudio.ZONE)
                        .toInstant()
                        .toString());
    }

    @Test
    void staffChangeOnlyTheirOwnHoursAndClientsAndStaffAreKeptWhereTheyBelong() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        Staff rio = invitedStaff(studio, "Rio");
        Staff kim = invitedStaff(studio, "Kim");
        String kimsRule = api.post(
                        "/api/me/schedule-rules",
                        json("byweekday", List.of(2), "start_time", "09:00", "end_time", "17:00"),
                        kim.token())
                .expect(201)
                .json()
                .get("id")
                .asString();
        String kimsTimeOff = api.post(
                        "/api/me/exceptions",
                        json("start_at", at(5, 0), "end_at", at(6, 0), "reason", "away"),
                        kim.token())
                .expect(201)
                .json()
                .get("id")
                .asString();

        assertRefused(form(studio, "/staff/hours/" + kimsRule + "/delete", "", rio.token()), 404, "No schedule rule");
        assertRefused(form(studio, "/staff/time-off/" + kimsTimeOff + "/delete", "", rio.token()), 404, "No exception");
        assertThat(api.get("/api/me/schedule-rules", kim.token()).expect(200).json())
                .hasSize(1);
        assertThat(api.get("/api/me/exceptions", kim.token()).expect(200).json())
                .hasSize(1);

        // a staff member's bad input: a 400 page naming it, nothing written
        assertRefused(
                form(studio, "/staff/hours", "days=1&start_time=10:00&end_time=10:00", rio.token()),
                400,
                "must differ");
        assertRefused(
                form(studio, "/staff/hours", "days=1&start_time=25:00&end_time=10:00", rio.token()),
                400,
                "must be a time");
        assertRefused(
                form(studio, "/staff/time-off", "start_at=999999999-01-01T10:00&end_at=2031-01-01T10:00", rio.token()),
                400,
                "must be a date and time");
        assertRefused(
                form(studio, "/staff/time-off", "start_at=2031-01-02T10:00&end_at=2031-01-01T10:00", rio.token()),
                400,
                "must be after");
        assertRefused(page(studio, "/staff?view=month", rio.token()), 400, "must be day or week");
        assertRefused(page(studio, "/staff?date=999999999-01-01", rio.token()), 400, "must be a date");
        assertRefused(page(studio, "/staff?date=9999-12-31", rio.token()), 400, "between the years 1 and 9999");
        assertThat(api.get("/api/me/schedule-rules", rio.token()).expect(200).json())
                .isEmpty();
        assertThat(api.get("/api/me/exceptions", rio.token()).expect(200).json())
                .isEmpty();

        // the desk is not theirs; /staff is not a client's
        assertThat(page(studio, "/admin/schedule", rio.token()).status()).isEqualTo(403);
        assertThat(form(
                                studio,
                                "/admin/schedule/rules",
                                "target=studio&days=1&start_time=10:00&end_time=11:00",
                                rio.token())
                        .status())
                .isEqualTo(403);
        String client = studio.client();
        assertThat(page(studio, "/staff", client).status()).isEqualTo(403);
        assertThat(page(studio, "/admin/schedule", client).status()).isEqualTo(403);
        assertThat(form(studio, "/staff/hours", "days=1&start_time=10:00&end_time=11:00", client)
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/admin/schedule-rules?target_type=studio", studio.owner())
                        .expect(200)
                        .json())
                .hasSize(1);

        // an owner without a staff profile is told so, and has nothing of their own to change
        Response owners = page(studio, "/staff", studio.owner());
        assertThat(owners.status()).isEqualTo(200);
        assertThat(owners.body()).contains("You have no staff profile in this studio");
        assertRefused(
                form(studio, "/staff/hours", "days=1&start_time=10:00&end_time=11:00", studio.owner()),
                403,
                "no staff profile");
    }

    @Test
    void formsNeedTheirCsrfToken() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        Staff rio = invitedStaff(studio, "Rio");
        String session = RequestAuthentication.SESSION_COOKIE + "=" + rio.token();
        String body = "days=1&start_time=10:00&end_time=18:00";

        Response forged = api.send(
                "POST",
                "/staff/hours",
                body,
                null,
                Map.of(
                        "X-Studio",
                        studio.slug(),
                        "Accept",
                        "text/html",
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Cookie",
                        session));
        assertThat(forged.status()).isEqualTo(403);
        Response forgedDesk = api.send(
                "POST",
                "/admin/schedule/rules",
                "target=studio&" + body,
                null,
                Map.of(
                        "X-Studio",
                        studio.slug(),
                        "Accept",
                        "text/html",
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Cookie",
                        RequestAuthentication.SESSION_COOKIE + "=" + studio.owner()));
        assertThat(forgedDesk.status()).isEqualTo(403);
        assertThat(api.get("/api/me/schedule-rules", rio.token()).expect(200).json())
                .isEmpty();
        assertThat(api.get("/api/admin/schedule-rules?target_type=studio", studio.owner())
                        .expect(200)
                        .json())
                .hasSize(1);

        Response shown = api.send(
                "GET",
                "/staff",
                null,
                null,
                Map.of("X-Studio", studio.slug(), "Accept", "text/html", "Cookie", session));
        assertThat(shown.status()).isEqualTo(200);
        String csrf = shown.cookie("XSRF-TOKEN").orElseThrow();
        Response sent = api.send(
                "POST",
                "/staff/hours",
                body,
                null,
                Map.of(
                        "X-Studio",
                        studio.slug(),
                        "Accept",
                        "text/html",
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Cookie",
                        session + "; XSRF-TOKEN=" + csrf,
                        "X-XSRF-TOKEN",
                        csrf));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(sent.header("Location").orElseThrow()).endsWith("/staff?done=hours-added");
        assertThat(api.get("/api/me/schedule-rules", rio.token()).expect(200).json())
                .hasSize(1);
    }

    @Test
    void theSchedulePagesHaveNoSeriousAccessibilityProblemAtPhoneAndDeskWidths() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.namedRoom("Live Room", "#3366ff");
        String service =
                studio.service().named("Tracking").withEngineerSkilled("mixing").create();
        Staff rio = invitedStaff(studio, "Rio Tape");
        api.post(
                        "/api/admin/schedule-rules",
                        json(
                                "target_type",
                                "studio",
                                "byweekday",
                                List.of(5, 6),
                                "start_time",
                                "22:00",
                                "end_time",
                                "02:00"),
                        studio.owner())
                .expect(201);
        studio.closeRoom(room, at(3, 8), at(3, 12), "Maintenance");
        studio.bufferAroundService(service, 15, 15);
        api.post(
                        "/api/me/schedule-rules",
                        json("byweekday", List.of(1, 2, 3), "start_time", "10:00", "end_time", "18:00"),
                        rio.token())
                .expect(201);
        api.post("/api/me/exceptions", json("start_at", at(8, 0), "end_at", at(9, 0), "reason", "Holiday"), rio.token())
                .expect(201);
        studio.book(booking(room, service, at(2, 10), at(2, 12)).withStaff(rio.id()), studio.client());
        String week = "/staff?view=week&date=" + LocalDate.now(TestStudio.ZONE).plusDays(2);

        for (int width : List.of(360, 1280)) {
            Page desk = signedIn(studio, studio.owner(), width, true);
            check(desk, "/admin/schedule", "admin-schedule", width);
            check(desk, "/admin/schedule?target=room&id=" + room, "admin-schedule-room", width);
            Page staff = signedIn(studio, rio.token(), width, true);
            check(staff, week, "staff", width);
            check(staff, "/staff", "staff-day", width);
        }
        TestStudio closed = closedStudio();
        check(signedIn(closed, closed.owner(), 360, true), "/admin/schedule", "admin-schedule-empty", 360);
    }

    // --- helpers ---

    record Staff(String id, String token) {}

    /** A staff member added by the owner with an invitation, who accepts it and signs in. */
    private Staff invitedStaff(TestStudio studio, String name) {
        StaffView invited = api.post(
                        "/api/admin/staff",
                        json(
                                "email",
                                "staff-" + UUID.randomUUID() + "@example.test",
                                "name",
                                name,
                                "skills",
                                List.of("mixing")),
                        studio.owner())
                .expect(201)
                .as(StaffView.class);
        String token = studio.anonymous(
                        "/api/auth/accept-invitation",
                        json("token", mailbox.invitationToken(invited.email()), "password", "a-staff-long-passphrase"))
                .expect(200)
                .json()
                .get("token")
                .asString();
        return new Staff(invited.id(), token);
    }

    private static String dayName(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private Page signedIn(TestStudio studio, String token, int width, boolean bypassCsp) {
        BrowserContext context = Browser.open(api, studio, width, bypassCsp);
        browsers.add(context);
        if (token != null) {
            context.addCookies(List.of(new Cookie(RequestAuthentication.SESSION_COOKIE, token)
                    .setUrl(api.uri("/").toString())
                    .setHttpOnly(true)));
        }
        return context.newPage();
    }

    private Response page(TestStudio studio, String path, String token) {
        return api.send("GET", path, null, token, Map.of("X-Studio", studio.slug(), "Accept", "text/html"));
    }

    private Response form(TestStudio studio, String path, String body, String token) {
        return api.send(
                "POST",
                path,
                body,
                token,
                Map.of(
                        "X-Studio", studio.slug(),
                        "Accept", "text/html",
                        "Content-Type", "application/x-www-form-urlencoded"));
    }

    private static void assertRefused(Response answer, int status, String named) {
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body().replace("&#39;", "'")).contains(named);
    }

    /** axe (WCAG 2.2 A/AA) finds nothing serious, a screenshot, and nothing scrolls sideways. */
    private static void check(Page page, String path, String name, int width) {
        assertThat(page.navigate(path).status()).as(path).isEqualTo(200);
        PageChecks.accessible(page, name);
    }
}
