package io.roomtone.identity.web;

import io.roomtone.identity.AccountLinks;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.internal.AccountRecovery;
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
 * "Forgot password?": asking for a reset link (the same answer whether or not the address has an
 * account) and choosing a new password with it, the rules and effects of {@code POST
 * /api/auth/password-reset/confirm}: every other session ends, this browser is signed in.
 */
@Controller
@RequestMapping("/password")
class PasswordResetPage {

    private final AccountRecovery recovery;
    private final AccountLinks links;
    private final IdentityProperties properties;

    PasswordResetPage(AccountRecovery recovery, AccountLinks links, IdentityProperties properties) {
        this.recovery = recovery;
        this.links = links;
        this.properties = properties;
    }

    @GetMapping("/forgot")
    String initForgotForm(@RequestParam(required = false) String sent, Model model) {
        if (sent != null) {
            model.addAttribute("what", "reset");
            return "accounts/sent";
        }
        return forgotForm("", Map.of(), model);
    }

    @PostMapping("/forgot")
    String processForgotForm(@RequestParam(required = false) String email, Model model, HttpServletResponse response) {
        try {
            recovery.requestPasswordReset(email == null ? null : email.strip());
            return "redirect:/password/forgot?sent";
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return forgotForm(email, problems(e), model);
        }
    }

    @GetMapping("/reset")
    String initResetForm(@RequestParam(required = false) String token, Model model) {
        boolean usable = token != null && links.usable(token, AccountLinks.Purpose.PASSWORD_RESET);
        return resetForm(usable ? token : "", usable, Map.of(), model);
    }

    @PostMapping("/reset")
    String processResetForm(
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String password,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            Sessions.Opened session = recovery.resetPassword(token, password);
            SessionCookies.open(session.token(), properties.sessionTtl(), request, response);
            return "redirect:/";
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            Map<String, String> problems = problems(e);
            boolean usable = !problems.containsKey("token");
            return resetForm(usable ? token : "", usable, problems, model);
        }
    }

    private static String forgotForm(String email, Map<String, String> problems, Model model) {
        model.addAttribute("email", email == null ? "" : email);
        model.addAttribute("problems", problems);
        return "accounts/forgot";
    }

    private static String resetForm(String token, boolean usable, Map<String, String> problems, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("usable", usable);
        model.addAttribute("problems", problems);
        return "accounts/reset";
    }

    private static Map<String, String> problems(RoomtoneException e) {
        Map<String, String> problems = new LinkedHashMap<>();
        e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
        return problems;
    }
}
