package io.roomtone.identity.web;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Role;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.identity.internal.OwnerLock;
import io.roomtone.identity.internal.Tokens;
import io.roomtone.shared.Inputs;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
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

    private final Accounts accounts;
    private final Studios studios;
    private final Tokens tokens;
    private final IdentityProperties properties;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;

    SetupController(
            Accounts accounts,
            Studios studios,
            Tokens tokens,
            IdentityProperties properties,
            TransactionTemplate transactions,
            JdbcClient jdbc) {
        this.accounts = accounts;
        this.studios = studios;
        this.tokens = tokens;
        this.properties = properties;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @GetMapping
    String initSetupForm(Model model) {
        requireNoOwner();
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
            UserAccount owner = transactions.execute(tx -> {
                OwnerLock.acquire(jdbc, Tenancy.currentStudioId());
                requireNoOwner();
                studios.updateCurrent(
                        blankToNull(form.studioName()),
                        Inputs.zone(form.timezone(), "timezone"),
                        Inputs.currency(form.currency(), "currency"));
                return accounts.create(form.email(), form.password(), form.ownerName(), null, Role.OWNER);
            });
            String token = tokens.issue(
                    Tenancy.currentStudioId(), owner.id(), Tokens.Purpose.SESSION, properties.sessionTtl());
            response.addHeader(
                    HttpHeaders.SET_COOKIE,
                    AuthController.cookie(token, properties.sessionTtl(), request)
                            .toString());
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

    private void requireNoOwner() {
        if (accounts.hasOwner()) {
            throw RoomtoneException.notFound("setup page", "/setup");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
