package io.roomtone.platform.web;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What people type is checked the way an impersonator would try it: addresses are normalized and
 * refused when they hide characters, names refuse control and direction overrides, reserved slugs
 * are refused, and no answer speaks Java.
 */
@RoomtoneTest
class InputHygieneTests {

    private static final List<String> JAVA_WORDS = List.of(
            "ArrayList",
            "List",
            "Integer",
            "int",
            "Long",
            "UUID class",
            "java.",
            "String",
            "Map",
            "RoomDraft",
            "Registration",
            "NewStudio",
            "NewOwner",
            "Instant ",
            "Boolean");

    @Autowired
    Api api;

    @Autowired
    io.roomtone.support.AccountMailbox mailbox;

    private Response register(String email, String name) {
        return api.post("/api/auth/register", json("email", email, "password", "hygiene-pass-9", "name", name), null);
    }

    @Test
    void emailAddressesAreTrimmedLowerCasedAndNfkcNormalized() {
        String local = "norm-" + UUID.randomUUID().toString().substring(0, 8);
        // fullwidth letters and a ligature: NFKC turns them into their plain forms
        register("  \uFF2E\uFF2F\uFF32\uFF2D" + local + "@EXAMPLE.test ", "Norm")
                .expect(202);
        String normalized = "norm" + local + "@example.test";
        Response registered =
                api.post("/api/auth/confirm-email", json("token", mailbox.confirmationToken(normalized)), null);

        registered.expect(200);
        assertThat(registered.json().at("/user/email").asString()).isEqualTo(normalized);
        api.login("NORM" + local + "@example.test", "hygiene-pass-9", null);
        // the same address in another form is the same account: its owner is told, nothing is made
        register(normalized, "Again").expect(202);
        assertThat(mailbox.sent(
                        io.roomtone.identity.AccountEvents.RegistrationAttemptedForExistingAccount.class, normalized))
                .hasSize(1);
    }

    @Test
    void addressesWithInvisibleCharactersAreRefused() {
        for (String hidden : List.of("\u200B", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u202E", "\u0007", "\u3164")) {
            String email = "hid" + hidden + "den-" + UUID.randomUUID() + "@example.test";
            assertThat(register(email, "Hidden").invalidFields())
                    .as("U+%04X", (int) hidden.charAt(0))
                    .containsExactly("email");
        }
    }

    @Test
    void namesRefuseControlAndBidiOverrideCharacters() {
        for (String bad : List.of(
                "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u0000",
                "\u0007", "\n", "\r", "\t", "\u0085", "\u2028")) {
            Response refused = register("bidi-" + UUID.randomUUID() + "@example.test", "Ann" + bad + "exe.pdf");
            assertThat(refused.status()).as("U+%04X", (int) bad.charAt(0)).isEqualTo(400);
            assertThat(refused.invalidFields())
                    .as("U+%04X", (int) bad.charAt(0))
                    .containsExactly("name");
        }
        // letters of any script, accents and emoji are names
        register("intl-" + UUID.randomUUID() + "@example.test", "Zoë Ñúñez 山田 🎤 O'Brien-Smith")
                .expect(202);
    }

    @Test
    void reservedStudioSlugsAreRefused() {
        String basic =
                Base64.getEncoder().encodeToString((Api.OPERATOR_EMAIL + ":" + Api.OPERATOR_PASSWORD).getBytes());
        for (String slug : List.of(
                "www", "api", "admin", "app", "static", "assets", "mail", "status", "help", "support", "default")) {
            Response refused = api.send(
                    "POST",
                    "/api/platform/studios",
                    json(
                            "slug",
                            slug,
                            "name",
                            "Squatter",
                            "owner",
                            Map.of("email", "s@example.test", "name", "S", "password", "squatter-pass-9")),
                    null,
                    Map.of("Authorization", "Basic " + basic));
            assertThat(refused.invalidFields()).as(slug).containsExactly("slug");
        }
    }

    @Test
    void typeMistakesAreWordedForPeopleNotInJava() {
        String owner = api.ownerToken();
        List<Response> answers = List.of(
                api.post("/api/admin/rooms", "{\"name\": \"R\", \"tags\": \"vocal\"}", owner),
                api.post("/api/admin/rooms", "{\"name\": \"R\", \"tags\": [[1]]}", owner),
                api.post("/api/admin/rooms", "{\"name\": \"R\", \"capacity\": \"many\"}", owner),
                api.post("/api/admin/rooms", "{\"name\": \"R\", \"capacity\": 1.5}", owner),
                api.post("/api/admin/rooms", "{\"name\": \"R\", \"capacity\": 99999999999}", owner),
                api.post("/api/admin/rooms", "{\"name\": [\"R\"]}", owner),
                api.post("/api/admin/rooms", "{\"name\": {\"first\": \"R\"}}", owner),
                api.post("/api/admin/rooms", "{\"name\": \"R\", \"active\": \"yes\"}", owner),
                api.post("/api/admin/rooms", "[]", owner),
                api.post("/api/admin/rooms", "\"room\"", owner),
                api.post("/api/admin/rooms", "12345678901234567890", owner),
                api.post("/api/auth/register", "{\"email\": 5, \"password\": [], \"name\": {}}", null),
                api.get("/api/admin/bookings?client_id=nope", owner),
                api.get("/api/admin/bookings?from=yesterday", owner),
                api.get("/api/admin/audit?limit=many", owner),
                api.get("/api/admin/clients?offset=1.5", owner));
        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
            assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
            String words = answer.json().path("detail").asString() + " "
                    + answer.json().path("errors");
            for (String java : JAVA_WORDS) {
                assertThat(words).as(answer.toString()).doesNotContain(java);
            }
        }
    }
}
