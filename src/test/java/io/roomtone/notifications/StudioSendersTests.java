package io.roomtone.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.roomtone.identity.Accounts;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.SealedSecrets;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A studio's own SMTP server and Twilio account, against two real SMTP servers (GreenMail: the
 * installation's and one studio's, which wants a password) and Twilio's library against WireMock:
 * a studio's mail and texts go through its own, other studios' through the installation's; a
 * failing server of one studio shows on its integrations only; secrets are sealed; only the owner
 * changes them, only for their own studio; bad input is refused naming the field.
 */
@RoomtoneTest
class StudioSendersTests {

    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String INSTALLATION_SID = "AC" + "0".repeat(32);
    static final String STUDIO_SID = "AC" + "abcdef0123456789".repeat(2);
    static final String STUDIO_TOKEN = "studiotoken" + "9".repeat(21);
    static final String STUDIO_USER = "studio-user";
    static final String STUDIO_PASSWORD = "right pass 1";

    static final int INSTALLATION_PORT = freePort();
    static final int STUDIO_PORT = freePort();
    static final GreenMail INSTALLATION_SMTP =
            new GreenMail(new ServerSetup(INSTALLATION_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final GreenMail STUDIO_SMTP = new GreenMail(
                    new ServerSetup(STUDIO_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(STUDIO_USER, STUDIO_PASSWORD));
    static final WireMockServer twilio =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        twilio.start();
    }

    @DynamicPropertySource
    static void senders(DynamicPropertyRegistry registry) {
        registry.add("roomtone.encryption-key", () -> KEY);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> INSTALLATION_PORT);
        registry.add("roomtone.mail.from", () -> "bookings@installation.test");
        registry.add("roomtone.twilio.account-sid", () -> INSTALLATION_SID);
        registry.add("roomtone.twilio.auth-token", () -> "installation-token");
        registry.add("roomtone.twilio.from", () -> "+15005550006");
        registry.add("roomtone.twilio.api-base", twilio::baseUrl);
        // the test's servers are on the loopback address, which studios may not use by default
        registry.add("roomtone.notifications.studio-private-hosts", () -> "true");
        registry.add("roomtone.notifications.dispatch-interval", () -> "PT0.5S");
        registry.add("roomtone.notifications.retry-base", () -> "PT1S");
        registry.add("roomtone.notifications.retry-cap", () -> "PT2S");
        registry.add("roomtone.notifications.max-attempts", () -> "1000");
    }

    @BeforeAll
    static void startSmtp() {
        INSTALLATION_SMTP.start();
        STUDIO_SMTP.start();
    }

    @AfterAll
    static void stop() {
        INSTALLATION_SMTP.stop();
        STUDIO_SMTP.stop();
        twilio.stop();
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SealedSecrets sealed;

    @Autowired
    Accounts accounts;

    TestStudio studio;

    @BeforeEach
    void openStudio() {
        twilio.resetAll();
        twilio.stubFor(post(urlMatching("/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages.json"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM" + "1".repeat(32) + "\",\"status\":\"queued\",\"body\":\"\"}")));
        studio = new TestStudio(api).openWithApproval();
    }

    @Test
    void aStudioWithItsOwnServerGetsItsMailThereAndAnotherStudiosMailGoesThroughTheInstallations() {
        JsonNode before = api.get("/api/admin/integrations/mail", studio.owner())
                .expect(200)
                .json();
        assertThat(before.get("source").asString()).isEqualTo("installation");
        assertThat(before.get("storable").asBoolean()).isTrue();

        JsonNode saved = saveMail(studio, STUDIO_PASSWORD).expect(200).json();

        assertThat(saved.get("source").asString()).isEqualTo("studio");
        assertThat(saved.get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(saved.get("port").asInt()).isEqualTo(STUDIO_PORT);
        assertThat(saved.get("password_hint").asString()).isEqualTo("ss 1");
        assertThat(saved.toString()).doesNotContain(STUDIO_PASSWORD);
        TestStudio other = new TestStudio(api).openWithApproval();

        api.post("/api/notifications/test", json("channel", "email"), studio.owner())
                .expect(202);
        api.post("/api/notifications/test", json("channel", "email"), other.owner())
                .expect(202);

        MimeMessage own = received(STUDIO_SMTP, studio.ownerEmail());
        assertThat(from(own)).contains("desk@studio.test");
        MimeMessage installation = received(INSTALLATION_SMTP, other.ownerEmail());
        assertThat(from(installation)).contains("bookings@installation.test");
        // each went one way only
        assertThat(addressedTo(INSTALLATION_SMTP, studio.ownerEmail(), "test message"))
                .isEmpty();
        assertThat(addressedTo(STUDIO_SMTP, other.ownerEmail(), "test message")).isEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(smtp(studio).get("detail").asString()).contains("the studio's own SMTP server 127.0.0.1");
            assertThat(smtp(studio).get("healthy").asBoolean()).isTrue();
        });
        assertThat(smtp(other).get("detail").asString()).contains("the installation's SMTP server");
        // the audit trail says who changed where the studio's mail goes, without the password
        String audit = asStudio(studio, () -> jdbc.sql(
                        "SELECT string_agg(action || ' ' || diff::text, ' ') FROM audit_log" + " WHERE entity_id = :s")
                .param("s", UUID.fromString(studio.id()))
                .query(String.class)
                .single());
        assertThat(audit).contains("notifications.smtp_server_saved").doesNotContain(STUDIO_PASSWORD);

        // removed, the studio's mail goes through the installation's server again
        api.delete("/api/admin/integrations/mail", studio.owner()).expect(204);
        assertThat(api.get("/api/admin/integrations/mail", studio.owner())
                        .expect(200)
                        .json()
                        .get("source")
                        .asString())
                .isEqualTo("installation");
        api.delete("/api/admin/integrations/mail", studio.owner()).expect(404);
    }

    @Test
    void aWrongPasswordLeavesTheStudiosMailPendingAndOnlyItsIntegrationFailing() {
        saveMail(studio, "wrong password").expect(200);
        TestStudio other = new TestStudio(api).openWithApproval();

        api.post("/api/notifications/test", json("channel", "email"), studio.owner())
                .expect(202);
        api.post("/api/notifications/test", json("channel", "email"), other.owner())
                .expect(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode test = testDelivery(studio);
            assertThat(test.get("status").asString()).isIn("pending", "sending");
            assertThat(test.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(test.get("last_error").asString()).containsIgnoringCase("authentication");
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode failing = smtp(studio);
            assertThat(failing.get("healthy").asBoolean()).isFalse();
            assertThat(failing.get("last_error").asString()).containsIgnoringCase("authentication");
            assertThat(failing.get("detail").asString()).contains("the studio's own SMTP server");
        });
        // the other studio's mail is not held up, and its integration is working
        received(INSTALLATION_SMTP, other.ownerEmail());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(smtp(other).get("healthy").asBoolean()).isTrue());

        // the right password (a new save) lets the waiting message go on its next attempt
        saveMail(studio, STUDIO_PASSWORD).expect(200);
        received(STUDIO_SMTP, studio.ownerEmail());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        testDelivery(studio).get("status").asString())
                .isEqualTo("sent"));
    }

    @Test
    void anUnreachableServerIsAnErrorOfTheStudioOnly() {
        api.put(
                        "/api/admin/integrations/mail",
                        json(
                                "host",
                                "127.0.0.1",
                                "port",
                                freePort(),
                                "security",
                                "none",
                                "from_address",
                                "desk@studio.test"),
                        studio.owner())
                .expect(200);

        api.post("/api/notifications/test", json("channel", "email"), studio.owner())
                .expect(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode test = testDelivery(studio);
            assertThat(test.get("status").asString()).isIn("pending", "sending");
            assertThat(test.get("last_error").isNull()).isFalse();
            assertThat(smtp(studio).get("healthy").asBoolean()).isFalse();
        });
    }

    @Test
    void theStudiosOwnTwilioAccountSendsItsTextsAndAnotherStudiosGoThroughTheInstallations() {
        JsonNode saved = api.put(
                        "/api/admin/integrations/sms",
                        json("account_sid", STUDIO_SID, "auth_token", STUDIO_TOKEN, "sender", "+14165550100"),
                        studio.owner())
                .expect(200)
                .json();
        assertThat(saved.get("source").asString()).isEqualTo("studio");
        assertThat(saved.get("auth_token_hint").asString()).isEqualTo("9999");
        assertThat(saved.toString()).doesNotContain(STUDIO_TOKEN);
        TestStudio other = new TestStudio(api).openWithApproval();
        for (TestStudio s : List.of(studio, other)) {
            api.patch("/api/me/account", json("phone", "+1416555" + (1000 + (int) (Math.random() * 8999))), s.owner())
                    .expect(200);
            api.post("/api/notifications/test", json("channel", "sms"), s.owner())
                    .expect(202);
        }

        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((STUDIO_SID + ":" + STUDIO_TOKEN).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            twilio.verify(postRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + STUDIO_SID + "/Messages.json"))
                    .withHeader("Authorization", equalTo(basic))
                    .withRequestBody(
                            com.github.tomakehurst.wiremock.client.WireMock.containing("From=%2B14165550100")));
            twilio.verify(
                    1, postRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + INSTALLATION_SID + "/Messages.json")));
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(integration(studio, "sms").get("detail").asString())
                    .contains("the studio's own Twilio account " + STUDIO_SID);
            assertThat(integration(other, "sms").get("detail").asString())
                    .contains("the installation's Twilio account");
        });
        // a blank token keeps the stored one; a messaging service replaces the number
        String service = "MG" + "0123456789abcdef".repeat(2);
        assertThat(api.put(
                                "/api/admin/integrations/sms",
                                json("account_sid", STUDIO_SID, "sender", service),
                                studio.owner())
                        .expect(200)
                        .json()
                        .get("sender")
                        .asString())
                .isEqualTo(service);
        byte[] token = asStudio(studio, () -> jdbc.sql("SELECT auth_token_sealed FROM studio_twilio_account")
                .query(byte[].class)
                .single());
        assertThat(new String(token, StandardCharsets.ISO_8859_1)).doesNotContain(STUDIO_TOKEN);
        assertThat(sealed.open(token, "twilio.auth_token/" + studio.id())).isEqualTo(STUDIO_TOKEN);
        // another account without its token is refused: the stored token belongs to the old account
        assertThat(api.put(
                                "/api/admin/integrations/sms",
                                json("account_sid", INSTALLATION_SID, "sender", service),
                                studio.owner())
                        .expect(400)
                        .problem()
                        .fields())
                .containsExactly("auth_token");
    }

    @Test
    void thePasswordIsSealedForItsStudioInTheDatabase() {
        saveMail(studio, STUDIO_PASSWORD).expect(200);

        Map<String, Object> row = asStudio(studio, () -> jdbc.sql(
                        "SELECT password_sealed, password_hint, username FROM studio_smtp_server WHERE studio_id = :s")
                .param("s", UUID.fromString(studio.id()))
                .query()
                .singleRow());
        byte[] stored = (byte[]) row.get("password_sealed");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(STUDIO_PASSWORD);
        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain(STUDIO_PASSWORD);
        assertThat(row.get("password_hint")).isEqualTo("ss 1");
        assertThat(sealed.open(stored, "smtp.password/" + studio.id())).isEqualTo(STUDIO_PASSWORD);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> sealed.open(stored, "smtp.password/" + UUID.randomUUID())))
                .isInstanceOf(IllegalStateException.class);

        // saved again without a password (same username), the stored one is kept
        api.put(
                        "/api/admin/integrations/mail",
                        json(
                                "host",
                                "mail.studio.test",
                                "port",
                                "465",
                                "security",
                                "ssl",
                                "username",
                                STUDIO_USER,
                                "from_address",
                                "desk@studio.test"),
                        studio.owner())
                .expect(200);
        byte[] kept = asStudio(studio, () -> jdbc.sql("SELECT password_sealed FROM studio_smtp_server")
                .query(byte[].class)
                .single());
        assertThat(sealed.open(kept, "smtp.password/" + studio.id())).isEqualTo(STUDIO_PASSWORD);
        // without a username the server is used without signing in, and no password is kept
        JsonNode open = api.put(
                        "/api/admin/integrations/mail",
                        json(
                                "host",
                                "mail.studio.test",
                                "port",
                                25,
                                "security",
                                "starttls",
                                "password",
                                "ignored",
                                "from_address",
                                "desk@studio.test"),
                        studio.owner())
                .expect(200)
                .json();
        assertThat(open.get("username").isNull()).isTrue();
        assertThat(open.get("password_hint").isNull()).isTrue();
    }

    @Test
    void onlyTheOwnerChangesThemAndOnlyForTheirOwnStudio() {
        String admin = admin(studio);
        // an admin sees the set-up but may not change it
        api.get("/api/admin/integrations/mail", admin).expect(200);
        api.get("/api/admin/integrations/sms", admin).expect(200);
        assertThat(mailBody(STUDIO_PASSWORD)).isNotBlank();
        api.put("/api/admin/integrations/mail", mailBody(STUDIO_PASSWORD), admin)
                .expect(403);
        api.put(
                        "/api/admin/integrations/sms",
                        json("account_sid", STUDIO_SID, "auth_token", STUDIO_TOKEN, "sender", "+14165550100"),
                        admin)
                .expect(403);
        api.delete("/api/admin/integrations/mail", admin).expect(403);
        api.delete("/api/admin/integrations/sms", admin).expect(403);
        api.put(
                        "/api/admin/integrations/mail",
                        mailBody(STUDIO_PASSWORD),
                        studio.engineer("mixing").token())
                .expect(403);
        assertThat(rows(studio, "studio_smtp_server")).isZero();

        saveMail(studio, STUDIO_PASSWORD).expect(200);
        TestStudio other = new TestStudio(api).openWithApproval();

        // another studio's owner sees and removes only their own (row-level security)
        JsonNode theirs = api.get("/api/admin/integrations/mail", other.owner())
                .expect(200)
                .json();
        assertThat(theirs.get("source").asString()).isEqualTo("installation");
        assertThat(theirs.get("host").isNull()).isTrue();
        api.delete("/api/admin/integrations/mail", other.owner()).expect(404);
        assertThat(api.send(
                                "DELETE",
                                "/api/admin/integrations/mail",
                                null,
                                other.owner(),
                                Map.of("X-Studio", studio.slug()))
                        .status())
                .as("a token of one studio does not work for another")
                .isIn(401, 403, 404);
        assertThat(rows(other, "studio_smtp_server")).isZero();
        assertThat(rows(studio, "studio_smtp_server")).isEqualTo(1);
        // the admin's page shows no form, the owner's does
        assertThat(page(admin)).doesNotContain("action=\"/admin/integrations/mail\"");
        assertThat(page(studio.owner())).contains("action=\"/admin/integrations/mail\"");
    }

    @Test
    void badSettingsAreRefusedNamingTheFieldAndNothingIsWritten() {
        String big = "a".repeat(10 * 1024);
        Response everything = api.put(
                "/api/admin/integrations/mail",
                json(
                        "host",
                        big,
                        "port",
                        Long.MAX_VALUE,
                        "security",
                        "tls",
                        "username",
                        big,
                        "password",
                        big,
                        "from_address",
                        big + "@example.com"),
                studio.owner());
        assertThat(everything.expect(400).problem().fields())
                .containsExactlyInAnyOrder("host", "port", "security", "username", "password", "from_address");
        for (Object port : List.of(0, 65536, -1, Long.MAX_VALUE, "587.0", "abc", "", "99999999999999999999", 1.5)) {
            assertThat(api.put("/api/admin/integrations/mail", mailBody(port, "smtp.example.com"), studio.owner())
                            .expect(400, "port " + port)
                            .problem()
                            .fields())
                    .containsExactly("port");
        }
        for (String host : List.of(
                "smtp_example.com",
                "-smtp.example.com",
                "smtp..example.com",
                "smtp.example.com.",
                "a".repeat(64) + ".example.com",
                "smtp.example.com\r\nRCPT TO:<x@y.z>",
                "smtp example.com",
                ("a".repeat(60) + ".").repeat(5) + "com")) {
            api.put("/api/admin/integrations/mail", mailBody(587, host), studio.owner())
                    .expect(400, "host " + host);
        }
        for (String from : List.of("desk", "desk@localhost", "de sk@studio.test", "desk@studio.test\r\nBcc: x@y.z")) {
            assertThat(api.put(
                                    "/api/admin/integrations/mail",
                                    json(
                                            "host",
                                            "smtp.example.com",
                                            "port",
                                            587,
                                            "security",
                                            "starttls",
                                            "from_address",
                                            from),
                                    studio.owner())
                            .expect(400, "from " + from)
                            .problem()
                            .fields())
                    .containsExactly("from_address");
        }
        // a username needs a password (none is stored)
        assertThat(api.put(
                                "/api/admin/integrations/mail",
                                json(
                                        "host",
                                        "smtp.example.com",
                                        "port",
                                        587,
                                        "security",
                                        "starttls",
                                        "username",
                                        "me",
                                        "from_address",
                                        "desk@studio.test"),
                                studio.owner())
                        .expect(400)
                        .problem()
                        .fields())
                .containsExactly("password");
        api.put("/api/admin/integrations/mail", "{}", studio.owner()).expect(400);
        api.put("/api/admin/integrations/mail", "not json", studio.owner()).expect(400);
        // valid edges are taken
        api.put("/api/admin/integrations/mail", mailBody(1, "a.b"), studio.owner())
                .expect(200);
        api.put("/api/admin/integrations/mail", mailBody(65535, "10.0.0.1"), studio.owner())
                .expect(200);
        api.delete("/api/admin/integrations/mail", studio.owner()).expect(204);

        for (String sid : List.of(
                "AC" + "A".repeat(32),
                "MG" + "0".repeat(32),
                "AC" + "0".repeat(31),
                "AC" + "0".repeat(33),
                "ac" + "0".repeat(32),
                big)) {
            assertThat(api.put(
                                    "/api/admin/integrations/sms",
                                    json("account_sid", sid, "auth_token", STUDIO_TOKEN, "sender", "+14165550100"),
                                    studio.owner())
                            .expect(400)
                            .problem()
                            .fields())
                    .containsExactly("account_sid");
        }
        for (String sender : List.of(
                "14165550100",
                "+0416555",
                "+1234567",
                "+1234567890123456",
                "MG" + "g".repeat(32),
                "AC" + "0".repeat(32),
                big)) {
            assertThat(api.put(
                                    "/api/admin/integrations/sms",
                                    json("account_sid", STUDIO_SID, "auth_token", STUDIO_TOKEN, "sender", sender),
                                    studio.owner())
                            .expect(400, "sender " + sender)
                            .problem()
                            .fields())
                    .containsExactly("sender");
        }
        assertThat(api.put(
                                "/api/admin/integrations/sms",
                                json("account_sid", STUDIO_SID, "auth_token", big, "sender", "+14165550100"),
                                studio.owner())
                        .expect(400)
                        .problem()
                        .fields())
                .containsExactly("auth_token");
        assertThat(rows(studio, "studio_smtp_server")).isZero();
        assertThat(rows(studio, "studio_twilio_account")).isZero();
        assertThat(api.get("/api/admin/integrations/sms", studio.owner())
                        .expect(200)
                        .json()
                        .get("source")
                        .asString())
                .isEqualTo("installation");
    }

    @Test
    void aDozenOwnersSavingAtOnceLeaveOneConsistentRow() {
        List<Response> saves = Parallel.send(
                12,
                i -> api.put(
                        "/api/admin/integrations/mail",
                        json(
                                "host",
                                "smtp" + i + ".example.com",
                                "port",
                                587,
                                "security",
                                "starttls",
                                "username",
                                "user-" + i,
                                "password",
                                "password-of-" + i,
                                "from_address",
                                "desk" + i + "@studio.test"),
                        studio.owner()));

        assertThat(saves).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        Map<String, Object> row = asStudio(
                studio,
                () -> jdbc.sql("SELECT * FROM studio_smtp_server").query().singleRow());
        String n = ((String) row.get("username")).substring("user-".length());
        // every column of the one row comes from the same save
        assertThat(row.get("host")).isEqualTo("smtp" + n + ".example.com");
        assertThat(row.get("from_address")).isEqualTo("desk" + n + "@studio.test");
        assertThat(sealed.open((byte[]) row.get("password_sealed"), "smtp.password/" + studio.id()))
                .isEqualTo("password-of-" + n);
        assertThat(row.get("password_hint"))
                .isEqualTo(("password-of-" + n).substring(("password-of-" + n).length() - 4));

        List<Response> texts = Parallel.send(
                12,
                i -> api.put(
                        "/api/admin/integrations/sms",
                        json(
                                "account_sid",
                                STUDIO_SID,
                                "auth_token",
                                "token" + "0".repeat(20) + i,
                                "sender",
                                "+1416555010" + (i % 10)),
                        studio.owner()));
        assertThat(texts).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(rows(studio, "studio_twilio_account")).isEqualTo(1);
    }

    private Response saveMail(TestStudio s, String password) {
        return api.put("/api/admin/integrations/mail", mailBody(password), s.owner());
    }

    private static String mailBody(String password) {
        return json(
                "host",
                "127.0.0.1",
                "port",
                STUDIO_PORT,
                "security",
                "none",
                "username",
                STUDIO_USER,
                "password",
                password,
                "from_address",
                "desk@studio.test");
    }

    private static String mailBody(Object port, String host) {
        return json("host", host, "port", port, "security", "starttls", "from_address", "desk@studio.test");
    }

    private String admin(TestStudio s) {
        String email = "admin-" + UUID.randomUUID() + "@studio.test";
        Tenancy.runAs(
                UUID.fromString(s.id()),
                () -> accounts.create(email, "admin-password-1", "Desk admin", null, Role.ADMIN));
        return api.login(email, "admin-password-1", s.slug());
    }

    private String page(String token) {
        return api.send("GET", "/admin/integrations", null, token, Map.of("Accept", "text/html"))
                .expect(200)
                .body();
    }

    private JsonNode smtp(TestStudio s) {
        return integration(s, "smtp");
    }

    private JsonNode integration(TestStudio s, String name) {
        JsonNode all = api.get("/api/admin/integrations", s.owner()).expect(200).json();
        return StreamSupport.stream(all.spliterator(), false)
                .filter(i -> i.get("name").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode testDelivery(TestStudio s) {
        JsonNode log = api.get("/api/admin/deliveries?limit=200", s.owner())
                .expect(200)
                .json();
        return StreamSupport.stream(log.get("items").spliterator(), false)
                .filter(d -> d.get("template").asString().equals("test-message"))
                .findFirst()
                .orElseThrow();
    }

    private long rows(TestStudio s, String table) {
        return asStudio(s, () -> jdbc.sql("SELECT count(*) FROM " + table)
                .query(Long.class)
                .single());
    }

    private <T> T asStudio(TestStudio s, Supplier<T> work) {
        return Tenancy.callAs(UUID.fromString(s.id()), () -> transactions.execute(tx -> work.get()));
    }

    private static MimeMessage received(GreenMail server, String to) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> addressedTo(server, to, "test message").stream()
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
    }

    private static List<MimeMessage> addressedTo(GreenMail server, String to, String subject) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                        .anyMatch(a -> a.toString().contains(to))
                                && m.getSubject().contains(subject);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    private static String from(MimeMessage message) {
        try {
            return message.getFrom()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
