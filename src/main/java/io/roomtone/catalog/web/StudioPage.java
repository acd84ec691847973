package io.roomtone.catalog.web;

import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.Services;
import io.roomtone.identity.Accounts;
import io.roomtone.identity.Studios;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The studio's front page: who they are, the rooms (active only, as the public API lists them), what
 * can be booked and what it costs. Until the studio has an owner it leads to the one-time setup.
 */
@Controller
class StudioPage {

    private final Studios studios;
    private final Accounts accounts;
    private final Rooms rooms;
    private final Services services;

    StudioPage(Studios studios, Accounts accounts, Rooms rooms, Services services) {
        this.studios = studios;
        this.accounts = accounts;
        this.rooms = rooms;
        this.services = services;
    }

    @GetMapping("/")
    String showStudio(Model model) {
        if (!accounts.hasOwner()) {
            return "redirect:/setup";
        }
        List<Service> offered = services.list(true);
        model.addAttribute("studio", studios.current());
        model.addAttribute("rooms", rooms.list(true));
        model.addAttribute(
                "services", offered.stream().filter(s -> !s.isAddon()).toList());
        model.addAttribute("addOns", offered.stream().filter(Service::isAddon).toList());
        return "studio";
    }
}
