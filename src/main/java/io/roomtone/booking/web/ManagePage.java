package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingChanges;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.booking.ManageLinks;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A booking opened from the "manage booking" link of a client's e-mail, without signing in: the
 * booking, and moving or cancelling it through the same steps (and templates) as the client's own
 * pages ({@link ReschedulePage}, {@link CancelPage}), acting as the booking's client. The forms that
 * change something carry the link's one-time action id ({@link ManageLinks}): sent twice, the second
 * is a 409 page showing the booking as it now is. A link that no longer opens its booking (canceled,
 * decided against, over) is a 410 page saying why; a token of no link here is a 404 like any other.
 */
@Controller
class ManagePage {

    /** The outcomes a change redirects back with (post/redirect/get); anything else shows nothing. */
    private static final Set<String> DONE = Set.of("rescheduled", "canceled");

    private final ManageLinks links;
    private final BookingQueries queries;
    private final BookingChanges changes;
    private final ShownBookings shown;
    private final ReschedulePage reschedule;
    private final CancelPage cancel;
    private final Clock clock;

    ManagePage(
            ManageLinks links,
            BookingQueries queries,
            BookingChanges changes,
            ShownBookings shown,
            ReschedulePage reschedule,
            CancelPage cancel,
            Clock clock) {
        this.links = links;
        this.queries = queries;
        this.changes = changes;
        this.shown = shown;
        this.reschedule = reschedule;
        this.cancel = cancel;
        this.clock = clock;
    }

    @GetMapping("/manage/{token}")
    String showBooking(
            @PathVariable String token,
            @RequestParam(required = false) String done,
            Model model,
            HttpServletResponse response) {
        ManageLinks.Link link = link(token);
        String outcome = done != null && DONE.contains(done) ? done : null;
        if (!link.open()) {
            // the landing of a cancellation made here is a success, not a gone link
            boolean justCanceled = "canceled".equals(outcome) && link.booking().status() == BookingStatus.CANCELED;
            return closed(link, token, justCanceled ? 200 : 410, outcome, model, response);
        }
        return booking(link, token, outcome, false, model);
    }

    @GetMapping("/manage/{token}/reschedule")
    String showTimes(
            @PathVariable String token,
            @RequestParam(required = false) String date,
            Model model,
            HttpServletResponse response) {
        return whileOpen(
                token,
                model,
                response,
                link -> reschedule.showTimes(link.booking().code(), date, link.client(), model, response));
    }

    @GetMapping("/manage/{token}/reschedule/confirm")
    String confirmTime(
            @PathVariable String token,
            @RequestParam(required = false) String start,
            Model model,
            HttpServletResponse response) {
        return whileOpen(
                token,
                model,
                response,
                link -> reschedule.confirmTime(link.booking().code(), start, link.client(), model, response));
    }

    @PostMapping("/manage/{token}/reschedule")
    String move(
            @PathVariable String token,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String fee,
            Model model,
            HttpServletResponse response) {
        ManageLinks.Link link = link(token);
        if (!link.open()) {
            // a change asked of a booking that can no longer change: a conflict, and why
            return closed(link, token, 409, null, model, response);
        }
        UUID actionId = actionId(action);
        Booking booking = link.booking();
        Instant newStart = ReschedulePage.parseStart(start);
        Instant newEnd = ReschedulePage.endOf(booking, newStart);
        long shownFee = ReschedulePage.parseFee(fee);
        try {
            links.reschedule(link, actionId, newStart, newEnd, shownFee);
        } catch (ManageLinks.FormUsed e) {
            return used(token, e, model, response);
        } catch (RoomtoneException e) {
            BookingQueries.Detail detail = queries.ownByCode(booking.code(), link.client());
            links(link, token, model);
            if (e.code() == ProblemCode.CONFLICT) {
                // the fee changed since it was shown: show the fee that applies now, move nothing
                response.setStatus(e.code().status());
                return reschedule.confirmation(
                        detail, changes.previewReschedule(booking.id(), newStart, newEnd, link.client()), true, model);
            }
            return reschedule.refused(detail, newStart, e, model, response, link.client());
        }
        return "redirect:/manage/" + token + "?done=rescheduled";
    }

    @GetMapping("/manage/{token}/cancel")
    String confirmCancel(@PathVariable String token, Model model, HttpServletResponse response) {
        return whileOpen(
                token,
                model,
                response,
                link -> cancel.confirmCancel(link.booking().code(), link.client(), model));
    }

    @PostMapping("/manage/{token}/cancel")
    String cancel(
            @PathVariable String token,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String percent,
            Model model,
            HttpServletResponse response) {
        ManageLinks.Link link = link(token);
        if (!link.open()) {
            // a change asked of a booking that can no longer change: a conflict, and why
            return closed(link, token, 409, null, model, response);
        }
        UUID actionId = actionId(action);
        int shownPercent = CancelPage.parsePercent(percent);
        String given = reason == null || reason.isBlank() ? null : reason.strip();
        try {
            links.cancel(link, actionId, given, shownPercent);
        } catch (ManageLinks.FormUsed e) {
            return used(token, e, model, response);
        } catch (RoomtoneException e) {
            boolean changed = e.code() == ProblemCode.CONFLICT;
            if (!changed && e.fieldProblems().isEmpty()) {
                throw e;
            }
            Map<String, String> problems = new LinkedHashMap<>();
            e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            response.setStatus(e.code().status());
            links(link, token, model);
            BookingQueries.Detail detail = queries.ownByCode(link.booking().code(), link.client());
            return cancel.page(
                    detail,
                    changes.previewCancel(link.booking().id(), link.client()),
                    reason == null ? "" : reason,
                    problems,
                    changed,
                    model);
        }
        return "redirect:/manage/" + token + "?done=canceled";
    }

    /**
     * The page {@code show} draws for the link's booking while it may still change, with the
     * link's own addresses in the model; once it may not, the closed page (410 Gone).
     */
    private String whileOpen(
            String token, Model model, HttpServletResponse response, Function<ManageLinks.Link, String> show) {
        ManageLinks.Link link = link(token);
        if (!link.open()) {
            return closed(link, token, 410, null, model, response);
        }
        links(link, token, model);
        return show.apply(link);
    }

    /** The link {@code token} names here; a 404 (the error page) for anything else. */
    private ManageLinks.Link link(String token) {
        return links.find(token)
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.NOT_FOUND,
                        "This link does not open any booking. Check that it was copied whole from the e-mail,"
                                + " or sign in to see your bookings."));
    }

    /** Where the shared templates' links and forms lead on these pages, and the form's one-time id. */
    private static void links(ManageLinks.Link link, String token, Model model) {
        model.addAttribute("base", "/manage/" + token);
        model.addAttribute("actionId", link.actionId());
    }

    private String booking(ManageLinks.Link link, String token, String done, boolean used, Model model) {
        BookingQueries.Detail detail = queries.ownByCode(link.booking().code(), link.client());
        Booking booking = detail.booking();
        links(link, token, model);
        model.addAttribute("detail", detail);
        model.addAttribute("shown", shown.show(booking));
        model.addAttribute("done", done);
        model.addAttribute("used", used);
        // the policy's tier as it stands now, computed by the rules the change itself applies
        if (detail.mayCancel()) {
            model.addAttribute("cancelNow", changes.previewCancel(booking.id(), link.client()));
        }
        if (detail.mayReschedule()) {
            model.addAttribute("feeNow", changes.rescheduleFeeNow(booking.id(), link.client()));
        }
        return "manage/booking";
    }

    /** The booking as it is after another copy of the same form changed it: a 409, nothing changed now. */
    private String used(String token, RoomtoneException e, Model model, HttpServletResponse response) {
        ManageLinks.Link now = link(token);
        response.setStatus(e.code().status());
        if (!now.open()) {
            model.addAttribute("used", true);
            return closed(now, token, e.code().status(), null, model, response);
        }
        return booking(now, token, null, true, model);
    }

    private String closed(
            ManageLinks.Link link, String token, int status, String done, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("b", link.booking());
        model.addAttribute("shown", shown.show(link.booking()));
        model.addAttribute("done", done);
        model.addAttribute("base", "/manage/" + token);
        model.addAttribute("over", !link.booking().endAt().isAfter(clock.instant()));
        return "manage/closed";
    }

    private static UUID actionId(String action) {
        try {
            return UUID.fromString(action == null ? "" : action.strip());
        } catch (IllegalArgumentException e) {
            throw RoomtoneException.invalid("action", "must be the form's own id: open the booking again and retry");
        }
    }
}
