package io.roomtone.identity.web;

import io.roomtone.identity.PageSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/**
 * The browser's session cookie, for the API's and the pages' sign-ins alike. Opening a session also
 * discards the CSRF token the browser had (see {@link PageSignIn#openCookie}). The cookies are
 * written by {@link PageSignIn}, which the booking step's inline sign-in uses too, so there is one
 * definition of them.
 */
final class SessionCookies {

    private SessionCookies() {}

    static void open(String token, Duration ttl, HttpServletRequest request, HttpServletResponse response) {
        PageSignIn.openCookie(token, ttl, request, response);
    }

    static void close(HttpServletRequest request, HttpServletResponse response) {
        PageSignIn.closeCookie(request, response);
    }
}
