package io.roomtone.identity.web;

import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Role;
import io.roomtone.identity.internal.Sessions;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Accepting an invitation from the link the owner sent: choose a password, then signed in (the rules
 * of {@code POST /api/auth/accept-invitation}; the token is consumed once, atomically). The token
 * travels in the form, never in a cookie or the page's links.
 */
@Controller
@RequestMapping("/join")
class JoinPage {

    private final Sessions sessions;
    private final IdentityProperties properties;

    JoinPage(Sessions sessions, IdentityProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    @GetMapping
    String showJoinForm(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token == null ? "" : token);
        model.addAttribute("problems", Map.of());
        return "join";
    }

    @PostMapping
    String join(
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String password,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            Sessions.Opened session = sessions.acceptInvitation(token, password);
            SessionCookies.open(session.token(), properties.sessionTtl(), request, response);
            return "redirect:" + (session.account().role() == Role.STAFF ? "/staff" : "/admin");
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("token", problems.containsKey("token") ? "" : token);
        model.addAttribute("problems", problems);
        return "join";
    }
}
