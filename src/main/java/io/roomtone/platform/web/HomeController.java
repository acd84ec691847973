package io.roomtone.platform.web;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.Studios;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The front page of a studio; until the studio has an owner it leads to the one-time setup. */
@Controller
class HomeController {

    private final Studios studios;
    private final Accounts accounts;

    HomeController(Studios studios, Accounts accounts) {
        this.studios = studios;
        this.accounts = accounts;
    }

    @GetMapping("/")
    String home(Model model) {
        if (!accounts.hasOwner()) {
            return "redirect:/setup";
        }
        model.addAttribute("studio", studios.current());
        return "home";
    }
}
