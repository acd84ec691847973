package io.roomtone.booking.web;

import io.roomtone.booking.BookingChanges;
import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.FieldProblem;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Cancelling a booking: a confirmation page that shows the refund the booking's snapshotted policy
 * gives right now ({@link BookingChanges#previewCancel}), an optional reason, and the cancellation
 * itself, which carries the refund that was shown and refuses (showing the new one) if the tier
 * changed meanwhile.
 */
@Controller
class CancelPage {

    private final BookingQueries queries;
    private final BookingChanges changes;
    private final ShownBookings shown;

    CancelPage(BookingQueries queries, BookingChanges changes, ShownBookings shown) {
        this.queries = queries;
        this.changes = changes;
        this.shown = shown;
    }

    @GetMapping("/me/bookings/{code}/cancel")
    String confirmCancel(@PathVariable String code, @AuthenticationPrincipal CurrentUser viewer, Model model) {
        BookingQueries.Detail detail = queries.ownByCode(code, viewer);
        return page(detail, changes.previewCancel(detail.booking().id(), viewer), "", Map.of(), false, model);
    }

    @PostMapping("/me/bookings/{code}/cancel")
    String cancel(
            @PathVariable String code,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String percent,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        BookingQueries.Detail detail = queries.ownByCode(code, viewer);
        int shownPercent = parsePercent(percent);
        String given = reason == null || reason.isBlank() ? null : reason.strip();
        try {
            changes.cancel(detail.booking().id(), given, shownPercent, viewer);
        } catch (RoomtoneException e) {
            boolean changed = e.code() == ProblemCode.CONFLICT;
            if (!changed && e.fieldProblems().isEmpty()) {
                throw e;
            }
            Map<String, String> problems = new LinkedHashMap<>();
            for (FieldProblem p : e.fieldProblems()) {
                problems.putIfAbsent(p.field(), p.message());
            }
            response.setStatus(e.code().status());
            return page(
                    detail,
                    changes.previewCancel(detail.booking().id(), viewer),
                    reason == null ? "" : reason,
                    problems,
                    changed,
                    model);
        }
        return "redirect:/me/bookings/" + detail.booking().code() + "?done=canceled";
    }

    String page(
            BookingQueries.Detail detail,
            BookingChanges.Cancellation preview,
            String reason,
            Map<String, String> problems,
            boolean changed,
            Model model) {
        model.addAttribute("detail", detail);
        model.addAttribute("shown", shown.show(detail.booking()));
        model.addAttribute("preview", preview);
        model.addAttribute("reason", reason);
        model.addAttribute("problems", problems);
        model.addAttribute("changed", changed);
        return "me/cancel";
    }

    static int parsePercent(String percent) {
        try {
            int value = Integer.parseInt(percent == null ? "" : percent.strip());
            if (value >= 0 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw RoomtoneException.invalid("percent", "must be the refund percentage you were shown (0 to 100)");
    }
}
