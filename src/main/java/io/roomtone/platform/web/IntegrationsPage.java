package io.roomtone.platform.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studios;
import io.roomtone.notifications.Channel;
import io.roomtone.notifications.TestMessages;
import io.roomtone.shared.Integration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The studio's integrations on the desk: each one on or off, working or failing (with its last
 * error and when it last worked), what to set to turn it on; and a test e-mail to oneself. The same
 * figures as {@code GET /api/admin/integrations}.
 */
@Controller
class IntegrationsPage {

    private final List<Integration> integrations;
    private final TestMessages tests;
    private final Studios studios;
    private final ObjectProvider<StudioSendersSection> senders;

    IntegrationsPage(
            List<Integration> integrations,
            TestMessages tests,
            Studios studios,
            ObjectProvider<StudioSendersSection> senders) {
        this.integrations = integrations;
        this.tests = tests;
        this.studios = studios;
        this.senders = senders;
    }

    @GetMapping("/admin/integrations")
    String show(@RequestParam(required = false) String done, @AuthenticationPrincipal CurrentUser viewer, Model model) {
        return render(model, viewer, done, null, Map.of(), Map.of());
    }

    /** The page; {@code form}, {@code values} and {@code problems} are those of a refused settings form. */
    String render(
            Model model,
            CurrentUser viewer,
            String done,
            String form,
            Map<String, String> values,
            Map<String, String> problems) {
        model.addAttribute(
                "integrations", integrations.stream().map(Integration::status).toList());
        model.addAttribute("zone", studios.current().timezone());
        model.addAttribute("done", done);
        senders.getObject().addTo(model, viewer, form, values, problems);
        return "admin/integrations";
    }

    @PostMapping("/admin/integrations/test")
    String test(@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        redirect.addFlashAttribute("tested", tests.send(user, Channel.EMAIL));
        return "redirect:/admin/integrations";
    }
}
