package io.roomtone.notifications;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.roomtone.booking.BookingEvents.BookingApproved;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SessionView;
import io.roomtone.support.TestSmtp;
import io.roomtone.support.TestStudio;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A booking's e-mails through a real SMTP server (GreenMail): written after each change committed,
 * once per event and recipient, retried with backoff while the server is down, and logged.
 */
@RoomtoneTest
class MailTests {

    static final TestSmtp SMTP = new TestSmtp();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @BeforeAll
    static void startSmtp() {
        SMTP.start();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    Api api;

    @Autowired
    BookingMails mails;

    TestStudio studio;
    String room;
    String service;
    String client;
    String clientEmail;

    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        client = studio.client();
        clientEmail = api.get("/api/auth/session", client)
                .expect(200)
                .as(SessionView.class)
                .user()
                .email();
    }

    @Test
    void aRequestIsAcknowledgedAndTheStudioToldAndItsApprovalConfirmedWithAReminderWaiting() throws Exception {
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(4, 10), TestStudio.at(4, 12)), client);

        MimeMessage received = SMTP.mailTo(clientEmail, "we received your request");
        String text = GreenMailUtil.getBody(received);
        assertThat(received.getSubject()).contains(booked.code());
        assertThat(received.getFrom()[0].toString()).contains("bookings@roomtone.test");
        assertThat(received.getHeader("Message-ID")[0]).endsWith("@roomtone>");
        assertThat(text).contains("America/Toronto");
        MimeMessage request = SMTP.mailTo(studio.ownerEmail(), "new request");
        assertThat(request.getSubject()).contains(booked.code());
        JsonNode notices =
                api.get("/api/me/notifications", studio.owner()).expect(200).json();
        assertThat(notices.get("unread").asLong()).isEqualTo(1);
        assertThat(notices.get("items").get(0).get("title").asString()).contains(booked.code());

        studio.approve(booked.bookingId(), "Bring your own headphones");
        MimeMessage confirmed = SMTP.mailTo(clientEmail, "is confirmed");
        assertThat(GreenMailUtil.getBody(confirmed)).contains("Bring your own headphones");

        // a mail reaches the server a moment before its delivery is marked sent
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> log = deliveries(booked.bookingId());
            assertThat(log)
                    .filteredOn(d -> d.get("template").asString().equals("booking-reminder"))
                    .singleElement()
                    .satisfies(reminder -> {
                        assertThat(reminder.get("status").asString()).isEqualTo("pending");
                        assertThat(Instant.parse(reminder.get("next_attempt_at").asString()))
                                .isEqualTo(Instant.parse(TestStudio.at(4, 10)).minus(Duration.ofHours(24)));
                    });
            assertThat(log)
                    .filteredOn(d -> !d.get("template").asString().equals("booking-reminder"))
                    .allSatisfy(d -> assertThat(d.get("status").asString()).isEqualTo("sent"));
        });
    }

    @Test
    void aRescheduleMovesTheReminderAndACancellationSetsItAside() {
        studio.updateSettings("approval_required", false);
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(5, 10), TestStudio.at(5, 12)), client);
        SMTP.mailTo(clientEmail, "is confirmed");

        studio.reschedule(booked.bookingId(), TestStudio.at(6, 14), TestStudio.at(6, 16), client);
        SMTP.mailTo(clientEmail, "moved to");
        List<JsonNode> reminders = reminders(booked.bookingId());
        assertThat(reminders).hasSize(2);
        assertThat(reminders).anySatisfy(r -> {
            assertThat(r.get("status").asString()).isEqualTo("skipped");
            assertThat(r.get("last_error").asString()).contains("moved");
        });
        assertThat(reminders).anySatisfy(r -> {
            assertThat(r.get("status").asString()).isEqualTo("pending");
            assertThat(Instant.parse(r.get("next_attempt_at").asString()))
                    .isEqualTo(Instant.parse(TestStudio.at(6, 14)).minus(Duration.ofHours(24)));
        });

        studio.cancel(booked.bookingId(), "Band split up", client);
        SMTP.mailTo(clientEmail, "is canceled");
        SMTP.mailTo(studio.ownerEmail(), "was canceled");
        assertThat(reminders(booked.bookingId()))
                .allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("skipped"));
    }

    @Test
    void aMailServerThatIsDownDoesNotStopAnApprovalAndTheMailGoesOnceItIsBack() throws Exception {
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(3, 15), TestStudio.at(3, 16)), client);
        SMTP.mailTo(clientEmail, "we received your request");

        SMTP.stop();
        try {
            assertThat(studio.approve(booked.bookingId(), null).status()).isEqualTo("confirmed");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode confirmation = confirmation(booked.bookingId());
                assertThat(confirmation.get("status").asString()).isEqualTo("pending");
                assertThat(confirmation.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
                assertThat(confirmation.get("last_error").asString()).isNotBlank();
            });
            JsonNode smtp = integration("smtp");
            assertThat(smtp.get("healthy").asBoolean()).isFalse();
            assertThat(smtp.get("last_error").asString()).isNotBlank();
            // the application itself is up: its load balancer keeps sending it requests
            api.get("/actuator/health", null).expect(200);
        } finally {
            SMTP.start();
        }
        SMTP.mailTo(clientEmail, "is confirmed");
        // a mail reaches the server a moment before its delivery is marked sent
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode confirmation = confirmation(booked.bookingId());
            assertThat(confirmation.get("status").asString()).isEqualTo("sent");
            assertThat(confirmation.get("attempts").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(integration("smtp").get("healthy").asBoolean()).isTrue();
        });
        assertThat(SMTP.received(clientEmail, "is confirmed")).hasSize(1);
    }

    @Test
    void anEventDeliveredAgainByManyNodesAtOnceWritesOneMail() {
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(3, 13), TestStudio.at(3, 14)), client);
        studio.approve(booked.bookingId(), null);
        SMTP.mailTo(clientEmail, "is confirmed");

        BookingApproved again = new BookingApproved(
                UUID.fromString(studio.id()), UUID.fromString(booked.bookingId()), booked.code(), null);
        Parallel.run(12, i -> mails.on(again));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> assertThat(
                        SMTP.received(clientEmail, "is confirmed"))
                .hasSize(1));
        assertThat(deliveries(booked.bookingId()))
                .filteredOn(d -> d.get("template").asString().equals("booking-confirmed"))
                .hasSize(1);
    }

    @Test
    void aPaymentAtTheStudioBringsAReceiptWithItsPdf() throws Exception {
        studio.updateSettings("approval_required", false);
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(3, 17), TestStudio.at(3, 18)), client);
        api.post(
                        "/api/admin/bookings/" + booked.bookingId() + "/payments",
                        json("amount_cents", 5_000, "method", "cash", "note", "at the desk"),
                        studio.owner())
                .expect(201);
        MimeMessage receipt = SMTP.mailTo(clientEmail, "receipt for booking " + booked.code());
        MimeMultipart parts = (MimeMultipart) receipt.getContent();
        BodyPart pdf = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if ("receipt-"
                    .concat(booked.code())
                    .concat(".pdf")
                    .equals(parts.getBodyPart(i).getFileName())) {
                pdf = parts.getBodyPart(i);
            }
        }
        assertThat(pdf).as("the receipt's PDF is attached").isNotNull();
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        byte[] bytes = pdf.getInputStream().readAllBytes();
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(GreenMailUtil.getBody(receipt)).contains("$50.00");
    }

    @Test
    void aPasswordResetLinkComesByMailWorksOnceAndIsErasedFromTheOutbox() throws Exception {
        Map<String, String> studioHeader = Map.of("X-Studio", studio.slug());
        api.send("POST", "/api/auth/password-reset", json("email", clientEmail), null, studioHeader)
                .expect(202);
        MimeMessage mail = SMTP.mailTo(clientEmail, "reset your password");
        String token = token(GreenMailUtil.getBody(mail));
        api.send(
                        "POST",
                        "/api/auth/password-reset/confirm",
                        json("token", token, "password", "a-brand-new-pass-1"),
                        null,
                        studioHeader)
                .expect(200);
        api.send(
                        "POST",
                        "/api/auth/password-reset/confirm",
                        json("token", token, "password", "another-pass-2"),
                        null,
                        studioHeader)
                .expect(400);
        api.send(
                        "POST",
                        "/api/auth/login",
                        json("email", clientEmail, "password", "a-brand-new-pass-1"),
                        null,
                        studioHeader)
                .expect(200);

        // once sent, the link is no longer readable in the outbox, not even by the owner
        String id = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> java.util.stream.StreamSupport.stream(
                                        api.get("/api/admin/deliveries?status=sent", studio.owner())
                                                .expect(200)
                                                .json()
                                                .get("items")
                                                .spliterator(),
                                        false)
                                .filter(d -> d.get("template").asString().equals("account-password-reset"))
                                .map(d -> d.get("id").asString())
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        JsonNode content = api.get("/api/admin/deliveries/" + id, studio.owner())
                .expect(200)
                .json();
        assertThat(content.get("text").isNull()).isTrue();
        api.post("/api/admin/deliveries/" + id + "/retry?resend=true", "", studio.owner())
                .expect(409);
    }

    @Test
    void anInvitationAndARegistrationForAKnownAddressArriveByMail() throws Exception {
        String email = "engineer-" + UUID.randomUUID() + "@example.test";
        JsonNode invited = api.post(
                        "/api/admin/team/invitations",
                        json("email", email, "name", "New engineer", "role", "staff"),
                        studio.owner())
                .expect(201)
                .json();
        assertThat(invited.has("invitation_token")).isFalse();
        MimeMessage invitation = SMTP.mailTo(email, "invited to the team");
        api.send(
                        "POST",
                        "/api/auth/accept-invitation",
                        json("token", token(GreenMailUtil.getBody(invitation)), "password", "team-pass-9"),
                        null,
                        Map.of("X-Studio", studio.slug()))
                .expect(200);

        api.send(
                        "POST",
                        "/api/auth/register",
                        json("email", clientEmail, "password", "someone-else-1", "name", "Mallory"),
                        null,
                        Map.of("X-Studio", studio.slug()))
                .expect(202);
        assertThat(GreenMailUtil.getBody(SMTP.mailTo(clientEmail, "someone tried to register")))
                .contains("/password/forgot");
    }

    /** The link secret a mail carries ({@code token=…}, quoted-printable soft breaks undone). */
    private static String token(String body) {
        java.util.regex.Matcher token = java.util.regex.Pattern.compile(
                        "token=3D([A-Za-z0-9_-]+)|token=([A-Za-z0-9_-]+)")
                .matcher(body.replace("=\r\n", "").replace("=\n", ""));
        assertThat(token.find()).as("a link with a token in %s", body).isTrue();
        return token.group(1) != null ? token.group(1) : token.group(2);
    }

    @Test
    void theLogFiltersByStatusAndRefusesBadInputAndOtherStudiosBookings() {
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(3, 9), TestStudio.at(3, 10)), client);
        SMTP.mailTo(clientEmail, "we received your request");
        await().untilAsserted(() -> assertThat(api.get("/api/admin/deliveries?status=sent", studio.owner())
                        .expect(200)
                        .json()
                        .get("total")
                        .asLong())
                .isGreaterThanOrEqualTo(2));
        assertThat(api.get("/api/admin/deliveries?status=failed", studio.owner())
                        .expect(200)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/admin/deliveries?status=lost", studio.owner()).invalidFields())
                .containsExactly("status");
        assertThat(api.get("/api/admin/deliveries?limit=0", studio.owner()).invalidFields())
                .containsExactly("limit");
        assertThat(api.get("/api/admin/deliveries?offset=-1", studio.owner()).invalidFields())
                .containsExactly("offset");
        api.get("/api/admin/deliveries?limit=" + Long.MAX_VALUE, studio.owner()).expect(400);

        TestStudio other = new TestStudio(api);
        api.get("/api/admin/bookings/" + booked.bookingId() + "/deliveries", other.owner())
                .expect(404);
        String someone = deliveries(booked.bookingId()).get(0).get("id").asString();
        api.get("/api/admin/deliveries/" + someone, other.owner()).expect(404);
        api.post("/api/admin/deliveries/" + someone + "/retry", "", other.owner())
                .expect(404);
        api.get("/api/admin/deliveries/" + someone, client).expect(403);

        // a message that went out is sent again only when asked for explicitly
        api.post("/api/admin/deliveries/" + someone + "/retry", "", studio.owner())
                .expect(409);
        api.post("/api/admin/deliveries/" + someone + "/retry?resend=true", "", studio.owner())
                .expect(200);
        await().untilAsserted(() -> assertThat(SMTP.received(clientEmail, "we received your request"))
                .hasSize(2));
    }

    @Test
    void aTestMessageReachesTheAdminOnceAMinuteWhateverTheParallelClicks() throws InterruptedException {
        // the clicks count once per calendar minute: a burst must not straddle two
        long second = Instant.now().getEpochSecond() % 60;
        if (second > 45) {
            Thread.sleep((61 - second) * 1000);
        }
        List<Api.Response> answers =
                Parallel.send(12, i -> api.post("/api/notifications/test", json("channel", "email"), studio.owner()));
        assertThat(answers).allSatisfy(answer -> answer.expect(202));
        assertThat(answers.stream().map(a -> a.json().get("id").asString()).distinct())
                .hasSize(1);
        SMTP.mailTo(studio.ownerEmail(), "test message");
        assertThat(SMTP.received(studio.ownerEmail(), "test message")).hasSize(1);

        assertThat(api.post("/api/notifications/test", json("channel", "pigeon"), studio.owner())
                        .invalidFields())
                .containsExactly("channel");
        assertThat(api.post("/api/notifications/test", "{}", studio.owner()).invalidFields())
                .containsExactly("channel");
        api.post("/api/notifications/test", json("channel", "email"), client).expect(403);
    }

    @Test
    void noticesAreMarkedReadByTheirOwnerOnly() {
        studio.book(BookingRequest.booking(room, service, TestStudio.at(3, 11), TestStudio.at(3, 12)), client);
        await().untilAsserted(() -> assertThat(api.get("/api/me/notifications?unread=true", studio.owner())
                        .expect(200)
                        .json()
                        .get("unread")
                        .asLong())
                .isEqualTo(1));
        String notice = api.get("/api/me/notifications", studio.owner())
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        api.post("/api/me/notifications/" + notice + "/read", "", new TestStudio(api).owner())
                .expect(404);
        api.get("/api/me/notifications", client).expect(403);
        api.post("/api/me/notifications/" + notice + "/read", "", studio.owner())
                .expect(204);
        assertThat(api.get("/api/me/notifications", studio.owner())
                        .json()
                        .get("unread")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/me/notifications?limit=1000", studio.owner()).invalidFields())
                .containsExactly("limit");
    }

    private JsonNode integration(String name) {
        for (JsonNode integration :
                api.get("/api/admin/integrations", studio.owner()).expect(200).json()) {
            if (integration.get("name").asString().equals(name)) {
                return integration;
            }
        }
        throw new AssertionError("no integration " + name);
    }

    private JsonNode confirmation(String bookingId) {
        return deliveries(bookingId).stream()
                .filter(d -> d.get("template").asString().equals("booking-confirmed")
                        && d.get("recipient").asString().equals(clientEmail))
                .findFirst()
                // an AssertionError, which await().untilAsserted waits out, while the listener has not written it yet
                .orElseThrow(() -> new AssertionError("no confirmation to " + clientEmail + " yet"));
    }

    private List<JsonNode> reminders(String bookingId) {
        return deliveries(bookingId).stream()
                .filter(d -> d.get("template").asString().equals("booking-reminder"))
                .toList();
    }

    private List<JsonNode> deliveries(String bookingId) {
        JsonNode log = api.get("/api/admin/bookings/" + bookingId + "/deliveries", studio.owner())
                .expect(200)
                .json();
        return java.util.stream.StreamSupport.stream(log.spliterator(), false).toList();
    }
}
