package io.roomtone.identity.web;

import io.roomtone.identity.Registrations;
import io.roomtone.shared.RoomtoneException;
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
 * Creating a client account from the browser: {@link Registrations#register}, the rules of {@code POST
 * /api/auth/register} (its field problems shown next to the fields). Whether or not the address had
 * an account, the answer is the same "check your e-mail" page: the confirmation link signs the new
 * account in and returns to {@code next}.
 */
@Controller
@RequestMapping("/signup")
class SignUpPage {

    record SignUpForm(String name, String email, String phone, String password, String next) {}

    private final Registrations registrations;

    SignUpPage(Registrations registrations) {
        this.registrations = registrations;
    }

    @GetMapping
    String initSignUpForm(
            @RequestParam(required = false) String next, @RequestParam(required = false) String sent, Model model) {
        if (sent != null) {
            model.addAttribute("what", "booking".equals(sent) ? "booking" : "signup");
            return "accounts/sent";
        }
        model.addAttribute("form", new SignUpForm("", "", "", "", LocalPath.orHome(next)));
        model.addAttribute("problems", Map.of());
        return "signup";
    }

    @PostMapping
    String processSignUpForm(@ModelAttribute("form") SignUpForm form, Model model, HttpServletResponse response) {
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            String phone = form.phone() == null || form.phone().isBlank()
                    ? null
                    : form.phone().strip();
            registrations.register(form.email(), form.password(), form.name(), phone, LocalPath.orHome(form.next()));
            return "redirect:/signup?sent";
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute(
                "form", new SignUpForm(form.name(), form.email(), form.phone(), "", LocalPath.orHome(form.next())));
        model.addAttribute("problems", problems);
        return "signup";
    }
}
