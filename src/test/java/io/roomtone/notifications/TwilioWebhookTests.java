package io.roomtone.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.roomtone.identity.Tenancy;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.BookingRequest;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Twilio's webhooks through the real server: a client who texts STOP is opted out (and START opts
 * them back in), only in the studios the account the text came to serves; status callbacks record a
 * text delivered or failed on its delivery, matched by the message SID. Calls are signed here the way
 * Twilio signs them (HMAC-SHA1 of the public URL and the sorted fields, base64), computed with
 * javax.crypto rather than Twilio's validator, so that a mistake in how the server calls it shows.
 */
@RoomtoneTest
class TwilioWebhookTests {

    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String SID = "AC" + "2".repeat(32);
    static final String TOKEN = "installation-webhook-token";
    static final String FROM = "+15005550006";
    static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    /** Where Twilio calls us: a proxy in front of the server, not the address the test reaches it at. */
    static final String PUBLIC = "https://book.twilio-tests.example";

    static final String SMS_URL = PUBLIC + "/api/webhooks/twilio/sms";

    static final WireMockServer twilio =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        twilio.start();
    }

    @DynamicPropertySource
    static void sms(DynamicPropertyRegistry registry) {
        registry.add("roomtone.encryption-key", () -> KEY);
        registry.add("roomtone.public-url", () -> PUBLIC);
        registry.add("roomtone.twilio.account-sid", () -> SID);
        registry.add("roomtone.twilio.auth-token", () -> TOKEN);
        registry.add("roomtone.twilio.from", () -> FROM);
        registry.add("roomtone.twilio.api-base", twilio::baseUrl);
        registry.add("roomtone.notifications.dispatch-interval", () -> "PT0.5S");
        registry.add("roomtone.notifications.retry-base", () -> "PT1S");
        registry.add("roomtone.notifications.retry-cap", () -> "PT2S");
        // every call comes from a network of its own (X-Forwarded-For) unless a test shares one
        registry.add("roomtone.rate-limits.webhook-per-ip", () -> WEBHOOKS_PER_NETWORK + "/1h");
    }

    static final int WEBHOOKS_PER_NETWORK = 12;
    private static final java.util.concurrent.atomic.AtomicInteger NETWORKS =
            new java.util.concurrent.atomic.AtomicInteger();

    /** A client address no other call of this class uses (10.73.0.0/16). */
    private static String newNetwork() {
        int n = NETWORKS.incrementAndGet();
        return "10.73." + (n / 250) + "." + (n % 250 + 1);
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    TestStudio studio;
    String room;
    String service;

    @BeforeEach
    void openStudio() {
        twilio.resetAll();
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(created(newSid())));
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
    }

    @Test
    void aClientWhoTextsStopIsOptedOutAndTheirNextBookingSendsNoText() {
        String client = studio.client();
        String phone = uniquePhone();
        api.patch("/api/me/account", json("phone", phone, "sms_opt_in", true), client)
                .expect(200);

        Api.Response answer = inbound(TOKEN, reply(phone, FROM, "  sToP \n"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type").orElseThrow()).startsWith("text/xml");
        assertThat(answer.body()).contains("<Response/>");

        JsonNode account = api.get("/api/me/account", client).expect(200).json();
        assertThat(account.get("sms_opt_in").asBoolean()).isFalse();
        assertThat(account.get("sms_opt_in_at").isNull()).isTrue();
        assertThat(account.get("phone").asString()).isEqualTo(phone);
        // the client's own page shows texts off
        Api.Response page = api.send("GET", "/me/profile", null, client, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(checkbox(page.body())).doesNotContain("checked");
        // the audit log says who did it, with the number's last digits only
        List<Map<String, Object>> audit = audit(studio.userId(client));
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("action")).isEqualTo("account.sms_opted_out_by_text");
        assertThat((String) audit.get(0).get("actor")).startsWith("Twilio").contains(phone.substring(8));
        assertThat(audit.get(0).get("diff").toString()).doesNotContain(phone.substring(1));

        // the same text again changes nothing more
        assertThat(inbound(TOKEN, reply(phone, FROM, "STOP")).status()).isEqualTo(200);
        assertThat(audit(studio.userId(client))).hasSize(1);

        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(4, 10), TestStudio.at(4, 12)), client);
        studio.approve(booked.bookingId(), null);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(textsTo(phone)).isEmpty());
        assertThat(deliveries(booked.bookingId()))
                .noneSatisfy(d -> assertThat(d.get("channel").asString()).isEqualTo("sms"));
    }

    @Test
    void startOptsTheClientBackInAndTheirTextsGoAgain() {
        String client = studio.client();
        String phone = uniquePhone();
        api.patch("/api/me/account", json("phone", phone, "sms_opt_in", true), client)
                .expect(200);
        inbound(TOKEN, reply(phone, FROM, "unsubscribe")).expect(200);
        assertThat(optedIn(client)).isFalse();
        // any other reply is no consent either way
        for (String other : List.of("HELP", "stop it please", "yes please", "")) {
            inbound(TOKEN, reply(phone, FROM, other)).expect(200);
        }
        assertThat(optedIn(client)).isFalse();

        // the integrations list tells the studio where Twilio must send replies
        JsonNode integrations =
                api.get("/api/admin/integrations", studio.owner()).expect(200).json();
        assertThat(StreamSupport.stream(integrations.spliterator(), false)
                        .filter(i -> i.get("name").asString().equals("sms"))
                        .findFirst()
                        .orElseThrow()
                        .get("detail")
                        .asString())
                .contains(SMS_URL);

        inbound(TOKEN, reply(phone, FROM, "Start")).expect(200);
        JsonNode account = api.get("/api/me/account", client).expect(200).json();
        assertThat(account.get("sms_opt_in").asBoolean()).isTrue();
        assertThat(account.get("sms_opt_in_at").isNull()).isFalse();
        // Twilio's Advanced Opt-Out names the keyword it matched (in any language the studio set up)
        Map<String, String> arret = reply(phone, FROM, "ARRET");
        arret.put("OptOutType", "STOP");
        inbound(TOKEN, arret).expect(200);
        assertThat(optedIn(client)).isFalse();
        inbound(TOKEN, reply(phone, FROM, "yes")).expect(200);
        assertThat(optedIn(client)).isTrue();

        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(4, 13), TestStudio.at(4, 14)), client);
        studio.approve(booked.bookingId(), null);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(textsTo(phone)).hasSize(1));
    }

    @Test
    void anUnsignedOrWronglySignedCallIsRefusedAndChangesNothing() {
        String client = studio.client();
        String phone = uniquePhone();
        api.patch("/api/me/account", json("phone", phone, "sms_opt_in", true), client)
                .expect(200);
        Map<String, String> stop = reply(phone, FROM, "STOP");

        List<Api.Response> refused = List.of(
                call("/api/webhooks/twilio/sms", stop, null),
                call("/api/webhooks/twilio/sms", stop, ""),
                call("/api/webhooks/twilio/sms", stop, sign("another-token", SMS_URL, stop)),
                // signed for the address the test reaches the server at, not the one Twilio calls
                call(
                        "/api/webhooks/twilio/sms",
                        stop,
                        sign(TOKEN, api.uri("/api/webhooks/twilio/sms").toString(), stop)),
                // signed, then a field changed
                call("/api/webhooks/twilio/sms", withField(stop, "From", uniquePhone()), sign(TOKEN, SMS_URL, stop)),
                call("/api/webhooks/twilio/sms", stop, "x".repeat(5000)),
                call(
                        "/api/webhooks/twilio/status",
                        Map.of("AccountSid", SID, "MessageSid", newSid(), "MessageStatus", "failed"),
                        sign(TOKEN, PUBLIC + "/api/webhooks/twilio/sms", stop)));
        for (Api.Response answer : refused) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(answer.problem().detail()).contains("X-Twilio-Signature");
        }
        assertThat(optedIn(client)).isTrue();
        assertThat(audit(studio.userId(client))).isEmpty();
    }

    @Test
    void aTextToAStudiosOwnAccountLeavesAnotherStudiosClientWithTheSameNumberAlone() {
        String ownSid = "AC" + UUID.randomUUID().toString().replace("-", "");
        String ownToken = "own" + UUID.randomUUID().toString().replace("-", "");
        String ownNumber = uniquePhone();
        api.put(
                        "/api/admin/integrations/sms",
                        json("account_sid", ownSid, "auth_token", ownToken, "sender", ownNumber),
                        studio.owner())
                .expect(200);
        TestStudio other = new TestStudio(api).openWithApproval();
        String phone = uniquePhone();
        String here = studio.client();
        String there = other.client();
        for (String client : List.of(here, there)) {
            api.patch("/api/me/account", json("phone", phone, "sms_opt_in", true), client)
                    .expect(200);
        }

        Map<String, String> toOwn = reply(phone, ownNumber, "STOP");
        toOwn.put("AccountSid", ownSid);
        // signed with another token than the studio's (and the installation's): refused
        assertThat(call("/api/webhooks/twilio/sms", toOwn, sign("wrong" + ownToken, SMS_URL, toOwn))
                        .status())
                .isEqualTo(403);
        inbound(ownToken, toOwn).expect(200);
        assertThat(optedIn(here)).isFalse();
        assertThat(optedIn(there)).isTrue();

        // the installation's number serves the other studio only: its STOP leaves this studio's client alone
        inbound(ownToken, withField(toOwn, "Body", "START")).expect(200);
        assertThat(optedIn(here)).isTrue();
        inbound(TOKEN, reply(phone, FROM, "STOP")).expect(200);
        assertThat(optedIn(there)).isFalse();
        assertThat(optedIn(here)).isTrue();
    }

    @Test
    void aDozenIdenticalStopsAtOnceChangeTheClientOnce() {
        String client = studio.client();
        String phone = uniquePhone();
        api.patch("/api/me/account", json("phone", phone, "sms_opt_in", true), client)
                .expect(200);
        Map<String, String> stop = reply(phone, FROM, "STOP");
        String signature = sign(TOKEN, SMS_URL, stop);
        String network = newNetwork();

        List<Api.Response> answers =
                Parallel.send(WEBHOOKS_PER_NETWORK, i -> call("/api/webhooks/twilio/sms", stop, signature, network));

        assertThat(answers).extracting(Api.Response::status).containsOnly(200);
        assertThat(optedIn(client)).isFalse();
        assertThat(audit(studio.userId(client))).hasSize(1);
    }

    @Test
    void statusCallbacksMarkATextDeliveredOrFailedForGood() {
        String client = optedInClient();
        String phone = phoneOf(client);
        String sid = newSid();
        twilio.stubFor(post(urlEqualTo(MESSAGES))
                .withRequestBody(containing(encoded(phone)))
                .willReturn(created(sid)));
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(5, 10), TestStudio.at(5, 11)), client);
        studio.approve(booked.bookingId(), null);
        JsonNode sent = sentText(booked.bookingId());
        assertThat(sent.get("delivered_at").isNull()).isTrue();
        // the text asked Twilio to report to the public address, naming its studio
        String callback = PUBLIC + "/api/webhooks/twilio/status?studio=" + studio.id();
        assertThat(textsTo(phone).get(0).get("StatusCallback")).isEqualTo(callback);

        status(callback, sid, "sent", null).expect(200);
        assertThat(sentText(booked.bookingId()).get("delivered_at").isNull()).isTrue();
        status(callback, sid, "delivered", null).expect(200);
        JsonNode delivered = sentText(booked.bookingId());
        assertThat(delivered.get("status").asString()).isEqualTo("sent");
        assertThat(delivered.get("delivered_at").isNull()).isFalse();
        Api.Response page = api.send(
                "GET",
                "/admin/deliveries/" + delivered.get("id").asString(),
                null,
                studio.owner(),
                Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Delivered to the phone");
        // a late failure report of a delivered text changes nothing
        status(callback, sid, "undelivered", "30003").expect(200);
        assertThat(sentText(booked.bookingId())).isEqualTo(delivered);

        // another client's text: failed because the number said STOP to Twilio — for good
        String stopped = optedInClient();
        String stoppedPhone = phoneOf(stopped);
        String failedSid = newSid();
        twilio.stubFor(post(urlEqualTo(MESSAGES))
                .withRequestBody(containing(encoded(stoppedPhone)))
                .willReturn(created(failedSid)));
        BookedView other =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(5, 12), TestStudio.at(5, 13)), stopped);
        studio.approve(other.bookingId(), null);
        sentText(other.bookingId());
        status(callback, failedSid, "failed", "21610").expect(200);
        status(callback, failedSid, "failed", "21610").expect(200);
        JsonNode failed = text(other.bookingId());
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("last_error").asString()).contains("21610").contains("permanent");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(textsTo(stoppedPhone)).hasSize(1));
        assertThat(text(other.bookingId()).get("attempts").asInt()).isEqualTo(1);
        assertThat(api.get("/api/admin/deliveries?status=failed", studio.owner())
                        .expect(200)
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void anUndeliveredTextWithATransientErrorIsSentAgain() {
        String client = optedInClient();
        String phone = phoneOf(client);
        String sid = newSid();
        twilio.stubFor(post(urlEqualTo(MESSAGES))
                .withRequestBody(containing(encoded(phone)))
                .willReturn(created(sid)));
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(6, 10), TestStudio.at(6, 11)), client);
        studio.approve(booked.bookingId(), null);
        sentText(booked.bookingId());
        twilio.stubFor(post(urlEqualTo(MESSAGES))
                .withRequestBody(containing(encoded(phone)))
                .willReturn(created(newSid())));

        // without the studio in the address (set up by hand in Twilio's console), found all the same
        status(PUBLIC + "/api/webhooks/twilio/status", sid, "undelivered", "30003")
                .expect(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode text = text(booked.bookingId());
            assertThat(text.get("status").asString()).isEqualTo("sent");
            assertThat(text.get("attempts").asInt()).isEqualTo(2);
        });
        assertThat(textsTo(phone)).hasSize(2);
        // the old SID's reports no longer reach the new attempt
        status(PUBLIC + "/api/webhooks/twilio/status", sid, "delivered", null).expect(200);
        assertThat(text(booked.bookingId()).get("delivered_at").isNull()).isTrue();
    }

    @Test
    void anUnknownMessageSidIsAcknowledgedAndNothingIsWritten() {
        String client = optedInClient();
        String phone = phoneOf(client);
        BookedView booked =
                studio.book(BookingRequest.booking(room, service, TestStudio.at(7, 10), TestStudio.at(7, 11)), client);
        studio.approve(booked.bookingId(), null);
        JsonNode before = sentText(booked.bookingId());
        String callback = PUBLIC + "/api/webhooks/twilio/status?studio=" + studio.id();

        for (String state : List.of("delivered", "failed", "undelivered")) {
            status(callback, newSid(), state, "21610").expect(200);
        }
        // another studio named in the address is not one this account serves here: nothing found
        status(PUBLIC + "/api/webhooks/twilio/status?studio=" + UUID.randomUUID(), newSid(), "failed", "21610")
                .expect(200);
        status(PUBLIC + "/api/webhooks/twilio/status?studio=not-a-uuid", newSid(), "failed", "21610")
                .expect(200);
        assertThat(sentText(booked.bookingId())).isEqualTo(before);
        assertThat(textsTo(phone)).hasSize(1);
    }

    @Test
    void absurdCallsAreRefusedOrIgnoredNeverAServerError() {
        String client = studio.client();
        String phone = uniquePhone();
        api.patch("/api/me/account", json("phone", phone, "sms_opt_in", true), client)
                .expect(200);
        String callback = PUBLIC + "/api/webhooks/twilio/status";

        Map<String, String> huge = reply(phone, FROM, "STOP " + "x".repeat(10_000));
        Map<String, String> longFrom = reply("+1" + "4".repeat(5_000), FROM, "STOP");
        Map<String, String> fromLetters = reply("+1416555abcd", FROM, "STOP");
        Map<String, String> noFrom = new LinkedHashMap<>(Map.of("AccountSid", SID, "Body", "STOP"));
        Map<String, String> nothing = new LinkedHashMap<>();
        Map<String, String> hugeSid = new LinkedHashMap<>(
                Map.of("AccountSid", SID, "MessageSid", "SM" + "a".repeat(5_000), "MessageStatus", "failed"));
        Map<String, String> oddSid = new LinkedHashMap<>(
                Map.of("AccountSid", SID, "MessageSid", "SM'; DROP TABLE delivery;--", "MessageStatus", "failed"));
        Map<String, String> noStatus = new LinkedHashMap<>(Map.of("AccountSid", SID, "MessageSid", newSid()));
        Map<String, String> oddCode = new LinkedHashMap<>(Map.of(
                "AccountSid", SID, "MessageSid", newSid(), "MessageStatus", "failed", "ErrorCode", "x".repeat(3000)));
        // an Account SID no studio has: only the installation's token can verify it (another client here)
        String elsewhere = studio.client();
        String elsewherePhone = uniquePhone();
        api.patch("/api/me/account", json("phone", elsewherePhone, "sms_opt_in", true), elsewhere)
                .expect(200);
        Map<String, String> longAccount = reply(elsewherePhone, FROM, "STOP");
        longAccount.put("AccountSid", "AC" + "f".repeat(5_000));

        List<Api.Response> signed = List.of(
                inbound(TOKEN, huge),
                inbound(TOKEN, longFrom),
                inbound(TOKEN, fromLetters),
                inbound(TOKEN, noFrom),
                inbound(TOKEN, nothing),
                inbound(TOKEN, longAccount),
                call("/api/webhooks/twilio/status", hugeSid, sign(TOKEN, callback, hugeSid)),
                call("/api/webhooks/twilio/status", oddSid, sign(TOKEN, callback, oddSid)),
                call("/api/webhooks/twilio/status", noStatus, sign(TOKEN, callback, noStatus)),
                call("/api/webhooks/twilio/status", oddCode, sign(TOKEN, callback, oddCode)),
                call("/api/webhooks/twilio/status", nothing, sign(TOKEN, callback, nothing)));
        assertThat(signed)
                .allSatisfy(
                        answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        assertThat(optedIn(client)).isTrue();
        assertThat(optedIn(elsewhere)).isFalse();

        List<Api.Response> unsigned = List.of(
                call("/api/webhooks/twilio/sms", huge, null),
                call("/api/webhooks/twilio/sms", longFrom, "bad"),
                call("/api/webhooks/twilio/sms", nothing, null),
                call("/api/webhooks/twilio/status", hugeSid, null),
                api.send(
                        "POST",
                        "/api/webhooks/twilio/sms",
                        "{\"Body\":\"STOP\"}",
                        null,
                        Map.of("Content-Type", "application/json", "X-Twilio-Signature", "abc")),
                api.send(
                        "POST",
                        "/api/webhooks/twilio/sms",
                        "%%%=%zz&&=",
                        null,
                        Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", "abc")));
        assertThat(unsigned).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        });
        assertThat(optedIn(client)).isTrue();
        assertThat(audit(studio.userId(client))).isEmpty();
    }

    @Test
    void callsBeyondTheLimitFromOneNetworkGet429AndChangeNothing() {
        String client = studio.client();
        String phone = uniquePhone();
        api.patch("/api/me/account", json("phone", phone, "sms_opt_in", true), client)
                .expect(200);
        String network = newNetwork();
        Map<String, String> forged = reply(phone, FROM, "STOP");

        List<Api.Response> answers = Parallel.send(
                WEBHOOKS_PER_NETWORK + 8,
                i -> call(
                        i % 2 == 0 ? "/api/webhooks/twilio/sms" : "/api/webhooks/twilio/status",
                        forged,
                        "forged",
                        network));

        assertThat(Parallel.count(answers, 403)).isEqualTo(WEBHOOKS_PER_NETWORK);
        assertThat(Parallel.count(answers, 429)).isEqualTo(8);
        assertThat(answers).filteredOn(answer -> answer.status() == 429).allSatisfy(answer -> assertThat(
                        answer.json().get("limit").asString())
                .isEqualTo("webhook_per_ip"));
        // Twilio's own calls come from other addresses, and are still answered
        assertThat(inbound(TOKEN, reply(phone, FROM, "STOP")).status()).isEqualTo(200);
        assertThat(optedIn(client)).isFalse();
    }

    // --- helpers ---

    /** What Twilio posts for a text from {@code from} to our {@code to}. */
    private static Map<String, String> reply(String from, String to, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "US");
        form.put("SmsMessageSid", newSid());
        form.put("NumMedia", "0");
        form.put("MessageSid", form.get("SmsMessageSid"));
        form.put("AccountSid", SID);
        form.put("From", from);
        form.put("To", to);
        form.put("Body", body);
        form.put("NumSegments", "1");
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    private static Map<String, String> withField(Map<String, String> form, String field, String value) {
        Map<String, String> changed = new LinkedHashMap<>(form);
        changed.put(field, value);
        return changed;
    }

    private Api.Response inbound(String token, Map<String, String> form) {
        return call("/api/webhooks/twilio/sms", form, sign(token, SMS_URL, form));
    }

    private Api.Response status(String url, String sid, String state, String errorCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", SID);
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("MessageStatus", state);
        form.put("SmsStatus", state);
        form.put("From", FROM);
        form.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        String path = url.substring(PUBLIC.length());
        return call(path, form, sign(TOKEN, url, form));
    }

    private Api.Response call(String path, Map<String, String> form, String signature) {
        return call(path, form, signature, newNetwork());
    }

    private Api.Response call(String path, Map<String, String> form, String signature, String network) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Forwarded-For", network);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return api.send("POST", path, body, null, headers);
    }

    /** Twilio's signature: HMAC-SHA1 with the auth token of the URL and each field's name and value, sorted by name. */
    static String sign(String token, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
        return aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + sid + "\",\"account_sid\":\"" + SID
                        + "\",\"status\":\"queued\",\"body\":\"\"}");
    }

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

    private boolean optedIn(String client) {
        return api.get("/api/me/account", client)
                .expect(200)
                .json()
                .get("sms_opt_in")
                .asBoolean();
    }

    private static String uniquePhone() {
        long n = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L);
        return "+1647" + String.format("%07d", n);
    }

    private static String encoded(String phone) {
        return "To=" + phone.replace("+", "%2B");
    }

    /** The profile page's SMS checkbox, as rendered. */
    private static String checkbox(String html) {
        int start = html.indexOf("<input id=\"smsOptIn\"");
        assertThat(start).as("the SMS checkbox").isNotNegative();
        return html.substring(start, html.indexOf('>', start));
    }

    private static List<Map<String, String>> textsTo(String phone) {
        return twilio.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(MESSAGES))
                .map(TwilioWebhookTests::form)
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

    /** The booking's confirmation text, once it went out. */
    private JsonNode sentText(String bookingId) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertThat(text(bookingId).get("status").asString()).isEqualTo("sent"));
        return text(bookingId);
    }

    private JsonNode text(String bookingId) {
        return deliveries(bookingId).stream()
                .filter(d -> d.get("channel").asString().equals("sms")
                        && d.get("template").asString().equals("booking-confirmed"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no confirmation text for " + bookingId + " yet"));
    }

    private List<JsonNode> deliveries(String bookingId) {
        JsonNode log = api.get("/api/admin/bookings/" + bookingId + "/deliveries", studio.owner())
                .expect(200)
                .json();
        return StreamSupport.stream(log.spliterator(), false).toList();
    }

    private List<Map<String, Object>> audit(String userId) {
        return asStudio(() -> jdbc.sql("SELECT actor, action, diff::text AS diff FROM audit_log"
                        + " WHERE entity_id = :id AND action LIKE 'account.sms_opted_%_by_text' ORDER BY created_at")
                .param("id", UUID.fromString(userId))
                .query()
                .listOfRows());
    }

    private <T> T asStudio(Supplier<T> work) {
        return Tenancy.callAs(UUID.fromString(studio.id()), () -> transactions.execute(tx -> work.get()));
    }
}
