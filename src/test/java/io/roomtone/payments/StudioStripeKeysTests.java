package io.roomtone.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.SealedSecrets;
import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StripeEvents;
import io.roomtone.support.TestStudio;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * A studio of a multi-studio installation takes card payments into its own Stripe account: its keys
 * are stored sealed, used for its calls only (the installation here has no keys of its own), and
 * its webhook endpoint verifies with its own signing secret.
 */
@RoomtoneTest
class StudioStripeKeysTests {

    static final String WEBHOOK_SECRET = "whsec_studio_own";
    static final WireMockServer stripe =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        stripe.start();
    }

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("roomtone.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("roomtone.stripe.api-base", stripe::baseUrl);
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop();
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SealedSecrets sealed;

    TestStudio studio;
    String secretKey;

    @BeforeEach
    void openStudio() {
        stripe.resetAll();
        studio = new TestStudio(api).openWithApproval();
        secretKey = "sk_test_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void withoutKeysTheStudioTakesNoCardsAndSaysWhatToDo() {
        JsonNode setup = api.get("/api/admin/payments/stripe-keys", studio.owner())
                .expect(200)
                .json();

        assertThat(setup.get("source").asString()).isEqualTo("none");
        assertThat(setup.get("storable").asBoolean()).isTrue();
        assertThat(setup.get("webhook_path").asString()).isEqualTo("/api/webhooks/stripe/" + studio.id());
        BookedView booked = book(studio);
        assertThat(booked.clientSecret()).isNull();
        assertThat(stripe.getAllServeEvents()).isEmpty();
        // neither endpoint takes webhooks: no installation keys, no studio keys
        assertThat(signed("/api/webhooks/stripe", event(studio)).status()).isEqualTo(404);
        assertThat(signed("/api/webhooks/stripe/" + studio.id(), event(studio)).status())
                .isEqualTo(404);
    }

    @Test
    void theOwnersKeysAreSealedAndTheStudiosPaymentsUseThem() {
        JsonNode saved = save(studio, secretKey).expect(200).json();

        assertThat(saved.get("source").asString()).isEqualTo("studio");
        assertThat(saved.get("publishable_key").asString()).isEqualTo("pk_test_own");
        assertThat(saved.get("secret_key_hint").asString()).isEqualTo(secretKey.substring(secretKey.length() - 4));
        assertThat(saved.toString()).doesNotContain(secretKey).doesNotContain(WEBHOOK_SECRET);
        // the database holds neither secret in clear, and a sealed value opens for its own studio only
        byte[] stored =
                asStudio(studio, () -> jdbc.sql("SELECT secret_key_sealed FROM studio_stripe_keys WHERE studio_id = :s")
                        .param("s", UUID.fromString(studio.id()))
                        .query(byte[].class)
                        .single());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secretKey);
        assertThat(sealed.open(stored, "stripe.secret_key/" + studio.id())).isEqualTo(secretKey);
        assertThatThrownBy(() -> sealed.open(stored, "stripe.secret_key/" + UUID.randomUUID()))
                .isInstanceOf(IllegalStateException.class);

        String intent = "pi_" + UUID.randomUUID().toString().replace("-", "");
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .willReturn(okJson("{\"id\":\"" + intent + "\",\"object\":\"payment_intent\",\"status\":"
                        + "\"requires_payment_method\",\"client_secret\":\"" + intent + "_secret\",\"amount\":2825,"
                        + "\"currency\":\"usd\",\"metadata\":{}}")));
        BookedView booked = book(studio);

        assertThat(booked.clientSecret()).isEqualTo(intent + "_secret");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + secretKey)));
        // another studio of the installation has no card payments: the keys are this studio's alone
        TestStudio other = new TestStudio(api).openWithApproval();
        assertThat(book(other).clientSecret()).isNull();
        assertThat(api.get("/api/admin/payments/stripe-keys", other.owner())
                        .expect(200)
                        .json()
                        .get("source")
                        .asString())
                .isEqualTo("none");
    }

    @Test
    void theStudiosWebhookEndpointVerifiesWithItsOwnSecretAndKeepsItsOwnEventsOnly() {
        save(studio, secretKey).expect(200);
        TestStudio other = new TestStudio(api).openWithApproval();

        assertThat(signed("/api/webhooks/stripe/" + studio.id(), event(studio))
                        .expect(200)
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("stored");
        // signed with another secret: refused, nothing kept
        Response forged = signedWith("whsec_forged", "/api/webhooks/stripe/" + studio.id(), event(studio));
        assertThat(forged.expect(400).problem().detail()).contains("Stripe-Signature");
        // an event naming another studio is not this endpoint's to keep
        assertThat(signed("/api/webhooks/stripe/" + studio.id(), event(other))
                        .expect(200)
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("not_ours");
        assertThat(eventsOf(studio)).isEqualTo(1);
        assertThat(eventsOf(other)).isZero();
    }

    @Test
    void keysThatAreNotStripesAreRefusedNamingTheFieldAndNothingIsStored() {
        Response bad = api.put(
                "/api/admin/payments/stripe-keys",
                json("publishable_key", "pk_live_abc", "secret_key", secretKey, "webhook_secret", "nope"),
                studio.owner());

        assertThat(bad.expect(400).problem().fields()).contains("secret_key", "webhook_secret");
        for (String key : List.of("", "sk_test_" + "x".repeat(300), "sk_test_a\nb", "pk_test_abc")) {
            api.put(
                            "/api/admin/payments/stripe-keys",
                            json("publishable_key", "pk_test_own", "secret_key", key, "webhook_secret", WEBHOOK_SECRET),
                            studio.owner())
                    .expect(400);
        }
        api.put("/api/admin/payments/stripe-keys", "{}", studio.owner()).expect(400);
        assertThat(api.get("/api/admin/payments/stripe-keys", studio.owner())
                        .expect(200)
                        .json()
                        .get("source")
                        .asString())
                .isEqualTo("none");
        // a staff member may not touch them; another studio's owner sees only their own
        api.put(
                        "/api/admin/payments/stripe-keys",
                        json(
                                "publishable_key",
                                "pk_test_own",
                                "secret_key",
                                secretKey,
                                "webhook_secret",
                                WEBHOOK_SECRET),
                        studio.engineer("mixing").token())
                .expect(403);
        assertThat(api.delete("/api/admin/payments/stripe-keys", studio.owner())
                        .expect(404)
                        .problem()
                        .code())
                .isEqualTo("not_found");
    }

    @Test
    void twelveOwnersSavingAtOnceLeaveOneSetOfKeysAndRemovingThemTurnsCardsOff() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Callable<Integer>> saves = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String key = "sk_test_parallel" + i + UUID.randomUUID().toString().replace("-", "");
            keys.add(key);
            saves.add(() -> save(studio, key).status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(saves)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200);
        assertThat(asStudio(studio, () -> jdbc.sql("SELECT count(*) FROM studio_stripe_keys")
                        .query(Long.class)
                        .single()))
                .isEqualTo(1);
        String hint = api.get("/api/admin/payments/stripe-keys", studio.owner())
                .expect(200)
                .json()
                .get("secret_key_hint")
                .asString();
        assertThat(keys).anyMatch(k -> k.endsWith(hint));

        api.delete("/api/admin/payments/stripe-keys", studio.owner()).expect(204);
        assertThat(book(studio).clientSecret()).isNull();
    }

    @Test
    void theSetupPageListsTheGatewaysAndTakesTheOwnersKeysWithoutEchoingSecrets() {
        String page = api.send("GET", "/admin/payments", null, studio.owner(), Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(page)
                .contains(
                        "Gateways",
                        "Payments at the studio",
                        "Card payments (Stripe)",
                        "Publishable key",
                        "/api/webhooks/stripe/" + studio.id());

        Response refused = form(
                "/admin/payments/stripe-keys",
                "publishable_key",
                "pk_test_own",
                "secret_key",
                "sk_live_" + secretKey.substring(8),
                "webhook_secret",
                "whsec_<script>");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body())
                .contains("Secret key must be of the same mode", "Webhook signing secret must look like whsec_")
                .doesNotContain(secretKey.substring(8))
                .doesNotContain("<script>");

        Response saved = form(
                "/admin/payments/stripe-keys",
                "publishable_key",
                "pk_test_own",
                "secret_key",
                secretKey,
                "webhook_secret",
                WEBHOOK_SECRET);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.raw().headers().firstValue("Location").orElse("")).endsWith("/admin/payments?done=saved");
        String after = api.send(
                        "GET", "/admin/payments?done=saved", null, studio.owner(), Map.of("Accept", "text/html"))
                .expect(200)
                .body();
        assertThat(after)
                .contains("ending in " + secretKey.substring(secretKey.length() - 4))
                .doesNotContain(secretKey);

        assertThat(form("/admin/payments/stripe-keys/remove").status()).isEqualTo(302);
        assertThat(api.get("/api/admin/payments/stripe-keys", studio.owner())
                        .expect(200)
                        .json()
                        .get("source")
                        .asString())
                .isEqualTo("none");
    }

    private Response form(String path, String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&")
                    .append(java.net.URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(java.net.URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return api.send(
                "POST",
                path,
                body.toString(),
                studio.owner(),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
    }

    // --- helpers ---

    private Response save(TestStudio s, String key) {
        return api.put(
                "/api/admin/payments/stripe-keys",
                json("publishable_key", "pk_test_own", "secret_key", key, "webhook_secret", WEBHOOK_SECRET),
                s.owner());
    }

    private BookedView book(TestStudio s) {
        String room = s.room("vocal");
        String service = s.service().inRoomsTagged("vocal").create();
        return s.book(booking(room, service, at(9, 10), at(9, 11)), s.client());
    }

    private long eventsOf(TestStudio s) {
        return asStudio(s, () -> jdbc.sql("SELECT count(*) FROM payment_webhook_event")
                .query(Long.class)
                .single());
    }

    private <T> T asStudio(TestStudio s, java.util.function.Supplier<T> work) {
        return Tenancy.callAs(UUID.fromString(s.id()), () -> transactions.execute(tx -> work.get()));
    }

    private static String event(TestStudio s) {
        return StripeEvents.aboutIntent("payment_intent.succeeded", "pi_unknown", s.id());
    }

    private Response signed(String path, String payload) {
        return signedWith(WEBHOOK_SECRET, path, payload);
    }

    private Response signedWith(String secret, String path, String payload) {
        return StripeEvents.deliver(api, path, payload, secret);
    }
}
