package io.roomtone;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.CalendarProviders;
import io.roomtone.support.Ics;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SessionView;
import io.roomtone.support.TestSmtp;
import io.roomtone.support.TestStudio;
import io.roomtone.support.TestStudio.Engineer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One booking's life through the real server, and everything it sets off: a client's request is
 * acknowledged by mail; its approval brings a confirmation with a calendar file, puts the session
 * in the engineer's feed and makes one event in each of their connected calendars (the real Google
 * and Microsoft clients, against WireMock); a reschedule sends the same event with a higher
 * SEQUENCE and updates each calendar once; a cancellation sends a METHOD:CANCEL file and deletes
 * each event once.
 */
@RoomtoneTest
class SideEffectsJourneyTests {

    static final TestSmtp SMTP = new TestSmtp();
    static final CalendarProviders PROVIDERS = new CalendarProviders();

    @DynamicPropertySource
    static void integrations(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
        PROVIDERS.properties(registry);
        registry.add("roomtone.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("roomtone.calendar-sync.interval", () -> "PT0.2S");
    }

    @BeforeAll
    static void startSmtp() {
        SMTP.start();
    }

    @AfterAll
    static void stopServers() {
        SMTP.stop();
        PROVIDERS.stop();
    }

    @Autowired
    Api api;

    @Test
    void aBookingsChangesReachTheClientsMailboxTheEngineersFeedAndTheirCalendars() throws Exception {
        PROVIDERS.reset();
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.namedRoom("Live Room", "#1f6feb", "live");
        String service = studio.service().inRoomsTagged("live").create();
        Engineer engineer = studio.engineer("mixing");
        connect(engineer, "google");
        connect(engineer, "microsoft");
        String feed = api.post("/api/admin/staff/" + engineer.id() + "/ics-token", null, studio.owner())
                .expect(201)
                .json()
                .get("ics_url")
                .asString();
        String client = studio.client();
        String email = api.get("/api/auth/session", client)
                .as(SessionView.class)
                .user()
                .email();

        BookedView booked =
                studio.book(booking(room, service, at(5, 10), at(5, 12)).withStaff(engineer.id()), client);
        assertThat(SMTP.mailTo(email, "we received your request").getSubject()).contains(booked.code());
        String uid = booked.bookingId() + "@roomtone";
        assertThat(feedUids(studio, feed)).as("not in the feed before approval").isEmpty();

        studio.approve(booked.bookingId(), "See you");
        VEvent confirmed = calendarFile(SMTP.mailTo(email, "is confirmed"), "REQUEST");
        assertThat(Ics.uid(confirmed)).isEqualTo(uid);
        assertThat(Ics.status(confirmed)).isEqualTo("CONFIRMED");
        assertThat(feedUids(studio, feed)).containsExactly(uid);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> PROVIDERS.googleCreates() == 1 && PROVIDERS.graphCreates() == 1);

        studio.reschedule(booked.bookingId(), at(6, 14), at(6, 16), studio.owner());
        VEvent moved = calendarFile(SMTP.mailTo(email, "moved to"), "REQUEST");
        assertThat(Ics.uid(moved)).isEqualTo(uid);
        assertThat(Ics.sequence(moved)).isGreaterThan(Ics.sequence(confirmed));
        assertThat(Ics.start(moved)).isEqualTo(java.time.Instant.parse(at(6, 14)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> PROVIDERS.googleUpdates() == 1 && PROVIDERS.graphUpdates() == 1);

        studio.cancel(booked.bookingId(), "Band split up", studio.owner());
        VEvent canceled = calendarFile(SMTP.mailTo(email, "is canceled"), "CANCEL");
        assertThat(Ics.uid(canceled)).isEqualTo(uid);
        assertThat(Ics.status(canceled)).isEqualTo("CANCELLED");
        assertThat(Ics.sequence(canceled)).isGreaterThan(Ics.sequence(moved));
        assertThat(feedUids(studio, feed)).isEmpty();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> PROVIDERS.googleDeletes() == 1 && PROVIDERS.graphDeletes() == 1);

        // a few more runs of every job: nothing is sent twice
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> PROVIDERS.googleCreates() == 1
                        && PROVIDERS.graphCreates() == 1
                        && PROVIDERS.googleUpdates() == 1
                        && PROVIDERS.graphUpdates() == 1
                        && PROVIDERS.googleDeletes() == 1
                        && PROVIDERS.graphDeletes() == 1
                        && SMTP.received(email, "is confirmed").size() == 1
                        && SMTP.received(email, "moved to").size() == 1
                        && SMTP.received(email, "is canceled").size() == 1);
    }

    /** The UIDs in the staff member's subscription feed. */
    private java.util.Set<String> feedUids(TestStudio studio, String feed) {
        Response answer = api.send("GET", feed, null, null, Map.of("X-Studio", studio.slug()))
                .expect(200);
        return Ics.parse(answer.body()).events().stream().map(Ics::uid).collect(Collectors.toSet());
    }

    /** The only event of the mail's calendar attachment, whose METHOD must be {@code method}. */
    private static VEvent calendarFile(MimeMessage mail, String method) {
        Ics ics = Ics.parse(calendarPart(mail).orElseThrow(() -> new AssertionError("no .ics attached")));
        assertThat(ics.property("METHOD")).contains(method);
        return ics.only();
    }

    private static Optional<String> calendarPart(Part part) {
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart parts = (Multipart) part.getContent();
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart child = parts.getBodyPart(i);
                    Optional<String> found = calendarPart(child);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            String name = part.getFileName();
            if (part.isMimeType("text/calendar") || (name != null && name.endsWith(".ics"))) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                part.getDataHandler().writeTo(bytes);
                return Optional.of(bytes.toString(StandardCharsets.UTF_8));
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connects the staff member's calendar with the provider's OAuth flow (WireMock answers it). */
    private void connect(Engineer staff, String provider) {
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html");
        String location = api.send("POST", "/staff/calendars/" + provider + "/connect", "", staff.token(), form)
                .expect(302)
                .header("Location")
                .orElseThrow();
        Map<String, String> query = Arrays.stream(
                        URI.create(location).getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(
                        p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
        String state = URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        api.send(
                        "GET",
                        "/staff/calendars/" + provider + "/callback?state=" + state + "&code=code-" + UUID.randomUUID(),
                        null,
                        staff.token(),
                        Map.of("Accept", "text/html"))
                .expect(302);
    }
}
