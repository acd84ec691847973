package io.roomtone.booking;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Secrets;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingView;
import io.roomtone.support.MovableClock;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Manage booking" links over plain HTTP: a booking opened, moved and canceled without signing in,
 * by the client's own rules; one form sent a dozen times at once changes the booking once; a link
 * of no booking here is a 404, a link whose booking can no longer change a 410; bad input is refused
 * with the problem named and writes nothing (not even the form's one-time id); pages are rate limited.
 */
@RoomtoneTest
@TestPropertySource(properties = "roomtone.rate-limits.manage-per-ip=" + ManageLinkTests.PER_STUDIO_AND_IP + "/1h")
class ManageLinkTests {

    static final int PER_STUDIO_AND_IP = 45;

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    Api api;

    @Autowired
    ManageLinks links;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A studio that approves requests, charges 15.00 for every move and refunds 50 % within 72 hours. */
    record Setting(TestStudio studio, String room, String service, String client) {

        BookedView book(String start, String end) {
            return studio.book(booking(room, service, start, end), client);
        }
    }

    private Setting studio() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        studio.updateSettings(
                "cancellation_policy",
                Map.of("tiers", List.of(tier(72, 100), tier(0, 50))),
                "reschedule_policy",
                Map.of("free_min_hours_before", 24, "free_reschedules", 0, "fee_cents", 1500));
        String room = studio.room("vocal");
        String service = studio.service().inRoomsTagged("vocal").create();
        return new Setting(studio, room, service, studio.client());
    }

    private static Map<String, Object> tier(int hours, int percent) {
        return Map.of("min_hours_before", hours, "refund_percent", percent);
    }

    @Test
    void aDozenCopiesOfOneCancelFormCancelTheBookingOnce() {
        Setting s = studio();
        BookedView booked = s.book(at(2, 10), at(2, 11));
        String token = issue(s.studio(), booked.bookingId());
        String base = "/manage/" + token;

        Form form = form(s.studio(), base + "/cancel");
        assertThat(form.page().body()).contains("50% of what you paid");
        String body = "action=" + form.field("action") + "&percent=" + form.field("percent") + "&reason=Band+split";
        List<Response> answers = Parallel.send(12, i -> post(s.studio(), base + "/cancel", body, form.csrf()));

        assertThat(Parallel.count(answers, 302)).as("%s", answers).isEqualTo(1);
        assertThat(Parallel.count(answers, 409)).as("%s", answers).isEqualTo(11);
        assertThat(answers).filteredOn(a -> a.status() == 409).allSatisfy(a -> assertThat(unescaped(a))
                .contains("was canceled"));
        Response done =
                answers.stream().filter(a -> a.status() == 302).findFirst().orElseThrow();
        assertThat(done.header("Location").orElseThrow()).endsWith(base + "?done=canceled");

        BookingView canceled = s.studio().booking(booked.bookingId(), s.client());
        assertThat(canceled.status()).isEqualTo("canceled");
        assertThat(canceled.cancelReason()).isEqualTo("Band split");
        assertThat(row(s.studio(), token).get("actions")).isEqualTo(1);

        // the landing of the cancellation, then a link that no longer opens the booking
        Response landing = page(s.studio(), base + "?done=canceled");
        assertThat(landing.status()).isEqualTo(200);
        assertThat(unescaped(landing)).contains("Your booking was canceled");
        await().untilAsserted(
                        () -> assertThat(row(s.studio(), token).get("revoked")).isEqualTo(true));
        Response gone = page(s.studio(), base);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(unescaped(gone)).contains("This booking was canceled").contains(booked.code());
        assertThat(page(s.studio(), base + "/cancel").status()).isEqualTo(410);
    }

    @Test
    void aClientReschedulesWithinThePolicyAndIsRefusedOutsideIt() {
        Setting s = studio();
        BookedView booked = s.book(at(2, 10), at(2, 11));
        String token = issue(s.studio(), booked.bookingId());
        String base = "/manage/" + token;

        Response view = page(s.studio(), base);
        assertThat(view.status()).isEqualTo(200);
        assertThat(unescaped(view))
                .contains(booked.code())
                .contains("America/Toronto")
                .contains("Moving it now costs")
                .contains("Cancelling now refunds 50%");
        Response times = page(s.studio(), base + "/reschedule?date=" + day(at(2, 10)));
        assertThat(times.status()).isEqualTo(200);
        assertThat(times.body()).contains(base + "/reschedule/confirm?start=");

        Form confirm = form(s.studio(), base + "/reschedule/confirm?start=" + at(2, 14));
        assertThat(confirm.page().body()).contains("15.00");
        assertThat(s.studio().booking(booked.bookingId(), s.client()).startAt())
                .as("nothing moves before the client confirms")
                .isEqualTo(at(2, 10));
        String move = confirm.body("action", "start", "fee");
        Response moved = post(s.studio(), base + "/reschedule", move, confirm.csrf());
        assertThat(moved.status()).as("%s", moved).isEqualTo(302);
        assertThat(moved.header("Location").orElseThrow()).endsWith(base + "?done=rescheduled");
        assertThat(unescaped(page(s.studio(), base + "?done=rescheduled"))).contains("moved to");
        BookingView after = s.studio().booking(booked.bookingId(), s.client());
        assertThat(after.startAt()).isEqualTo(at(2, 14));
        assertThat(after.feesCents()).isEqualTo(1500);
        assertThat(after.reschedules()).isEqualTo(1);

        // the same form again: 409, the booking as it is now, nothing moved twice
        Response again = post(s.studio(), base + "/reschedule", move, confirm.csrf());
        assertThat(again.status()).isEqualTo(409);
        assertThat(unescaped(again)).contains("This form was already sent").contains("14:00–15:00");
        assertThat(s.studio().booking(booked.bookingId(), s.client()).reschedules())
                .isEqualTo(1);

        // a fresh form; a time within the studio's lead time is refused and gives the form's id back
        Form fresh = form(s.studio(), base + "/reschedule/confirm?start=" + at(3, 10));
        assertThat(fresh.field("action")).isNotEqualTo(confirm.field("action"));
        Response tooSoon = post(
                s.studio(),
                base + "/reschedule",
                "action=" + fresh.field("action") + "&start=" + at(-1, 10) + "&fee=1500",
                fresh.csrf());
        assertThat(tooSoon.status()).isEqualTo(400);
        assertThat(unescaped(tooSoon)).contains("lead time");
        Response otherFee = post(
                s.studio(),
                base + "/reschedule",
                "action=" + fresh.field("action") + "&start=" + at(3, 10) + "&fee=0",
                fresh.csrf());
        assertThat(otherFee.status()).isEqualTo(409);
        assertThat(unescaped(otherFee)).contains("The fee changed");
        assertThat(row(s.studio(), token).get("actions")).isEqualTo(1);

        // the session has started: the client's pages refuse a move, as the signed-in ones do (confirmed
        // first: a request still undecided at its start would expire)
        s.studio().approve(booked.bookingId(), null);
        clock.moveTo(Instant.parse(at(2, 14)).plus(Duration.ofMinutes(10)));
        Response started = page(s.studio(), base + "/reschedule");
        assertThat(started.status()).isEqualTo(409);
        assertThat(unescaped(started)).contains("cannot be rescheduled online");
        Response late = post(s.studio(), base + "/reschedule", fresh.body("action", "start", "fee"), fresh.csrf());
        assertThat(late.status()).isEqualTo(409);
        assertThat(unescaped(late)).contains("already started");
        assertThat(s.studio().booking(booked.bookingId(), s.client()).startAt()).isEqualTo(at(2, 14));

        // and once it is over the link no longer opens the booking
        clock.moveTo(Instant.parse(at(2, 15)).plus(Duration.ofMinutes(1)));
        Response over = page(s.studio(), base);
        assertThat(over.status()).isEqualTo(410);
        assertThat(unescaped(over)).contains("This session is over");
        assertThat(post(s.studio(), base + "/reschedule", fresh.body("action", "start", "fee"), fresh.csrf())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aTokenOfNoBookingHereIsANotFoundPage() {
        Setting s = studio();
        BookedView booked = s.book(at(2, 10), at(2, 11));
        String token = issue(s.studio(), booked.bookingId());
        Setting other = studio();
        BookedView theirs = other.book(at(2, 12), at(2, 13));
        String theirToken = issue(other.studio(), theirs.bookingId());

        for (String wrong : List.of(
                Secrets.newToken(),
                "short",
                token.substring(0, 42) + (token.charAt(42) == 'A' ? 'B' : 'A'),
                token + "A",
                theirToken)) {
            Response answer = page(s.studio(), "/manage/" + wrong);
            assertThat(answer.status()).as(wrong).isEqualTo(404);
            assertThat(answer.body()).doesNotContain(theirs.code()).doesNotContain(booked.code());
            assertThat(page(s.studio(), "/manage/" + wrong + "/cancel").status())
                    .isEqualTo(404);
        }
        Form form = form(s.studio(), "/manage/" + token + "/cancel");
        Response forged = post(
                s.studio(),
                "/manage/" + theirToken + "/cancel",
                "action=" + form.field("action") + "&percent=50",
                form.csrf());
        assertThat(forged.status()).isEqualTo(404);
        assertThat(other.studio().booking(theirs.bookingId(), other.client()).status())
                .isEqualTo("awaiting_approval");
        assertThat(page(other.studio(), "/manage/" + theirToken).status()).isEqualTo(200);

        // a form without its CSRF token changes nothing
        Response noCsrf = api.send(
                "POST",
                "/manage/" + token + "/cancel",
                "action=" + form.field("action") + "&percent=100",
                null,
                Map.of(
                        "X-Studio",
                        s.studio().slug(),
                        "Accept",
                        "text/html",
                        "Content-Type",
                        "application/x-www-form-urlencoded"));
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(s.studio().booking(booked.bookingId(), s.client()).status()).isEqualTo("awaiting_approval");
    }

    @Test
    void linksCloseWhenTheBookingIsCanceledOrDecidedAgainstAndNoneIsIssuedThen() {
        Setting s = studio();
        BookedView canceled = s.book(at(2, 10), at(2, 11));
        BookedView rejected = s.book(at(3, 10), at(3, 11));
        String first = issue(s.studio(), canceled.bookingId());
        String second = issue(s.studio(), canceled.bookingId());
        String third = issue(s.studio(), rejected.bookingId());
        assertThat(first).isNotEqualTo(second);
        assertThat(page(s.studio(), "/manage/" + first).status()).isEqualTo(200);

        s.studio().cancel(canceled.bookingId(), "Changed plans", s.client());
        api.post(
                        "/api/admin/bookings/" + rejected.bookingId() + "/reject",
                        Api.json("reason", "Closed for a private event"),
                        s.studio().owner())
                .expect(200);

        await().untilAsserted(() -> {
            assertThat(row(s.studio(), first).get("revoked")).isEqualTo(true);
            assertThat(row(s.studio(), second).get("revoked")).isEqualTo(true);
            assertThat(row(s.studio(), third).get("revoked")).isEqualTo(true);
        });
        assertThat(unescaped(page(s.studio(), "/manage/" + second))).contains("This booking was canceled");
        Response declined = page(s.studio(), "/manage/" + third);
        assertThat(declined.status()).isEqualTo(410);
        assertThat(unescaped(declined)).contains("The studio declined this request");
        assertThat(Tenancy.callAs(
                        UUID.fromString(s.studio().id()), () -> links.issue(UUID.fromString(canceled.bookingId()))))
                .isEmpty();
        assertThat(Tenancy.callAs(UUID.fromString(s.studio().id()), () -> links.issue(UUID.randomUUID())))
                .isEmpty();
    }

    @Test
    void badInputIsRefusedWithTheProblemNamedAndWritesNothing() {
        Setting s = studio();
        BookedView booked = s.book(at(2, 10), at(2, 11));
        String base = "/manage/" + issue(s.studio(), booked.bookingId());
        TestStudio studio = s.studio();

        assertRefused(page(studio, base + "/reschedule?date=999999999-01-01"), 400, "is not a date");
        assertRefused(page(studio, base + "/reschedule?date=%2B999999999-01-01"), 400, "between the years 1 and 9999");
        assertRefused(page(studio, base + "/reschedule/confirm?start=soon"), 400, "start");
        assertRefused(
                page(studio, base + "/reschedule/confirm?start=%2B999999999-01-01T10:00:00Z"),
                400,
                "between the years 1 and 9999");

        Form form = form(studio, base + "/reschedule/confirm?start=" + at(2, 14));
        String action = "action=" + form.field("action");
        String csrf = form.csrf();
        assertRefused(
                post(studio, base + "/reschedule", action + "&start=%2B999999999-01-01T10:00:00Z&fee=1500", csrf),
                400,
                "between the years 1 and 9999");
        assertRefused(post(studio, base + "/reschedule", action + "&start=soon&fee=1500", csrf), 400, "start");
        assertRefused(post(studio, base + "/reschedule", action + "&start=" + at(2, 14) + "&fee=-5", csrf), 400, "fee");
        assertRefused(
                post(
                        studio,
                        base + "/reschedule",
                        action + "&start=" + at(2, 14) + "&fee=" + Long.MAX_VALUE + "0",
                        csrf),
                400,
                "fee");
        assertRefused(
                post(studio, base + "/reschedule", "action=nope&start=" + at(2, 14) + "&fee=1500", csrf),
                400,
                "action");
        assertRefused(
                post(
                        studio,
                        base + "/reschedule",
                        "action=" + UUID.randomUUID() + "&start=" + at(2, 14) + "&fee=1500",
                        csrf),
                409,
                "This form was already sent");
        // a time someone else has taken: 409 with the nearest free times of the same room
        studio.book(booking(s.room(), s.service(), at(2, 16), at(2, 17)), studio.client());
        Response taken = post(studio, base + "/reschedule", action + "&start=" + at(2, 16) + "&fee=1500", csrf);
        assertRefused(taken, 409, "nearest free times");

        assertRefused(post(studio, base + "/cancel", action + "&percent=many", csrf), 400, "percent");
        assertRefused(post(studio, base + "/cancel", action + "&percent=101", csrf), 400, "percent");
        assertRefused(post(studio, base + "/cancel", action + "&percent=100", csrf), 409, "The refund changed");
        assertRefused(
                post(studio, base + "/cancel", action + "&percent=50&reason=" + "a".repeat(2001), csrf),
                400,
                "must be at most 2000 characters");

        BookingView unchanged = studio.booking(booked.bookingId(), s.client());
        assertThat(unchanged.status()).isEqualTo("awaiting_approval");
        assertThat(unchanged.startAt()).isEqualTo(at(2, 10));
        assertThat(unchanged.reschedules()).isZero();
        assertThat(row(studio, base.substring("/manage/".length())).get("actions"))
                .isEqualTo(0);
        // every refusal gave the form's id back: it still makes the change it was shown for
        Response moved = post(studio, base + "/reschedule", form.body("action", "start", "fee"), csrf);
        assertThat(moved.status()).as("%s", moved).isEqualTo(302);
        assertThat(studio.booking(booked.bookingId(), s.client()).startAt()).isEqualTo(at(2, 14));
    }

    @Test
    void linkPagesAreRateLimitedPerNetwork() {
        Setting s = studio();
        // a guesser trying tokens: all but the last six requests of the allowance one by one, then a
        // dozen at once, of which six get through
        for (int i = 0; i < PER_STUDIO_AND_IP - 6; i++) {
            assertThat(page(s.studio(), "/manage/" + Secrets.newToken()).status())
                    .isEqualTo(404);
        }
        List<Response> answers = Parallel.send(12, i -> page(s.studio(), "/manage/" + Secrets.newToken()));
        assertThat(Parallel.count(answers, 404)).as("%s", answers).isEqualTo(6);
        assertThat(Parallel.count(answers, 429)).as("%s", answers).isEqualTo(6);
        assertThat(answers.stream()
                        .filter(a -> a.status() == 429)
                        .findFirst()
                        .orElseThrow()
                        .body())
                .contains("Too many requests for booking links");
        // another studio's allowance is its own
        assertThat(page(studio().studio(), "/manage/" + Secrets.newToken()).status())
                .isEqualTo(404);
    }

    // --- helpers ---

    /** A page with a form: its fields by name, and the CSRF token its response set. */
    record Form(Response page, Map<String, String> fields, String csrf) {

        String field(String name) {
            String value = fields.get(name);
            assertThat(value).as("field %s on %s", name, page.body()).isNotNull();
            return value;
        }

        String body(String... names) {
            StringBuilder body = new StringBuilder();
            for (String name : names) {
                body.append(body.isEmpty() ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(field(name), StandardCharsets.UTF_8));
            }
            return body.toString();
        }
    }

    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\"");

    private Form form(TestStudio studio, String path) {
        Response page = page(studio, path);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(page.body());
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2));
        }
        return new Form(page, fields, page.cookie("XSRF-TOKEN").orElseThrow());
    }

    private String issue(TestStudio studio, String bookingId) {
        return Tenancy.callAs(UUID.fromString(studio.id()), () -> links.issue(UUID.fromString(bookingId)))
                .orElseThrow();
    }

    /** The link's row as the database holds it: how many changes it made, and whether it was revoked. */
    private Map<String, Object> row(TestStudio studio, String token) {
        return Tenancy.callAs(UUID.fromString(studio.id()), () -> new TransactionTemplate(transactions)
                .execute(status -> new HashMap<>(jdbc.sql(
                                """
                                SELECT actions, revoked_at IS NOT NULL AS revoked
                                  FROM booking_manage_link WHERE token_hash = ?
                                """)
                        .param(Secrets.sha256(token))
                        .query()
                        .singleRow())));
    }

    private Response page(TestStudio studio, String path) {
        return api.send("GET", path, null, null, Map.of("X-Studio", studio.slug(), "Accept", "text/html"));
    }

    private Response post(TestStudio studio, String path, String body, String csrf) {
        return api.send(
                "POST",
                path,
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
                        "XSRF-TOKEN=" + csrf,
                        "X-XSRF-TOKEN",
                        csrf));
    }

    private static String day(String instant) {
        return Instant.parse(instant).atZone(TestStudio.ZONE).toLocalDate().toString();
    }

    private static String unescaped(Response answer) {
        return answer.body().replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    }

    private static void assertRefused(Response answer, int status, String named) {
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(unescaped(answer)).contains(named);
    }
}
