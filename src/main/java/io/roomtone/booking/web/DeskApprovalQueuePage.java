package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingDecisions;
import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The approval queue: requests awaiting a decision, the soonest deadline first, decided one by one
 * or several at once with one message (approve) or one reason (reject). Each booking is decided
 * through {@link BookingDecisions} in its own transaction, so one that can no longer be decided
 * (decided meanwhile, expired) is reported by its code while the others still go through.
 */
@Controller
class DeskApprovalQueuePage {

    static final int PAGE = 50;

    /** The most bookings one bulk decision takes: a page of the queue. */
    static final int MOST = 200;

    /** What became of one booking of a bulk decision. */
    record Outcome(UUID id, String code, boolean decided, String problem) {}

    private final BookingQueries queries;
    private final BookingDecisions decisions;
    private final DeskRows rows;

    DeskApprovalQueuePage(BookingQueries queries, BookingDecisions decisions, DeskRows rows) {
        this.queries = queries;
        this.decisions = decisions;
        this.rows = rows;
    }

    @GetMapping("/admin/bookings/queue")
    String showQueue(@RequestParam(required = false) String page, Model model, HttpServletResponse response) {
        Map<String, String> problems = new LinkedHashMap<>();
        int number = DeskForms.pageNumber(page, BookingQueries.MAX_OFFSET / PAGE, "page", problems);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return render(number, problems, null, null, Set.of(), model);
    }

    @PostMapping("/admin/bookings/queue")
    String processBulkDecision(
            @RequestParam(name = "ids", required = false) List<String> ids,
            @RequestParam(required = false) String decision,
            @RequestParam(required = false) String text,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        Map<String, String> problems = new LinkedHashMap<>();
        Set<UUID> chosen = new LinkedHashSet<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            DeskForms.uuid(id, "ids", problems).ifPresent(chosen::add);
        }
        if (chosen.isEmpty()) {
            problems.putIfAbsent("ids", "choose at least one request");
        } else if (chosen.size() > MOST) {
            problems.putIfAbsent("ids", "choose at most " + MOST + " requests at once");
        }
        boolean approve = "approve".equals(decision);
        if (!approve && !"reject".equals(decision)) {
            problems.putIfAbsent("decision", "must be approve or reject");
        } else if (!approve && DeskForms.blank(text)) {
            // checked before the first booking is touched: nothing is decided on bad input
            problems.putIfAbsent("text", "a reason is required to reject");
        }
        if (text != null && text.length() > 2000) {
            problems.putIfAbsent("text", "must be at most 2000 characters");
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return render(1, problems, decision, text, chosen, model);
        }
        String said = DeskForms.blank(text) ? null : text.strip();
        List<Outcome> outcomes = new ArrayList<>();
        for (UUID id : chosen) {
            outcomes.add(decide(id, approve, said, user));
        }
        model.addAttribute("outcomes", outcomes);
        model.addAttribute("approved", approve);
        model.addAttribute(
                "decidedCount", outcomes.stream().filter(Outcome::decided).count());
        return "admin/queue-result";
    }

    private Outcome decide(UUID id, boolean approve, String text, CurrentUser user) {
        try {
            Booking after = approve ? decisions.approve(id, text, user) : decisions.reject(id, text, user);
            return new Outcome(id, after.code(), true, null);
        } catch (RoomtoneException e) {
            if (e.code() == ProblemCode.NOT_FOUND) {
                return new Outcome(id, null, false, e.getMessage());
            }
            String code = queries.get(id, user).code();
            return new Outcome(id, code, false, e.getMessage());
        }
    }

    private String render(
            int number, Map<String, String> problems, String decision, String text, Set<UUID> chosen, Model model) {
        BookingQueries.Page queue = queries.page(
                BookingQueries.Search.awaitingApproval(), BookingQueries.Order.DEADLINE, (number - 1) * PAGE, PAGE);
        model.addAttribute("queue", queue);
        model.addAttribute("rows", rows.of(queue.items()));
        model.addAttribute("problems", problems);
        model.addAttribute("decision", decision == null ? "approve" : decision);
        model.addAttribute("text", text);
        model.addAttribute("chosen", chosen);
        model.addAttribute("previousLink", queue.hasPrevious() ? "/admin/bookings/queue?page=" + (number - 1) : null);
        model.addAttribute("nextLink", queue.hasNext() ? "/admin/bookings/queue?page=" + (number + 1) : null);
        return "admin/queue";
    }
}
