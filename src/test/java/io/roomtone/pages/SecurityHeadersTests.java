package io.roomtone.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The headers and refusals that keep the pages safe, checked over plain HTTP. */
@RoomtoneTest
class SecurityHeadersTests {

    static final Map<String, String> BROWSER = Map.of("Accept", "text/html,application/xhtml+xml");

    @Autowired
    Api api;

    @Test
    void pagesSendAStrictContentSecurityPolicyAndPrivacyHeaders() {
        for (String path : new String[] {"/", "/availability", "/signin", "/signup", "/book?room=x"}) {
            Response page = api.send("GET", path, null, null, BROWSER);
            String csp = page.header("Content-Security-Policy").orElseThrow();
            assertThat(csp).as(path).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(csp)
                    .as(path)
                    .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'");
            assertThat(page.header("Referrer-Policy")).as(path).contains("strict-origin-when-cross-origin");
            assertThat(page.header("Permissions-Policy").orElseThrow())
                    .as(path)
                    .contains("camera=()", "microphone=()", "geolocation=()");
            assertThat(page.header("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(page.header("Strict-Transport-Security"))
                    .as("HSTS only over HTTPS")
                    .isEmpty();
        }
    }

    @Test
    void behindTlsTheSessionCookieIsSecureAndHstsIsSent() {
        Map<String, String> https = Map.of("X-Forwarded-Proto", "https", "Content-Type", "application/json");
        Response login = api.send(
                "POST",
                "/api/auth/login",
                Api.json("email", Api.OWNER_EMAIL, "password", Api.OWNER_PASSWORD),
                null,
                https);
        login.expect(200);
        assertThat(login.setCookieHeader("roomtone_session").orElseThrow())
                .contains("HttpOnly", "SameSite=Lax", "Secure");
        assertThat(login.header("Strict-Transport-Security")).isPresent();

        Response plain =
                api.post("/api/auth/login", Api.json("email", Api.OWNER_EMAIL, "password", Api.OWNER_PASSWORD), null);
        assertThat(plain.setCookieHeader("roomtone_session").orElseThrow())
                .contains("HttpOnly", "SameSite=Lax")
                .doesNotContain("Secure");
    }

    @Test
    void signingInDiscardsTheCsrfTokenTheBrowserHadBefore() {
        // a token planted before sign-in (the double-submit pair: cookie and header alike)
        String planted = "planted-before-sign-in";
        Response login = api.send(
                "POST",
                "/api/auth/login",
                Api.json("email", Api.OWNER_EMAIL, "password", Api.OWNER_PASSWORD),
                null,
                Map.of("Content-Type", "application/json", "Cookie", "XSRF-TOKEN=" + planted, "X-XSRF-TOKEN", planted));
        login.expect(200);

        assertThat(login.setCookieHeader("XSRF-TOKEN").orElseThrow())
                .as("the old token is cleared; the next page gets a new one")
                .startsWith("XSRF-TOKEN=;")
                .contains("Max-Age=0", "Path=/");
    }

    @Test
    void aFormPostWithoutCsrfTokenIsRefused() {
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html");
        Response refused = api.send("POST", "/signin", "email=a%40b.test&password=secret-one", null, form);
        refused.expect(403, "no CSRF token");
        assertThat(refused.contentType()).startsWith("text/html");

        Response signOut = api.send("POST", "/signout", "", null, form);
        signOut.expect(403, "sign-out is a change too");
    }

    @Test
    void unknownPagesAreA404PageWhileTheApiKeepsProblems() {
        Response page = api.send("GET", "/no-such-page", null, null, BROWSER);
        page.expect(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Page not found");

        Response apiRoute = api.send("GET", "/api/no-such-route", null, null, BROWSER);
        assertThat(apiRoute.contentType()).startsWith("application/problem+json");
    }

    @Test
    void malformedPageParametersAreA400NotA500() {
        Response book = api.send("GET", "/book?room=1&start=2026-13-45T99:00:00Z&end=x", null, null, BROWSER);
        book.expect(400);
        assertThat(book.body()).contains("start: &#39;2026-13-45T99:00:00Z&#39; is not valid");

        Response availability = api.send("GET", "/availability?date=%00&duration=-5&room=zz", null, null, BROWSER);
        availability.expect(400);
    }
}
