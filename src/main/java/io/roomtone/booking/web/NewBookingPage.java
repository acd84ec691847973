package io.roomtone.booking.web;

import io.roomtone.availability.Availability;
import io.roomtone.availability.StudioCatalog;
import io.roomtone.booking.BookingRequests;
import io.roomtone.booking.Holds;
import io.roomtone.booking.ServiceItem;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.Services;
import io.roomtone.identity.Clients;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.FieldProblem;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A booking made from the board, {@code /admin/calendar/new?room=…&start=…&end=…}: what a drag across
 * empty time opens (and a plain link or form without JavaScript). It books for an existing client
 * (found by name, email or phone) or for a walk-in client created on the spot, through the same
 * {@link BookingRequests#request} the API's {@code client_id} booking uses, or places a hold; then
 * back to the board, which shows the new block (post/redirect/get).
 */
@Controller
class NewBookingPage {

    private static final int FOUND = 10;

    private final Availability availability;
    private final Rooms rooms;
    private final Services services;
    private final Clients clients;
    private final BookingRequests requests;
    private final Holds holds;

    NewBookingPage(
            Availability availability,
            Rooms rooms,
            Services services,
            Clients clients,
            BookingRequests requests,
            Holds holds) {
        this.availability = availability;
        this.rooms = rooms;
        this.services = services;
        this.clients = clients;
        this.requests = requests;
        this.holds = holds;
    }

    @GetMapping("/admin/calendar/new")
    String initNewBookingForm(@ModelAttribute("form") NewBookingForm form, Model model) {
        StudioCatalog catalog = availability.catalog();
        ZoneId zone = catalog.settings().timezone();
        List<Service> offered = offered();
        NewBookingForm shown = form.inZone(zone);
        if (NewBookingForm.blank(shown.service())) {
            shown = withService(
                    shown,
                    NewBookingForm.firstService(offered)
                            .map(s -> s.id().toString())
                            .orElse(""));
        }
        return page(shown, NewBookingForm.noProblems(), null, model, zone, offered);
    }

    @PostMapping("/admin/calendar/new")
    String processNewBookingForm(
            @ModelAttribute("form") NewBookingForm form,
            @RequestParam(name = "action", required = false) String action,
            @AuthenticationPrincipal CurrentUser admin,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        StudioCatalog catalog = availability.catalog();
        ZoneId zone = catalog.settings().timezone();
        boolean hold = "hold".equals(action);
        Map<String, String> problems = NewBookingForm.noProblems();
        NewBookingForm.Read read = form.read(catalog, zone, !hold, problems);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(form, problems, null, model, zone, offered());
        }
        try {
            if (hold) {
                holds.place(
                        new Holds.HoldRequest(read.roomId(), read.startAt(), read.endAt(), read.serviceId(), List.of()),
                        admin);
                redirect.addFlashAttribute("done", "hold");
            } else {
                java.util.UUID clientId = read.clientId();
                if (clientId != null && clients.find(clientId).isEmpty()) {
                    throw RoomtoneException.invalid("client", "is not a client of this studio");
                }
                BookingRequests.BookingRequest request = new BookingRequests.BookingRequest(
                        null,
                        read.roomId(),
                        List.of(new ServiceItem(read.serviceId(), 1)),
                        read.startAt(),
                        read.endAt(),
                        NewBookingForm.blank(form.notes()) ? null : form.notes(),
                        null,
                        clientId,
                        form.overridesRules(),
                        null,
                        false);
                // a new client is written with the booking: a refused booking leaves nobody behind
                BookingRequests.Requested booked = clientId != null
                        ? requests.request(request, admin)
                        : requests.requestForNewClient(
                                new BookingRequests.NewClient(form.name(), form.email(), form.phone()), request, admin);
                redirect.addFlashAttribute("done", "booking");
                redirect.addFlashAttribute("doneCode", booked.code());
            }
        } catch (RoomtoneException e) {
            if (e.code().status() >= 500) {
                throw e;
            }
            for (FieldProblem problem : e.fieldProblems()) {
                problems.putIfAbsent(NewBookingForm.pageField(problem.field()), problem.message());
            }
            response.setStatus(e.code().status());
            String refusal =
                    e.fieldProblems().isEmpty() || e.code() == ProblemCode.SLOT_UNAVAILABLE ? e.getMessage() : null;
            return page(form, problems, refusal, model, zone, offered());
        }
        return "redirect:/admin/calendar?view=day&date="
                + read.startAt().atZone(zone).toLocalDate();
    }

    private String page(
            NewBookingForm form,
            Map<String, String> problems,
            String refusal,
            Model model,
            ZoneId zone,
            List<Service> offered) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("refusal", refusal);
        model.addAttribute("rooms", rooms.list(true));
        model.addAttribute("services", offered);
        model.addAttribute("zone", zone);
        List<UserAccount> found = List.of();
        if (!NewBookingForm.blank(form.q()) && form.q().length() <= 200) {
            found = clients.search(form.q(), 0, FOUND).items();
        }
        model.addAttribute("found", found);
        model.addAttribute("chosen", chosen(form, problems));
        return "admin/board-new";
    }

    private UserAccount chosen(NewBookingForm form, Map<String, String> problems) {
        if (NewBookingForm.blank(form.client()) || problems.containsKey("client")) {
            return null;
        }
        try {
            return clients.find(java.util.UUID.fromString(form.client().strip()))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private List<Service> offered() {
        return services.list(true).stream().filter(s -> !s.isAddon()).toList();
    }

    private static NewBookingForm withService(NewBookingForm f, String service) {
        return new NewBookingForm(
                f.room(),
                service,
                f.start(),
                f.end(),
                f.client(),
                f.q(),
                f.name(),
                f.email(),
                f.phone(),
                f.notes(),
                f.override());
    }
}
