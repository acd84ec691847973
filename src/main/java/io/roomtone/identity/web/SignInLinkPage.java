package io.roomtone.identity.web;

import io.roomtone.identity.AccountLinks;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.PageSignIn;
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
 * Signing in with a link by mail: asking for one ({@link AccountRecovery#requestSignInLink}, the
 * same answer whether or not the address has an account), and using it. The mailed link opens a page
 * with a button; only its POST uses the link up, so a mail provider's link scanner cannot.
 *
 * <p>Also where a refused sign-in of {@code /signin} lands when its limits are used up (forwarded by
 * the rate limit filter as {@code /signin/limited}): the page says so and offers the link.
 */
@Controller
@RequestMapping("/signin")
class SignInLinkPage {

    private final AccountRecovery recovery;
    private final AccountLinks links;
    private final IdentityProperties properties;

    SignInLinkPage(AccountRecovery recovery, AccountLinks links, IdentityProperties properties) {
        this.recovery = recovery;
        this.links = links;
        this.properties = properties;
    }

    @GetMapping("/link")
    String showLink(
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String next,
            @RequestParam(required = false) String sent,
            Model model) {
        if (sent != null) {
            model.addAttribute("what", "link");
            return "accounts/sent";
        }
        if (token == null || token.isBlank()) {
            return requestForm("", next, Map.of(), model);
        }
        return linkPage(token, next, links.usable(token, AccountLinks.Purpose.SIGN_IN_LINK), model);
    }

    @PostMapping("/link")
    String signIn(
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            Sessions.Opened session = recovery.signInWithLink(token);
            SessionCookies.open(session.token(), properties.sessionTtl(), request, response);
            return "redirect:" + LocalPath.orHome(next);
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return linkPage("", next, false, model);
        }
    }

    @PostMapping("/link/request")
    String requestLink(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String next,
            Model model,
            HttpServletResponse response) {
        try {
            recovery.requestSignInLink(email == null ? null : email.strip(), LocalPath.orHome(next));
            return "redirect:/signin/link?sent";
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            Map<String, String> problems = new LinkedHashMap<>();
            e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return requestForm(email, next, problems, model);
        }
    }

    /** A sign-in of {@code /signin} refused by its rate limits, forwarded here ({@link PageSignIn#LIMITED_PATH}). */
    @RequestMapping("/limited")
    String limited(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (request.getAttribute(PageSignIn.LIMIT_REFUSAL) instanceof String refusal) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("limited", refusal);
        }
        return requestForm(email, next, Map.of(), model);
    }

    private static String requestForm(String email, String next, Map<String, String> problems, Model model) {
        model.addAttribute("email", email == null ? "" : email);
        model.addAttribute("next", LocalPath.orHome(next));
        model.addAttribute("problems", problems);
        return "accounts/link-request";
    }

    private static String linkPage(String token, String next, boolean usable, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("next", LocalPath.orHome(next));
        model.addAttribute("usable", usable);
        return "accounts/link";
    }
}
