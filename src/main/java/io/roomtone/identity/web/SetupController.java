package io.roomtone.identity.web;

import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Studios;
import io.roomtone.identity.internal.FirstStartSetup;
import io.roomtone.identity.internal.Sessions;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The one-time page that creates a studio's first owner when none came from the environment. It
 * answers 404 once the studio has an owner.
 */
@Controller
@RequestMapping("/setup")
class SetupController {

    record SetupForm(
            String studioName, String timezone, String currency, String ownerName, String email, String password) {}

    private final FirstStartSetup setup;
    private final Studios studios;
    private final IdentityProperties properties;

    SetupController(FirstStartSetup setup, Studios studios, IdentityProperties properties) {
        this.setup = setup;
        this.studios = studios;
        this.properties = properties;
    }

    @GetMapping
    String initSetupForm(Model model) {
        setup.requireOpen();
        model.addAttribute("form", new SetupForm(studios.current().name(), "America/Toronto", "CAD", "", "", ""));
        return "setup";
    }

    @PostMapping
    String processSetupForm(
            @ModelAttribute("form") SetupForm form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            Sessions.Opened session = setup.complete(new FirstStartSetup.Answers(
                    form.studioName(),
                    form.timezone(),
                    form.currency(),
                    form.ownerName(),
                    form.email(),
                    form.password()));
            SessionCookies.open(session.token(), properties.sessionTtl(), request, response);
            return "redirect:/";
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problems", e.fieldProblems());
            return "setup";
        }
    }
}
