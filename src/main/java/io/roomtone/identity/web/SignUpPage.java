package io.roomtone.identity.web;

import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.internal.Sessions;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
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
 * Creating a client account from the browser: {@link Sessions#register}, the rules of {@code POST
 * /api/auth/register} (its field problems shown next to the fields), then signed in.
 */
@Controller
@RequestMapping("/signup")
class SignUpPage {

    record SignUpForm(String name, String email, String phone, String password, String next) {}

    private final Sessions sessions;
    private final IdentityProperties properties;

    SignUpPage(Sessions sessions, IdentityProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    @GetMapping
    String initSignUpForm(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("form", new SignUpForm("", "", "", "", LocalPath.orHome(next)));
        model.addAttribute("problems", Map.of());
        return "signup";
    }

    @PostMapping
    String processSignUpForm(
            @ModelAttribute("form") SignUpForm form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            String phone = form.phone() == null || form.phone().isBlank()
                    ? null
                    : form.phone().strip();
            Sessions.Opened session = sessions.register(form.email(), form.password(), form.name(), phone);
            SessionCookies.open(session.token(), properties.sessionTtl(), request, response);
            return "redirect:" + LocalPath.orHome(form.next());
        } catch (RoomtoneException e) {
            if (e.code() == ProblemCode.CONFLICT) {
                // the only conflict of a registration: the address has an account already
                problems.put("email", e.getMessage());
            } else if (!e.fieldProblems().isEmpty()) {
                e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            } else {
                throw e;
            }
            response.setStatus(
                    e.code() == ProblemCode.CONFLICT ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute(
                "form", new SignUpForm(form.name(), form.email(), form.phone(), "", LocalPath.orHome(form.next())));
        model.addAttribute("problems", problems);
        return "signup";
    }
}
