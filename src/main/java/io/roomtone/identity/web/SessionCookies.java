package io.roomtone.identity.web;

import io.roomtone.identity.RequestAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The browser's session cookie, for the API's and the pages' sign-ins alike. Opening a session also
 * discards the CSRF token the browser had: the security configuration does not rotate it on each
 * (stateless) request, so a token planted in the browser before sign-in would otherwise stay valid
 * for the signed-in session; the next page gets a fresh one.
 */
final class SessionCookies {

    /** Spring Security's cookie for {@code csrf.spa()} ({@code CookieCsrfTokenRepository}). */
    static final String CSRF_COOKIE = "XSRF-TOKEN";

    private SessionCookies() {}

    static void open(String token, Duration ttl, HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, session(token, ttl, request).toString());
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                ResponseCookie.from(CSRF_COOKIE, "")
                        .secure(request.isSecure())
                        .sameSite("Lax")
                        .path("/")
                        .maxAge(Duration.ZERO)
                        .build()
                        .toString());
    }

    static void close(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, session("", Duration.ZERO, request).toString());
    }

    private static ResponseCookie session(String value, Duration maxAge, HttpServletRequest request) {
        return ResponseCookie.from(RequestAuthentication.SESSION_COOKIE, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
