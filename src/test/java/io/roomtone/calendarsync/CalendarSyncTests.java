package io.roomtone.calendarsync;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.CalendarProviders;
import io.roomtone.support.Publications;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import io.roomtone.support.TestStudio.Engineer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Staff calendars follow bookings through the REAL Google Calendar and Microsoft Graph client
 * libraries, against both providers on WireMock ({@link CalendarProviders}): connecting with OAuth
 * (forged and replayed states refused), one create per provider on approval, one update on a
 * reschedule, one delete on a cancellation, token refresh, a revoked grant, a provider outage and
 * racing jobs. The sync job runs every 200 ms here (5 s by default).
 */
@RoomtoneTest
@Import(CalendarSyncTests.BrokenConnections.class)
class CalendarSyncTests {

    static final CalendarProviders providers = new CalendarProviders();

    /** The ConnectionBroken events published, as the notifications module will receive them. */
    @TestConfiguration
    static class BrokenConnections {
        static final List<CalendarSyncEvents.ConnectionBroken> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(CalendarSyncEvents.ConnectionBroken broken) {
            seen.add(broken);
        }
    }

    @DynamicPropertySource
    static void calendars(DynamicPropertyRegistry registry) {
        providers.properties(registry);
        registry.add("roomtone.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("roomtone.calendar-sync.interval", () -> "PT0.2S");
        registry.add("roomtone.calendar-sync.retry-base", () -> "PT1S");
        registry.add("roomtone.calendar-sync.retry-max", () -> "PT2S");
    }

    @AfterAll
    static void stopProviders() {
        providers.stop();
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CalendarSync sync;

    TestStudio studio;
    String room;
    String service;
    Engineer engineer;

    @BeforeEach
    void openStudio() {
        providers.reset();
        studio = new TestStudio(api).openWithApproval();
        room = studio.namedRoom("Live Room", "#1f6feb", "live");
        service = studio.service().inRoomsTagged("live").create();
        engineer = studio.engineer("mixing");
    }

    // --- connecting ---

    @Test
    void connectsWithASingleUseStateBoundToTheStaffMemberAndKeepsTheTokensSealed() {
        String location =
                startConnect("google", engineer.token()).header("Location").orElseThrow();
        assertThat(location).startsWith(providers.server.baseUrl() + "/google/auth?");
        Map<String, String> query = query(location);
        assertThat(query.get("scope")).isEqualTo("https://www.googleapis.com/auth/calendar.events");
        assertThat(query.get("access_type")).isEqualTo("offline");
        assertThat(query.get("redirect_uri")).endsWith("/staff/calendars/google/callback");
        String state = query.get("state");

        // forged, for another provider, or for someone else: refused, nothing connected
        callback("google", "forged-" + state, "code-1", engineer.token()).expect(400);
        Engineer other = studio.engineer("mixing");
        callback("google", state, "code-1", other.token()).expect(400);
        assertThat(connections()).isZero();
        // the state was used up by the refused attempt of someone else: the staff member starts again
        state = query(startConnect("google", engineer.token())
                        .header("Location")
                        .orElseThrow())
                .get("state");
        callback("microsoft", state, "code-1", engineer.token()).expect(400);
        state = query(startConnect("google", engineer.token())
                        .header("Location")
                        .orElseThrow())
                .get("state");

        Response done = callback("google", state, "code-1", engineer.token()).expect(302);
        assertThat(done.header("Location").orElseThrow()).endsWith("/staff/calendars?done=connected");
        // replayed: refused
        callback("google", state, "code-1", engineer.token()).expect(400);
        assertThat(connections()).isEqualTo(1);
        assertThat(providers.count(postRequestedFor(urlPathEqualTo(CalendarProviders.GOOGLE_TOKEN))
                        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("code=code-1"))))
                .isEqualTo(1);

        // at rest: sealed, no token in clear
        List<byte[]> stored =
                asStudio(() -> jdbc.sql("SELECT access_token_sealed, refresh_token_sealed FROM calendar_connection")
                        .query((rs, n) -> List.of(rs.getBytes(1), rs.getBytes(2)))
                        .single());
        for (byte[] sealed : stored) {
            String text = new String(sealed, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("g-access-1").doesNotContain("g-refresh");
        }

        // the staff page and the desk say so
        String page = api.send(
                        "GET", "/staff/calendars?done=connected", null, engineer.token(), Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(page).contains("Calendar connected.").contains("Connected").contains("Connect Microsoft 365");
        String desk = api.send("GET", "/admin/staff", null, studio.owner(), Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(desk).contains("Google Calendar:").contains("Connected").contains("Not connected");
        JsonNode integrations =
                api.get("/api/admin/integrations", studio.owner()).expect(200).json();
        assertThat(integrations.toString()).contains("google_calendar").contains("1 staff member connected");
    }

    @Test
    void refusesUnknownProvidersAndCallbacksWithoutAState() {
        api.send("POST", "/staff/calendars/yahoo/connect", "", engineer.token(), Map.of("Accept", "text/html"))
                .expect(404);
        callback("google", null, "code", engineer.token()).expect(400);
        callback("google", "x".repeat(5000), "code", engineer.token()).expect(400);
        api.get("/staff/calendars/google/callback?state=abc&error=access_denied", engineer.token())
                .expect(400);
        assertThat(connections()).isZero();
        // a client has no staff page
        startConnect("google", studio.client()).expect(403);
    }

    // --- following bookings ---

    @Test
    void approvalCreatesOneEventPerProviderRescheduleUpdatesItAndCancellationDeletesIt() {
        connect("google", engineer);
        connect("microsoft", engineer);
        String client = studio.client();
        BookedView booked =
                studio.book(booking(room, service, at(5, 10), at(5, 12)).withStaff(engineer.id()), client);
        waitForListeners();
        assertThat(providers.calendarCalls()).as("nothing before approval").isZero();

        studio.approve(booked.bookingId(), "See you");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> providers.googleCreates() == 1 && providers.graphCreates() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> statuses(booked.bookingId()).equals(List.of("synced", "synced")));
        sleep(1000); // a few more job runs: nothing more is sent
        assertThat(providers.googleCreates()).isEqualTo(1);
        assertThat(providers.graphCreates()).isEqualTo(1);
        String body = providers.googleCreateBodies().get(0);
        assertThat(body).contains(booked.code() + " · Live Room").contains("America/Toronto");
        assertThat(body)
                .as("no client details by default")
                .doesNotContain("attendees")
                .doesNotContain("@");

        studio.reschedule(booked.bookingId(), at(6, 14), at(6, 16), studio.owner());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> providers.googleUpdates() == 1 && providers.graphUpdates() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> statuses(booked.bookingId()).equals(List.of("synced", "synced")));

        studio.cancel(booked.bookingId(), "Band split up", studio.owner());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> providers.googleDeletes() == 1 && providers.graphDeletes() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> statuses(booked.bookingId()).equals(List.of("synced", "synced")));
        sleep(1000);
        assertThat(providers.googleCreates()).isEqualTo(1);
        assertThat(providers.graphCreates()).isEqualTo(1);
        assertThat(providers.googleUpdates()).isEqualTo(1);
        assertThat(providers.graphUpdates()).isEqualTo(1);
        assertThat(providers.googleDeletes()).isEqualTo(1);
        assertThat(providers.graphDeletes()).isEqualTo(1);

        JsonNode shown = api.get("/api/admin/bookings/" + booked.bookingId() + "/calendar-sync", studio.owner())
                .expect(200)
                .json();
        assertThat(shown.get("events")).hasSize(2);
        assertThat(shown.get("events").get(0).get("present").asBoolean()).isFalse();
        assertThat(shown.get("events").get(0).get("status").asString()).isEqualTo("synced");
    }

    @Test
    void theStudioMayAddTheClientAsAnOptionalGuest() {
        api.put("/api/admin/calendar-sync/settings", json("invite_clients", true), studio.owner())
                .expect(200);
        api.put("/api/admin/calendar-sync/settings", json(), studio.owner()).expect(400);
        connect("google", engineer);
        BookedView booked =
                studio.book(booking(room, service, at(5, 10), at(5, 12)).withStaff(engineer.id()), studio.client());
        studio.approve(booked.bookingId(), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> providers.googleCreates() == 1);
        assertThat(providers.googleCreateBodies().get(0))
                .contains("\"attendees\"")
                .contains("\"optional\":true");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndARefusedOneIsRetriedOnceAfterARefresh() {
        providers.tokens(CalendarProviders.MICROSOFT_TOKEN, "m", 0); // expires at once
        connect("microsoft", engineer);
        connect("google", engineer);
        // Google refuses the first access token (revoked early): one refresh, one retry
        providers.stub(post(urlPathEqualTo(CalendarProviders.GOOGLE_EVENTS))
                .withHeader("Authorization", equalTo("Bearer g-access-1"))
                .atPriority(1)
                .willReturn(
                        CalendarProviders.json(401, "{\"error\":{\"code\":401,\"message\":\"Invalid Credentials\"}}")));
        BookedView booked =
                studio.book(booking(room, service, at(5, 10), at(5, 12)).withStaff(engineer.id()), studio.client());
        studio.approve(booked.bookingId(), null);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> statuses(booked.bookingId()).equals(List.of("synced", "synced")));
        assertThat(providers.refreshes(CalendarProviders.MICROSOFT_TOKEN)).isEqualTo(1);
        assertThat(providers.count(CalendarProviders.withBearer(
                        postRequestedFor(urlPathEqualTo(CalendarProviders.GRAPH_EVENTS)), "m-access-2")))
                .isEqualTo(1);
        assertThat(providers.graphCreates()).isEqualTo(1);
        assertThat(providers.refreshes(CalendarProviders.GOOGLE_TOKEN)).isEqualTo(1);
        assertThat(providers.googleCreates())
                .as("the refused call and its retry")
                .isEqualTo(2);
    }

    @Test
    void aRevokedGrantBreaksTheConnectionTellsTheStudioAndResyncsWithoutDuplicatesOnReconnect() {
        providers.tokens(CalendarProviders.GOOGLE_TOKEN, "g", 0);
        connect("google", engineer);
        providers.revokeRefresh(CalendarProviders.GOOGLE_TOKEN);
        int before = BrokenConnections.seen.size();
        BookedView booked =
                studio.book(booking(room, service, at(5, 10), at(5, 12)).withStaff(engineer.id()), studio.client());
        studio.approve(booked.bookingId(), null);

        await().atMost(Duration.ofSeconds(20)).until(() -> BrokenConnections.seen.size() > before);
        CalendarSyncEvents.ConnectionBroken broken = BrokenConnections.seen.get(BrokenConnections.seen.size() - 1);
        assertThat(broken.staffId()).isEqualTo(UUID.fromString(engineer.id()));
        assertThat(broken.provider()).isEqualTo(ExternalCalendar.GOOGLE);
        assertThat(broken.reason()).contains("invalid_grant");
        sleep(1500); // several job runs: nothing more is tried while broken
        assertThat(providers.refreshes(CalendarProviders.GOOGLE_TOKEN)).isEqualTo(1);
        assertThat(providers.calendarCalls()).isZero();
        assertThat(statuses(booked.bookingId())).containsExactly("pending");
        String page = api.send("GET", "/staff/calendars", null, engineer.token(), Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(page).contains("Broken: connect again").contains("Connect Google Calendar again");
        assertThat(api.get("/api/admin/bookings/" + booked.bookingId() + "/calendar-sync", studio.owner())
                        .expect(200)
                        .json()
                        .get("events")
                        .get(0)
                        .get("waiting_for_reconnect")
                        .asBoolean())
                .isTrue();

        // reconnected (tokens that work): the waiting event is made, once
        providers.tokens(CalendarProviders.GOOGLE_TOKEN, "g");
        connect("google", engineer);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> statuses(booked.bookingId()).equals(List.of("synced")));
        sleep(1000);
        assertThat(providers.googleCreates()).isEqualTo(1);
    }

    @Test
    void aProviderOutageIsRetriedLaterWithBackoffAndThenSucceeds() {
        connect("google", engineer);
        StubMapping outage = providers.server.stubFor(post(urlPathEqualTo(CalendarProviders.GOOGLE_EVENTS))
                .atPriority(1)
                .willReturn(CalendarProviders.json(503, "{\"error\":{\"code\":503,\"message\":\"Backend Error\"}}")));
        BookedView booked =
                studio.book(booking(room, service, at(5, 10), at(5, 12)).withStaff(engineer.id()), studio.client());
        studio.approve(booked.bookingId(), null);

        // failing, and tried again (backoff 1 s, then 2 s here)
        await().atMost(Duration.ofSeconds(30)).until(() -> providers.googleCreates() >= 2);
        assertThat(statuses(booked.bookingId())).containsExactly("failed");
        JsonNode failed = api.get("/api/admin/bookings/" + booked.bookingId() + "/calendar-sync", studio.owner())
                .expect(200)
                .json()
                .get("events")
                .get(0);
        assertThat(failed.get("last_error").asString()).contains("503");
        assertThat(failed.get("next_attempt_at").isNull()).isFalse();
        String panel = api.send(
                        "GET",
                        "/admin/bookings/" + booked.bookingId(),
                        null,
                        studio.owner(),
                        Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(panel).contains("Staff calendars").contains("Failed").contains("503");

        // the provider is back: the next attempt makes the event, once
        providers.server.removeStub(outage);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> statuses(booked.bookingId()).equals(List.of("synced")));
        sleep(1000);
        assertThat(providers.server.getAllServeEvents().stream()
                        .filter(e -> e.getRequest().getUrl().startsWith(CalendarProviders.GOOGLE_EVENTS)
                                && e.getRequest().getMethod().getName().equals("POST")
                                && e.getResponse().getStatus() == 200)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void jobsRacingOnSeveralThreadsMakeOneEvent() throws Exception {
        connect("google", engineer);
        connect("microsoft", engineer);
        // slow providers widen the window in which the jobs overlap
        providers.stub(post(urlPathEqualTo(CalendarProviders.GOOGLE_EVENTS))
                .atPriority(1)
                .willReturn(CalendarProviders.json(200, "{\"id\":\"{{jsonPath request.body '$.id'}}\"}")
                        .withFixedDelay(300)));
        BookedView booked =
                studio.book(booking(room, service, at(5, 10), at(5, 12)).withStaff(engineer.id()), studio.client());
        studio.approve(booked.bookingId(), null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !statuses(booked.bookingId()).isEmpty());

        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        UUID studioId = UUID.fromString(studio.id());
        try {
            List<Future<Integer>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return Tenancy.callAs(studioId, sync::runDue);
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> statuses(booked.bookingId()).equals(List.of("synced", "synced")));
        sleep(1000);
        assertThat(providers.googleCreates()).isEqualTo(1);
        assertThat(providers.graphCreates()).isEqualTo(1);
    }

    @Test
    void unassignedStaffLoseTheEventAndNewlyAssignedStaffGetIt() {
        Engineer second = studio.engineer("mixing");
        connect("google", engineer);
        connect("google", second);
        BookedView booked =
                studio.book(booking(room, service, at(5, 10), at(5, 12)).withStaff(engineer.id()), studio.client());
        studio.approve(booked.bookingId(), null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> statuses(booked.bookingId()).equals(List.of("synced")));

        api.post(
                        "/api/admin/bookings/" + booked.bookingId() + "/assign-staff",
                        json("staff_ids", List.of(second.id())),
                        studio.owner())
                .expect(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> providers.googleCreates() == 2 && providers.googleDeletes() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> statuses(booked.bookingId()).equals(List.of("synced", "synced")));
    }

    @Test
    void bookingSyncStatusRefusesBadAndForeignIds() {
        api.get("/api/admin/bookings/not-a-uuid/calendar-sync", studio.owner()).expect(400);
        api.get("/api/admin/bookings/" + UUID.randomUUID() + "/calendar-sync", studio.owner())
                .expect(404);
        TestStudio other = new TestStudio(api).openWithoutApproval();
        BookedView foreign =
                other.book(booking(other.room(), other.service().create(), at(5, 10), at(5, 11)), other.client());
        api.get("/api/admin/bookings/" + foreign.bookingId() + "/calendar-sync", studio.owner())
                .expect(404);
        api.send(
                        "GET",
                        "/admin/bookings/" + foreign.bookingId() + "/calendar-sync",
                        null,
                        studio.owner(),
                        Map.of("Accept", "text/html"))
                .expect(404);
        api.get("/api/admin/bookings/" + foreign.bookingId() + "/calendar-sync", engineer.token())
                .expect(403);
    }

    // --- helpers ---

    private Response startConnect(String provider, String token) {
        return api.send(
                "POST",
                "/staff/calendars/" + provider + "/connect",
                "",
                token,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
    }

    private Response callback(String provider, String state, String code, String token) {
        String query = (state == null ? "" : "state=" + enc(state) + "&") + "code=" + enc(code);
        return api.send(
                "GET",
                "/staff/calendars/" + provider + "/callback?" + query,
                null,
                token,
                Map.of("Accept", "text/html"));
    }

    /** Connects {@code staff}'s calendar at {@code provider} through the whole OAuth round trip. */
    private void connect(String provider, Engineer staff) {
        String location = startConnect(provider, staff.token())
                .expect(302)
                .header("Location")
                .orElseThrow();
        callback(provider, query(location).get("state"), "code-" + UUID.randomUUID(), staff.token())
                .expect(302);
    }

    private static Map<String, String> query(String location) {
        return Arrays.stream(URI.create(location).getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(
                        p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private long connections() {
        return asStudio(() -> jdbc.sql("SELECT count(*) FROM calendar_connection")
                .query(Long.class)
                .single());
    }

    /** The sync status of each of the booking's events, by staff member and provider. */
    private List<String> statuses(String bookingId) {
        return asStudio(() -> jdbc.sql(
                        "SELECT status FROM calendar_synced_event WHERE booking_id = :id ORDER BY staff_id, provider")
                .param("id", UUID.fromString(bookingId))
                .query(String.class)
                .list());
    }

    private <T> T asStudio(Supplier<T> work) {
        return Tenancy.callAs(UUID.fromString(studio.id()), () -> transactions.execute(tx -> work.get()));
    }

    /** The listeners of the events published so far have run (the registry has nothing incomplete). */
    private void waitForListeners() {
        await().atMost(Duration.ofSeconds(20)).until(() -> Publications.incomplete(jdbc, studio.id()) == 0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
