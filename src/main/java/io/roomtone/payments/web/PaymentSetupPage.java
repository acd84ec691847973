package io.roomtone.payments.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.payments.CardPayments;
import io.roomtone.payments.StudioStripeKeys;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.Integration;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * How the studio takes money: which gateways are on (and what to set for those that are not), and
 * in a multi-studio installation the owner's form for the studio's own Stripe keys. Secrets typed
 * here are never shown again, not even after a refused submit.
 */
@Controller
@RequestMapping("/admin/payments")
class PaymentSetupPage {

    private final List<Integration> integrations;
    private final StudioStripeKeys keys;
    private final CardPayments cards;

    PaymentSetupPage(List<Integration> integrations, StudioStripeKeys keys, CardPayments cards) {
        this.integrations = integrations;
        this.keys = keys;
        this.cards = cards;
    }

    @GetMapping
    String show(@RequestParam(required = false) String done, @AuthenticationPrincipal CurrentUser viewer, Model model) {
        model.addAttribute("done", done);
        return page(Map.of(), Map.of(), viewer, model);
    }

    @PostMapping("/stripe-keys")
    String save(
            @RequestParam MultiValueMap<String, String> typed,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        FormInput form = new FormInput(typed);
        try {
            keys.save(
                    new StudioStripeKeys.Keys(
                            form.text("publishable_key"), form.text("secret_key"), form.text("webhook_secret")),
                    viewer);
            return "redirect:/admin/payments?done=saved";
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            Map<String, String> problems = new LinkedHashMap<>();
            e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            // only the publishable key is typed back: secrets are not echoed into a page
            return page(
                    Map.of("publishable_key", String.valueOf(typed.getFirst("publishable_key"))),
                    problems,
                    viewer,
                    model);
        }
    }

    @PostMapping("/stripe-keys/remove")
    String remove(@AuthenticationPrincipal CurrentUser viewer) {
        keys.remove(viewer);
        return "redirect:/admin/payments?done=removed";
    }

    private String page(Map<String, String> values, Map<String, String> problems, CurrentUser viewer, Model model) {
        model.addAttribute(
                "integrations", integrations.stream().map(Integration::status).toList());
        model.addAttribute("own", keys.shown().orElse(null));
        model.addAttribute("cardsOn", cards.available());
        model.addAttribute("storable", keys.storable());
        model.addAttribute("whyNot", keys.whyNotStorable());
        model.addAttribute("isOwner", viewer.role() == Role.OWNER);
        model.addAttribute(
                "webhookUrl",
                ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/webhooks/stripe/{studio}")
                        .buildAndExpand(Tenancy.currentStudioId())
                        .toUriString());
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        return "payments/setup";
    }
}
