package io.roomtone.identity.web;

import io.roomtone.identity.AccountLinks;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.internal.AccountRecovery;
import io.roomtone.identity.internal.Sessions;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The link of a registration's confirmation mail: a page with a button (only the POST uses the link
 * up, so a mail provider's link scanner cannot), which confirms the address, makes the password
 * chosen at registration work, signs in, and returns to where the registration started (the booking
 * step with its slot, for one).
 */
@Controller
@RequestMapping("/account/confirm")
class ConfirmEmailPage {

    private final AccountRecovery recovery;
    private final AccountLinks links;
    private final IdentityProperties properties;

    ConfirmEmailPage(AccountRecovery recovery, AccountLinks links, IdentityProperties properties) {
        this.recovery = recovery;
        this.links = links;
        this.properties = properties;
    }

    @GetMapping
    String showConfirmation(
            @RequestParam(required = false) String token, @RequestParam(required = false) String next, Model model) {
        boolean usable = token != null && links.usable(token, AccountLinks.Purpose.EMAIL_CONFIRMATION);
        return page(usable ? token : "", next, usable, model);
    }

    @PostMapping
    String confirm(
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            Sessions.Opened session = recovery.confirmEmail(token);
            SessionCookies.open(session.token(), properties.sessionTtl(), request, response);
            return "redirect:" + LocalPath.orHome(next);
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page("", next, false, model);
        }
    }

    private static String page(String token, String next, boolean usable, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("next", LocalPath.orHome(next));
        model.addAttribute("usable", usable);
        return "accounts/confirm";
    }
}
