package io.roomtone.identity;

import io.roomtone.identity.internal.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Service;

/**
 * Signing up or in from a page of another module (the booking step creates accounts inline, so
 * that an artist never leaves the slot they chose): the same {@link Sessions} and the same session
 * cookie as the sign-in and sign-up pages. Refusals are the {@link io.roomtone.shared.RoomtoneException}s
 * of those services: field problems, {@code unauthenticated} for wrong credentials.
 */
@Service
public class PageSignIn {

    /**
     * Where the rate limit filter forwards a sign-in of the {@code /signin} page that its limits
     * refused, with the refusal's text in the request attribute {@link #LIMIT_REFUSAL}: the page
     * says so and offers a sign-in link by mail instead of a bare 429.
     */
    public static final String LIMITED_PATH = "/signin/limited";

    public static final String LIMIT_REFUSAL = "io.roomtone.identity.signInRefusal";

    /** Spring Security's cookie for {@code csrf.spa()} ({@code CookieCsrfTokenRepository}). */
    static final String CSRF_COOKIE = "XSRF-TOKEN";

    private final Sessions sessions;
    private final Registrations registrations;
    private final IdentityProperties properties;

    PageSignIn(Sessions sessions, Registrations registrations, IdentityProperties properties) {
        this.sessions = sessions;
        this.registrations = registrations;
        this.properties = properties;
    }

    /**
     * Registers a client (see {@link Registrations#register}): nobody is signed in yet, whether or not the
     * address had an account; the address's owner gets a mail, whose confirmation link signs the new
     * account in and returns to {@code next}. Refusals are field problems only.
     */
    public void register(String name, String email, String phone, String password, String next) {
        String cleanPhone = phone == null || phone.isBlank() ? null : phone.strip();
        registrations.register(email, password, name, cleanPhone, next);
    }

    /** Signs in with email and password, like {@link #register}. */
    public CurrentUser signIn(String email, String password, HttpServletRequest request, HttpServletResponse response) {
        return opened(sessions.signIn(email == null ? null : email.strip(), password), request, response);
    }

    private CurrentUser opened(Sessions.Opened session, HttpServletRequest request, HttpServletResponse response) {
        openCookie(session.token(), properties.sessionTtl(), request, response);
        UserAccount account = session.account();
        return new CurrentUser(
                account.id(), Tenancy.currentStudioId(), account.email(), account.name(), account.role());
    }

    /**
     * Sets the session cookie and discards the CSRF token the browser had: the security
     * configuration does not rotate it on each (stateless) request, so a token planted in the browser
     * before sign-in would otherwise stay valid for the signed-in session; the next page gets a fresh
     * one. A response that opens a session must therefore redirect, not render a form.
     */
    public static void openCookie(
            String token, Duration ttl, HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, sessionCookie(token, ttl, request).toString());
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

    /** Ends the browser's session cookie. */
    public static void closeCookie(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                sessionCookie("", Duration.ZERO, request).toString());
    }

    private static ResponseCookie sessionCookie(String value, Duration maxAge, HttpServletRequest request) {
        return ResponseCookie.from(RequestAuthentication.SESSION_COOKIE, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
