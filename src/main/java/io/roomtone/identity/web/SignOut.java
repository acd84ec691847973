package io.roomtone.identity.web;

import io.roomtone.identity.RequestAuthentication;
import io.roomtone.identity.internal.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/** Signing out from the browser: the session ends on the server, the cookie is cleared. */
@Controller
class SignOut {

    private final Sessions sessions;

    SignOut(Sessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/signout")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        RequestAuthentication.sessionCookie(request).ifPresent(sessions::close);
        SessionCookies.close(request, response);
        return "redirect:/";
    }
}
