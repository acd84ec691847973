package io.roomtone.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.FreshDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A first start without ROOMTONE_ADMIN_EMAIL: the web app shows a one-time setup page that creates
 * the studio's owner, and then disappears. Single-studio mode (the default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshDatabase.class)
@Import(Api.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstStartSetupTests {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    Api api;

    record Form(String cookie, String csrf) {}

    private Form openSetupPage() {
        Response page = api.get("/setup", null);
        page.expect(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<label for=\"email\">");
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();
        return new Form("XSRF-TOKEN=" + page.cookie("XSRF-TOKEN").orElseThrow(), csrf.group(1));
    }

    private Response submit(Form form, Map<String, String> fields) {
        StringBuilder body = new StringBuilder("_csrf=" + enc(form.csrf()));
        fields.forEach((k, v) -> body.append('&').append(k).append('=').append(enc(v)));
        return api.send(
                "POST",
                "/setup",
                body.toString(),
                null,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", form.cookie()));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theFrontPageLeadsToSetupUntilThereIsAnOwner() {
        Response home = api.get("/", null);
        home.expect(302);
        assertThat(home.header("Location").orElseThrow()).endsWith("/setup");
    }

    @Test
    @Order(2)
    void aSetupPostWithoutItsCsrfTokenIsRefused() {
        Response forged = api.send(
                "POST",
                "/setup",
                "ownerName=Eve&email=eve%40example.test&password=long-enough",
                null,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        forged.expect(403);
    }

    @Test
    @Order(3)
    void invalidSetupShowsTheProblemsAndCreatesNothing() {
        Response invalid = submit(
                openSetupPage(),
                Map.of(
                        "studioName",
                        "Blue Room",
                        "timezone",
                        "Mars/Olympus",
                        "currency",
                        "CAD",
                        "ownerName",
                        "Olu",
                        "email",
                        "olu@example.test",
                        "password",
                        "long-enough"));

        invalid.expect(400);
        assertThat(invalid.body()).contains("timezone: is not a known time zone");
        api.get("/", null).expect(302);
    }

    @Test
    @Order(4)
    void setupCreatesTheOwnerSignsThemInAndDisappears() {
        Response done = submit(
                openSetupPage(),
                Map.of(
                        "studioName",
                        "Blue Room Studios",
                        "timezone",
                        "Europe/London",
                        "currency",
                        "gbp",
                        "ownerName",
                        "Olu",
                        "email",
                        "olu@example.test",
                        "password",
                        "long-enough"));

        done.expect(302);
        String session = done.cookie("roomtone_session").orElseThrow();
        Response me = api.send("GET", "/api/auth/session", null, null, Map.of("Cookie", "roomtone_session=" + session));
        assertThat(me.json().at("/user/role").asString()).isEqualTo("owner");
        assertThat(api.get("/", null).body()).contains("Blue Room Studios");
        api.get("/setup", null).expect(404);
        assertThat(api.login("olu@example.test", "long-enough", null)).isNotBlank();
    }
}
