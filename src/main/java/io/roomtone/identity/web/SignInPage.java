package io.roomtone.identity.web;

import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.internal.Sessions;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in from the browser: the same {@link Sessions#signIn} and session cookie as {@code POST
 * /api/auth/login}, then back (post/redirect/get) to the local page that sent the visitor here.
 * Wrong credentials get one message that does not say which of the two was wrong.
 */
@Controller
@RequestMapping("/signin")
class SignInPage {

    record SignInForm(String email, String password, String next) {}

    private final Sessions sessions;
    private final IdentityProperties properties;

    SignInPage(Sessions sessions, IdentityProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    @GetMapping
    String initSignInForm(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("form", new SignInForm("", "", LocalPath.orHome(next)));
        model.addAttribute("problems", Map.of());
        return "signin";
    }

    @PostMapping
    String processSignInForm(
            @ModelAttribute("form") SignInForm form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            new Validation()
                    .require(form.email(), "email")
                    .require(form.password(), "password")
                    .throwIfInvalid();
            Sessions.Opened session = sessions.signIn(form.email().strip(), form.password());
            SessionCookies.open(session.token(), properties.sessionTtl(), request, response);
            return "redirect:" + LocalPath.orHome(form.next());
        } catch (RoomtoneException e) {
            if (e.code() == ProblemCode.UNAUTHENTICATED) {
                response.setStatus(HttpStatus.UNAUTHORIZED.value());
                model.addAttribute("failed", true);
            } else if (!e.fieldProblems().isEmpty()) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            } else {
                throw e;
            }
        }
        model.addAttribute("form", new SignInForm(form.email(), "", LocalPath.orHome(form.next())));
        model.addAttribute("problems", problems);
        return "signin";
    }
}
