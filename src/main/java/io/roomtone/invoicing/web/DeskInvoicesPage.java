package io.roomtone.invoicing.web;

import io.roomtone.identity.Studios;
import io.roomtone.invoicing.Invoices;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The studio's invoices and credit notes: totals of what matches at the top, filters (paid, unpaid,
 * partial, overdue, void; days of issue; client) as a GET form one can bookmark, pages that say how
 * many there are, a PDF link per document and a CSV export of the same filters.
 */
@Controller
class DeskInvoicesPage {

    static final int PAGE_SIZE = 25;

    /** The filters as typed, to fill the form again and to build the links. */
    record Filters(String status, String from, String to, String client) {

        String link(String path, int page) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
            add(uri, "status", status);
            add(uri, "from", from);
            add(uri, "to", to);
            add(uri, "client", client);
            if (page > 1) {
                uri.queryParam("page", page);
            }
            return uri.encode().build().toUriString();
        }

        /** The same filters for the API's CSV export, whose days are instants. */
        String csvLink(Instant fromInstant, Instant toInstant) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/admin/invoices.csv");
            add(uri, "status", status);
            if (fromInstant != null) {
                uri.queryParam("from", fromInstant.toString());
            }
            if (toInstant != null) {
                uri.queryParam("to", toInstant.toString());
            }
            add(uri, "client", client);
            return uri.encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder uri, String name, String value) {
            if (value != null && !value.isBlank()) {
                uri.queryParam(name, value.strip());
            }
        }
    }

    /** The filters the desk offers, in the order it shows them. */
    static final List<Invoices.Filter> STATUSES = List.of(
            Invoices.Filter.UNPAID,
            Invoices.Filter.PARTIAL,
            Invoices.Filter.PAID,
            Invoices.Filter.OVERDUE,
            Invoices.Filter.VOID,
            Invoices.Filter.DRAFT,
            Invoices.Filter.CREDIT_NOTE);

    private final Invoices invoices;
    private final Studios studios;

    DeskInvoicesPage(Invoices invoices, Studios studios) {
        this.invoices = invoices;
        this.studios = studios;
    }

    @GetMapping("/admin/invoices")
    String showInvoices(@RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        FormInput form = new FormInput(values);
        Filters filters = new Filters(form.text("status"), form.text("from"), form.text("to"), form.text("client"));
        ZoneId zone = studios.current().timezone();
        Invoices.Filter status = null;
        if (filters.status() != null) {
            status = Arrays.stream(Invoices.Filter.values())
                    .filter(f -> f.json().equals(filters.status()))
                    .findFirst()
                    .orElse(null);
            if (status == null) {
                form.problem("status", "must be one of the choices");
            }
        }
        LocalDate fromDay = form.date("from");
        LocalDate toDay = form.date("to");
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            problems.putIfAbsent("to", "must not be before the first day");
        }
        if (filters.client() != null && filters.client().length() > 200) {
            problems.putIfAbsent("client", "must be at most 200 characters");
        }
        int number = 1;
        String page = form.text("page");
        if (page != null) {
            try {
                number = Integer.parseInt(page);
            } catch (NumberFormatException e) {
                number = 0;
            }
            if (number < 1 || number > Invoices.MAX_OFFSET / PAGE_SIZE) {
                problems.putIfAbsent("page", "must be a whole number from 1 to " + Invoices.MAX_OFFSET / PAGE_SIZE);
                number = 1;
            }
        }
        model.addAttribute("filters", filters);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("problems", problems);
        model.addAttribute("zone", zone);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "invoicing/desk";
        }
        Instant from = fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant();
        Instant to = toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant();
        Invoices.Page result;
        try {
            result = invoices.page(
                    new Invoices.Search(status, from, to, null, filters.client()), (number - 1) * PAGE_SIZE, PAGE_SIZE);
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "invoicing/desk";
        }
        int last = (int) Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (number > last) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("result", result);
        model.addAttribute("pageNumber", number);
        model.addAttribute("lastPage", last);
        model.addAttribute("previousLink", result.hasPrevious() ? filters.link("/admin/invoices", number - 1) : null);
        model.addAttribute("nextLink", result.hasNext() ? filters.link("/admin/invoices", number + 1) : null);
        model.addAttribute("firstLink", filters.link("/admin/invoices", 1));
        model.addAttribute("csvLink", filters.csvLink(from, to));
        return "invoicing/desk";
    }
}
