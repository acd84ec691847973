package io.roomtone.booking.web;

import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.identity.Studios;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The studio's bookings as a filterable table, latest sessions first, in pages that always say how
 * many there are and lead to the next one (never the API's silent cap at 1,000). The filters are a
 * GET form, so a filtered list is a link one can bookmark or send.
 */
@Controller
class DeskBookingsPage {

    static final int DEFAULT_SIZE = 25;
    static final int MIN_SIZE = 10;

    /** The filters as typed, to fill the form again and to build the paging links. */
    record Filters(
            String status,
            String from,
            String to,
            String room,
            String staff,
            String client,
            String clientId,
            String code,
            String size) {

        String link(int page) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/admin/bookings");
            add(uri, "status", status);
            add(uri, "from", from);
            add(uri, "to", to);
            add(uri, "room", room);
            add(uri, "staff", staff);
            add(uri, "client", client);
            add(uri, "client_id", clientId);
            add(uri, "code", code);
            add(uri, "size", size);
            if (page > 1) {
                uri.queryParam("page", page);
            }
            return uri.encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder uri, String name, String value) {
            if (!DeskForms.blank(value)) {
                uri.queryParam(name, value.strip());
            }
        }
    }

    private final BookingQueries queries;
    private final DeskRows rows;
    private final Studios studios;

    DeskBookingsPage(BookingQueries queries, DeskRows rows, Studios studios) {
        this.queries = queries;
        this.rows = rows;
        this.studios = studios;
    }

    @GetMapping("/admin/bookings")
    String showBookings(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String room,
            @RequestParam(required = false) String staff,
            @RequestParam(required = false) String client,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String size,
            @RequestParam(required = false) String page,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Filters filters = new Filters(status, from, to, room, staff, client, clientId, code, size);
        ZoneId zone = studios.current().timezone();
        Map<String, String> problems = new LinkedHashMap<>();
        BookingStatus chosenStatus =
                DeskForms.status(status, "status", problems).orElse(null);
        LocalDate fromDay = DeskForms.date(from, "from", problems).orElse(null);
        LocalDate toDay = DeskForms.date(to, "to", problems).orElse(null);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            problems.putIfAbsent("to", "must not be before the first day");
        }
        UUID roomId = DeskForms.uuid(room, "room", problems).orElse(null);
        UUID staffId = DeskForms.uuid(staff, "staff", problems).orElse(null);
        UUID clientUuid = DeskForms.uuid(clientId, "client_id", problems).orElse(null);
        if (!DeskForms.blank(client) && client.length() > 200) {
            problems.putIfAbsent("client", "must be at most 200 characters");
        }
        if (!DeskForms.blank(code) && code.length() > 20) {
            problems.putIfAbsent("code", "must be at most 20 characters");
        }
        int limit = DEFAULT_SIZE;
        if (!DeskForms.blank(size)) {
            limit = DeskForms.pageNumber(size, BookingQueries.MAX_LIMIT, "size", problems);
            if (limit < MIN_SIZE) {
                problems.putIfAbsent(
                        "size", "must be a whole number from " + MIN_SIZE + " to " + BookingQueries.MAX_LIMIT);
                limit = DEFAULT_SIZE;
            }
        }
        int number = DeskForms.pageNumber(page, BookingQueries.MAX_OFFSET / limit, "page", problems);
        model.addAttribute("filters", filters);
        model.addAttribute("rooms", rows.rooms());
        model.addAttribute("staffMembers", rows.staff());
        model.addAttribute("statuses", BookingStatus.values());
        model.addAttribute("problems", problems);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "admin/bookings";
        }
        Instant fromInstant =
                fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant();
        Instant toInstant =
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant();
        BookingQueries.Page result = queries.page(
                new BookingQueries.Search(
                        chosenStatus, fromInstant, toInstant, roomId, staffId, clientUuid, client, code),
                BookingQueries.Order.LATEST_START,
                (number - 1) * limit,
                limit);
        if (number > result.last()) {
            // past the end (the list shrank since the link was made): the page says so and links back
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("result", result);
        model.addAttribute("rows", rows.of(result.items()));
        model.addAttribute("previousLink", result.hasPrevious() ? filters.link(number - 1) : null);
        model.addAttribute("nextLink", result.hasNext() ? filters.link(number + 1) : null);
        model.addAttribute("firstLink", filters.link(1));
        return "admin/bookings";
    }
}
