package io.roomtone.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.roomtone.booking.BookingEvents.BookingApproved;
import io.roomtone.identity.PhoneNumbers;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.SealedSecrets;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Texts through Twilio's real Java library against WireMock: only to clients who opted in, once per
 * event, retried after a server error, failed at once for an invalid number; and phone numbers
 * stored sealed, opening only for their own account and studio.
 */
@RoomtoneTest
class SmsTests {

    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String FROM = "+15005550006";
    static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    static final WireMockServer twilio =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        twilio.start();
    }

    @DynamicPropertySource
    static void sms(DynamicPropertyRegistry registry) {
        registry.add("roomtone.encryption-key", () -> KEY);
        registry.add("roomtone.twilio.account-sid", () -> SID);
        registry.add("roomtone.twilio.auth-token", () -> "test-token");
        registry.add("roomtone.twilio.from", () -> FROM);
        registry.add("roomtone.twilio.api-base", twilio::baseUrl);
        registry.add("roomtone.notifications.dispatch-interval", () -> "PT0.5S");
        registry.add("roomtone.notifications.retry-base", () -> "PT1S");
        registry.add("roomtone.notifications.retry-cap", () -> "PT2S");
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @Autowired
    Api api;

    @Autowired
    BookingMails mails;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SealedSecrets sealed;

    @Autowired
    PhoneNumbers phones;

    TestStudio studio;
    String room;
    String service;

    @BeforeEach
    void openStudio() {
        twilio.resetAll();
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(created()));
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
    }

    @Test
    void anOptedInClientIsTextedOnceOnApprovalAndAClientWhoDidNotOptInIsNot() {
        String texted = studio.client();
        String phone = uniquePhone();
        api.patch("/api/me/account", json("phone", spaced(phone), "sms_opt_in", true), texted)
                .expect(200);
        String silent = studio.client();
        String silentPhone = uniquePhone();
        JsonNode notOptedIn = api.patch("/api/me/account", json("phone", silentPhone), silent)
                .expect(200)
                .json();
        assertThat(notOptedIn.get("sms_opt_in").asBoolean()).isFalse();

        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(4, 10), TestStudio.at(4, 12)), texted);
        BookedView other =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(4, 14), TestStudio.at(4, 15)), silent);
        studio.approve(booked.bookingId(), null);
        studio.approve(other.bookingId(), null);

        Map<String, String> text = textTo(phone);
        assertThat(text.get("From")).isEqualTo(FROM);
        assertThat(text.get("Body"))
                .contains(booked.code())
                .contains("America/Toronto")
                .contains("is confirmed")
                .contains(booked.code())
                .contains("/manage/");
        // the desk sees the client agreed, and since when
        JsonNode client = api.get("/api/admin/clients/" + studio.userId(texted), studio.owner())
                .expect(200)
                .json();
        assertThat(client.get("sms_opt_in").asBoolean()).isTrue();
        assertThat(client.get("sms_opt_in_at").isNull()).isFalse();

        // the event delivered again by a dozen nodes at once writes and sends nothing more
        BookingApproved again = new BookingApproved(
                UUID.fromString(studio.id()), UUID.fromString(booked.bookingId()), booked.code(), null);
        Parallel.run(12, i -> mails.on(again));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(textsTo(phone)).hasSize(1));
        assertThat(textsTo(silentPhone)).isEmpty();
        List<JsonNode> texts = deliveries(booked.bookingId()).stream()
                .filter(d -> d.get("channel").asString().equals("sms"))
                .toList();
        // the confirmation went; the reminder waits for its time
        assertThat(texts)
                .extracting(d -> d.get("template").asString())
                .containsExactlyInAnyOrder("booking-confirmed", "booking-reminder");
        assertThat(texts).allSatisfy(d -> assertThat(d.get("recipient").asString())
                .isEqualTo("…" + phone.substring(phone.length() - 4)));
        assertThat(deliveries(other.bookingId()))
                .noneSatisfy(d -> assertThat(d.get("channel").asString()).isEqualTo("sms"));
        assertThat(integration().get("healthy").asBoolean()).isTrue();

        // the delivery keeps the number sealed for its studio only
        byte[] recipient = asStudio(() -> jdbc.sql("SELECT recipient_sealed FROM delivery WHERE booking_id = :b"
                        + " AND channel = 'sms' AND template = 'booking-confirmed'")
                .param("b", UUID.fromString(booked.bookingId()))
                .query(byte[].class)
                .single());
        assertThat(new String(recipient, StandardCharsets.ISO_8859_1)).doesNotContain(phone.substring(1));
        assertThat(sealed.open(recipient, "delivery.recipient/" + studio.id())).isEqualTo(phone);
        assertThatThrownBy(() -> sealed.open(recipient, "delivery.recipient/" + UUID.randomUUID()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTwilioServerErrorIsRetriedLaterAndTheTextGoesOnce() {
        String client = optedInClient();
        String phone = phoneOf(client);
        twilio.stubFor(post(urlEqualTo(MESSAGES))
                .withRequestBody(containing(encoded(phone)))
                .inScenario("down")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}"))
                .willSetStateTo("up"));
        twilio.stubFor(post(urlEqualTo(MESSAGES))
                .withRequestBody(containing(encoded(phone)))
                .inScenario("down")
                .whenScenarioStateIs("up")
                .willReturn(created()));

        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(3, 10), TestStudio.at(3, 11)), client);
        assertThat(studio.approve(booked.bookingId(), null).status()).isEqualTo("confirmed");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode text = text(booked.bookingId(), "booking-confirmed");
            assertThat(text.get("status").asString()).isEqualTo("sent");
            assertThat(text.get("attempts").asInt()).isEqualTo(2);
        });
        assertThat(textsTo(phone)).hasSize(2); // the refused attempt and the one that went
        assertThat(twilio.getAllServeEvents())
                .filteredOn(
                        e -> form(e).get("To").equals(phone) && e.getResponse().getStatus() == 201)
                .hasSize(1);
    }

    @Test
    void anInvalidNumberFailsAtOnceWithTwiliosErrorInTheLog() {
        String client = optedInClient();
        String phone = phoneOf(client);
        twilio.stubFor(post(urlEqualTo(MESSAGES))
                .withRequestBody(containing(encoded(phone)))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number " + phone
                                + " is not a valid phone number.\",\"more_info\":"
                                + "\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));

        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(3, 12), TestStudio.at(3, 13)), client);
        studio.approve(booked.bookingId(), null);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(text(booked.bookingId(), "booking-confirmed")
                                .get("status")
                                .asString())
                        .isEqualTo("failed"));
        // the retries would have come after a second or two: none came
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(textsTo(phone)).hasSize(1));
        JsonNode failed = text(booked.bookingId(), "booking-confirmed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("last_error").asString())
                .contains("400")
                .contains("21211")
                .contains("is not a valid phone number");
        JsonNode sms = integration();
        assertThat(sms.get("configured").asBoolean()).isTrue();
        assertThat(sms.get("healthy").asBoolean()).isFalse();
        assertThat(sms.get("last_error").asString()).contains("21211");
        assertThat(api.get("/api/admin/deliveries?status=failed", studio.owner())
                        .expect(200)
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aPhoneGivenWhenRegisteringIsStoredSealedAndNormalizedToo() {
        String phone = uniquePhone();
        String email = "self-" + UUID.randomUUID() + "@example.test";
        api.send(
                        "POST",
                        "/api/auth/register",
                        json(
                                "email",
                                email,
                                "password",
                                "long-enough-pass",
                                "name",
                                "Self Registered",
                                "phone",
                                "+1 (" + phone.substring(2, 5) + ") " + phone.substring(5)),
                        null,
                        Map.of("X-Studio", studio.slug()))
                .expect(202);

        Map<String, Object> row =
                asStudio(() -> jdbc.sql("SELECT id, phone, phone_sealed, phone_hint FROM app_user WHERE email = :email")
                        .param("email", email)
                        .query()
                        .singleRow());
        assertThat(row.get("phone")).as("no number in clear").isNull();
        assertThat(row.get("phone_hint")).isEqualTo(phone.substring(phone.length() - 4));
        assertThat(sealed.open((byte[]) row.get("phone_sealed"), "app_user.phone/" + studio.id() + "/" + row.get("id")))
                .isEqualTo(phone);
    }

    @Test
    void phoneNumbersAreStoredSealedAndOpenOnlyForTheirOwnAccountAndStudio() {
        String phone = uniquePhone();
        JsonNode created = api.post(
                        "/api/admin/clients",
                        json("name", "Sealed Sam", "phone", "+1 (" + phone.substring(2, 5) + ") " + phone.substring(5)),
                        studio.owner())
                .expect(201)
                .json();
        String id = created.get("id").asString();
        assertThat(created.get("phone").asString()).isEqualTo(phone);

        Map<String, Object> row =
                asStudio(() -> jdbc.sql("SELECT phone, phone_sealed, phone_hint FROM app_user WHERE id = :id")
                        .param("id", UUID.fromString(id))
                        .query()
                        .singleRow());
        assertThat(row.get("phone")).isNull();
        assertThat(row.get("phone_hint")).isEqualTo(phone.substring(phone.length() - 4));
        byte[] stored = (byte[]) row.get("phone_sealed");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(phone.substring(1));
        assertThat(sealed.open(stored, "app_user.phone/" + studio.id() + "/" + id))
                .isEqualTo(phone);
        // copied to another account or studio, or opened with another key, it does not open
        assertThatThrownBy(() -> sealed.open(stored, "app_user.phone/" + studio.id() + "/" + UUID.randomUUID()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealed.open(stored, "app_user.phone/" + UUID.randomUUID() + "/" + id))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SealedSecrets("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=")
                        .open(stored, "app_user.phone/" + studio.id() + "/" + id))
                .isInstanceOf(IllegalStateException.class);

        // the desk reads it in full, finds it by its last four digits; the audit log keeps only those
        assertThat(api.get("/api/admin/clients/" + id, studio.owner())
                        .expect(200)
                        .json()
                        .get("phone")
                        .asString())
                .isEqualTo(phone);
        assertThat(api.get("/api/admin/clients?q=" + phone.substring(phone.length() - 4), studio.owner())
                        .expect(200)
                        .body())
                .contains(id);
        String audit =
                asStudio(() -> jdbc.sql("SELECT string_agg(diff::text, ' ') FROM audit_log WHERE entity_id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single());
        assertThat(audit).contains(phone.substring(phone.length() - 4)).doesNotContain(phone.substring(1));

        // a number left in clear (stored before the key was set) is sealed by the start-up pass, once
        String old = uniquePhone();
        UUID legacy = asStudio(() -> jdbc.sql("INSERT INTO app_user (studio_id, email, name, phone, role)"
                        + " VALUES (:s, NULL, 'Legacy Lee', :p, 'client') RETURNING id")
                .param("s", UUID.fromString(studio.id()))
                .param("p", old)
                .query(UUID.class)
                .single());
        assertThat(phones.sealLeftInClear()).isGreaterThanOrEqualTo(1);
        assertThat(phones.sealLeftInClear()).isZero();
        Map<String, Object> sealedRow =
                asStudio(() -> jdbc.sql("SELECT phone, phone_sealed FROM app_user WHERE id = :id")
                        .param("id", legacy)
                        .query()
                        .singleRow());
        assertThat(sealedRow.get("phone")).isNull();
        assertThat(sealed.open((byte[]) sealedRow.get("phone_sealed"), "app_user.phone/" + studio.id() + "/" + legacy))
                .isEqualTo(old);
        assertThat(api.get("/api/admin/clients/" + legacy, studio.owner())
                        .expect(200)
                        .json()
                        .get("phone")
                        .asString())
                .isEqualTo(old);
    }

    @Test
    void aBadPhoneIsRefusedNamingPhoneAndNothingIsWritten() {
        String client = studio.client();
        for (String bad : List.of("0176 1234567", "+12", "+1234567890123456", "+0 416 555 0199", "call me")) {
            assertThat(api.patch("/api/me/account", json("phone", bad), client).invalidFields())
                    .as(bad)
                    .containsExactly("phone");
        }
        assertThat(api.patch("/api/me/account", json("sms_opt_in", true), client)
                        .invalidFields())
                .containsExactly("sms_opt_in");
        assertThat(api.patch("/api/me/account", json("sms_opt_in", "yes"), client)
                        .invalidFields())
                .containsExactly("sms_opt_in");
        assertThat(api.patch("/api/me/account", json("name", "Renamed", "phone", "+1 555"), client)
                        .invalidFields())
                .containsExactly("phone");
        JsonNode unchanged = api.get("/api/me/account", client).expect(200).json();
        assertThat(unchanged.get("phone").isNull()).isTrue();
        assertThat(unchanged.get("sms_opt_in").asBoolean()).isFalse();
        assertThat(unchanged.get("name").asString()).isNotEqualTo("Renamed");

        String name = Api.unique("Nobody");
        assertThat(api.post("/api/admin/clients", json("name", name, "phone", "12345"), studio.owner())
                        .invalidFields())
                .containsExactly("phone");
        assertThat(api.get("/api/admin/clients?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8), studio.owner())
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();

        // the profile form: the problem named next to the field, a 400, nothing saved
        Api.Response page = api.send(
                "POST",
                "/me/profile",
                "name=Renamed&phone=555-0199&smsOptIn=on",
                client,
                Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"phone-error\"").contains("international");
        assertThat(api.get("/api/me/account", client)
                        .expect(200)
                        .json()
                        .get("phone")
                        .isNull())
                .isTrue();
        // and a good one is saved, with the consent recorded
        Api.Response saved = api.send(
                "POST",
                "/me/profile",
                "name=Renamed&phone=%2B1+416+555+0177&smsOptIn=on",
                client,
                Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(saved.status()).isEqualTo(302);
        JsonNode account = api.get("/api/me/account", client).expect(200).json();
        assertThat(account.get("phone").asString()).isEqualTo("+14165550177");
        assertThat(account.get("sms_opt_in").asBoolean()).isTrue();
        assertThat(account.get("phone_encrypted").asBoolean()).isTrue();
        // clearing the phone ends the consent
        JsonNode cleared = api.patch("/api/me/account", "{\"phone\": null}", client)
                .expect(200)
                .json();
        assertThat(cleared.get("sms_opt_in").asBoolean()).isFalse();
        assertThat(cleared.get("sms_opt_in_at").isNull()).isTrue();
    }

    @Test
    void anAdminSendsATestTextToTheirOwnPhone() {
        assertThat(api.post("/api/notifications/test", json("channel", "sms"), studio.owner())
                        .invalidFields())
                .containsExactly("channel");
        String phone = uniquePhone();
        api.patch("/api/me/account", json("phone", phone), studio.owner()).expect(200);

        JsonNode delivery = api.post("/api/notifications/test", json("channel", "sms"), studio.owner())
                .expect(202)
                .json();
        assertThat(delivery.get("channel").asString()).isEqualTo("sms");
        assertThat(textTo(phone).get("Body")).contains("test text");
        // asking again within the minute answers the same message
        assertThat(api.post("/api/notifications/test", json("channel", "sms"), studio.owner())
                        .expect(202)
                        .json()
                        .get("id")
                        .asString())
                .isEqualTo(delivery.get("id").asString());
    }

    // --- helpers ---

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "") + "\",\"account_sid\":\""
                        + SID + "\",\"status\":\"queued\",\"body\":\"\"}");
    }

    /** A new client of the studio with a phone, who agreed to texts. */
    private String optedInClient() {
        String client = studio.client();
        api.patch("/api/me/account", json("phone", uniquePhone(), "sms_opt_in", true), client)
                .expect(200);
        return client;
    }

    private String phoneOf(String client) {
        return api.get("/api/me/account", client)
                .expect(200)
                .json()
                .get("phone")
                .asString();
    }

    /** A North American number of its own for each use (tests share the Twilio stub). */
    private static String uniquePhone() {
        long n = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L);
        return "+1416" + String.format("%07d", n);
    }

    private static String spaced(String phone) {
        return phone.substring(0, 2) + " " + phone.substring(2, 5) + " " + phone.substring(5, 8) + "-"
                + phone.substring(8);
    }

    private static String encoded(String phone) {
        return "To=" + phone.replace("+", "%2B");
    }

    /** The one text to {@code phone}, waiting for it. */
    private static Map<String, String> textTo(String phone) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(textsTo(phone)).hasSize(1));
        return textsTo(phone).get(0);
    }

    private static List<Map<String, String>> textsTo(String phone) {
        return twilio.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(MESSAGES))
                .map(SmsTests::form)
                .filter(f -> phone.equals(f.get("To")))
                .toList();
    }

    private static Map<String, String> form(ServeEvent event) {
        Map<String, String> fields = new HashMap<>();
        Arrays.stream(event.getRequest().getBodyAsString().split("&"))
                .map(pair -> pair.split("=", 2))
                .filter(pair -> pair.length == 2)
                .forEach(pair -> fields.put(
                        URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        return fields;
    }

    private JsonNode text(String bookingId, String template) {
        return deliveries(bookingId).stream()
                .filter(d -> d.get("channel").asString().equals("sms")
                        && d.get("template").asString().equals(template))
                .findFirst()
                // an AssertionError, so that awaiting the text written after commit keeps waiting
                .orElseThrow(() -> new AssertionError("no " + template + " text for " + bookingId + " yet"));
    }

    private List<JsonNode> deliveries(String bookingId) {
        JsonNode log = api.get("/api/admin/bookings/" + bookingId + "/deliveries", studio.owner())
                .expect(200)
                .json();
        return java.util.stream.StreamSupport.stream(log.spliterator(), false).toList();
    }

    private JsonNode integration() {
        for (JsonNode integration :
                api.get("/api/admin/integrations", studio.owner()).expect(200).json()) {
            if (integration.get("name").asString().equals("sms")) {
                return integration;
            }
        }
        throw new AssertionError("no sms integration");
    }

    private <T> T asStudio(Supplier<T> work) {
        return Tenancy.callAs(UUID.fromString(studio.id()), () -> transactions.execute(tx -> work.get()));
    }
}
