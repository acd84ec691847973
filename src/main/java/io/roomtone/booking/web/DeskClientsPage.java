package io.roomtone.booking.web;

import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.ClientHistory;
import io.roomtone.identity.Clients;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.Patch;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The studio's clients at the desk: search by name, e-mail or phone, create one for a phone or
 * walk-in booking (a name and an e-mail or a phone), and a client's page with contact details (corrected under the same rules as
 * {@code PATCH /api/admin/clients/{id}}), their latest bookings and totals.
 */
@Controller
class DeskClientsPage {

    static final int PAGE = 25;

    /** How many of a client's bookings their page lists; the link to the bookings list shows all. */
    static final int LATEST = 20;

    /** The create and edit forms, as typed. */
    record ClientForm(String name, String email, String phone) {

        static ClientForm of(UserAccount account) {
            return new ClientForm(account.name(), account.email(), account.phone());
        }
    }

    private final Clients clients;
    private final ClientHistory history;
    private final BookingQueries queries;
    private final DeskRows rows;

    DeskClientsPage(Clients clients, ClientHistory history, BookingQueries queries, DeskRows rows) {
        this.clients = clients;
        this.history = history;
        this.queries = queries;
        this.rows = rows;
    }

    @GetMapping("/admin/clients")
    String showClients(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String page,
            Model model,
            HttpServletResponse response) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (q != null && q.length() > 200) {
            problems.put("q", "must be at most 200 characters");
        }
        int number = DeskForms.pageNumber(page, BookingQueries.MAX_OFFSET / PAGE, "page", problems);
        if (!problems.isEmpty()) {
            response.setStatus(400);
            return renderSearch(q, null, number, problems, new ClientForm("", "", ""), Map.of(), model);
        }
        Clients.Page found = clients.search(q, (number - 1) * PAGE, PAGE);
        return renderSearch(q, found, number, Map.of(), new ClientForm("", "", ""), Map.of(), model);
    }

    @PostMapping("/admin/clients")
    String processCreateForm(@ModelAttribute ClientForm form, Model model, HttpServletResponse response) {
        try {
            UserAccount created = clients.create(form.name(), form.email(), form.phone());
            return "redirect:/admin/clients/" + created.id() + "?done=created";
        } catch (RoomtoneException e) {
            Map<String, String> problems = refusal(e, response);
            return renderSearch(null, clients.search(null, 0, PAGE), 1, Map.of(), form, problems, model);
        }
    }

    @GetMapping("/admin/clients/{id}")
    String showClient(@PathVariable UUID id, @RequestParam(required = false) String done, Model model) {
        UserAccount client = clients.find(id).orElseThrow(() -> RoomtoneException.notFound("client", id));
        model.addAttribute("done", "created".equals(done) || "updated".equals(done) ? done : null);
        return renderClient(client, ClientForm.of(client), Map.of(), model);
    }

    @PostMapping("/admin/clients/{id}")
    String processEditForm(
            @PathVariable UUID id, @ModelAttribute ClientForm form, Model model, HttpServletResponse response) {
        UserAccount client = clients.find(id).orElseThrow(() -> RoomtoneException.notFound("client", id));
        try {
            // a merge patch: a field the form did not send is kept; an emptied e-mail or phone is
            // cleared (refused when it is the last of the two), an emptied name is refused, as the API does
            clients.update(id, text(form.name(), false), text(form.email(), true), text(form.phone(), true));
            return "redirect:/admin/clients/" + id + "?done=updated";
        } catch (RoomtoneException e) {
            Map<String, String> problems = refusal(e, response);
            return renderClient(client, form, problems, model);
        }
    }

    private static Patch<String> text(String value, boolean clearable) {
        if (value == null) {
            return Patch.keep();
        }
        return clearable && value.isBlank() ? Patch.clear() : Patch.set(value);
    }

    /** The field problems of a refusal (an address already in use belongs to the email field). */
    private static Map<String, String> refusal(RoomtoneException e, HttpServletResponse response) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (e.code() == ProblemCode.NOT_FOUND) {
            throw e;
        }
        if (!DeskForms.addFieldProblems(e, problems)) {
            if (e.code() != ProblemCode.CONFLICT) {
                throw e;
            }
            problems.put("email", "is already used by another account of the studio");
        }
        response.setStatus(e.code().status());
        return problems;
    }

    private String renderSearch(
            String q,
            Clients.Page found,
            int number,
            Map<String, String> searchProblems,
            ClientForm form,
            Map<String, String> problems,
            Model model) {
        model.addAttribute("q", q);
        model.addAttribute("found", found);
        model.addAttribute("searchProblems", searchProblems);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        if (found != null) {
            model.addAttribute("previousLink", number > 1 ? link(q, number - 1) : null);
            model.addAttribute("nextLink", found.nextOffset().isPresent() ? link(q, number + 1) : null);
        }
        return "admin/clients";
    }

    private static String link(String q, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/admin/clients");
        if (!DeskForms.blank(q)) {
            uri.queryParam("q", q.strip());
        }
        return uri.queryParam("page", page).encode().build().toUriString();
    }

    private String renderClient(UserAccount client, ClientForm form, Map<String, String> problems, Model model) {
        BookingQueries.Page latest =
                queries.page(BookingQueries.Search.ofClient(client.id()), BookingQueries.Order.LATEST_START, 0, LATEST);
        model.addAttribute("client", client);
        model.addAttribute("summary", history.of(client.id()));
        model.addAttribute("latest", latest);
        model.addAttribute("rows", rows.of(latest.items()));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        return "admin/client";
    }
}
