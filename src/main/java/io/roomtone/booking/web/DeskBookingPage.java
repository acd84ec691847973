package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingChanges;
import io.roomtone.booking.BookingDecisions;
import io.roomtone.booking.BookingPayments;
import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.AuditHistory;
import io.roomtone.identity.Clients;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studios;
import io.roomtone.payments.PaymentMethod;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.LocalPaths;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One booking at the studio desk: its details, its audit timeline, and the actions its status
 * allows as real forms. Each action posts to its own address (the calendar board posts to them
 * too, with {@code back} set to where it wants to return), runs the module's own move and redirects;
 * a refused move (409) or bad input (400) renders this page again with the problem next to its
 * form, and nothing changed.
 */
@Controller
class DeskBookingPage {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final BookingQueries queries;
    private final BookingDecisions decisions;
    private final BookingChanges changes;
    private final DeskRows rows;
    private final Clients clients;
    private final AuditHistory history;
    private final Studios studios;
    private final BookingPayments payments;
    private final ShownPayments shownPayments;
    private final Clock clock;

    DeskBookingPage(
            BookingQueries queries,
            BookingDecisions decisions,
            BookingChanges changes,
            DeskRows rows,
            Clients clients,
            AuditHistory history,
            Studios studios,
            BookingPayments payments,
            ShownPayments shownPayments,
            Clock clock) {
        this.queries = queries;
        this.decisions = decisions;
        this.changes = changes;
        this.rows = rows;
        this.clients = clients;
        this.history = history;
        this.studios = studios;
        this.payments = payments;
        this.shownPayments = shownPayments;
        this.clock = clock;
    }

    @GetMapping("/admin/bookings/{id}")
    String showBooking(
            @PathVariable UUID id,
            @RequestParam(required = false) String done,
            @AuthenticationPrincipal CurrentUser user,
            Model model) {
        model.addAttribute("done", done != null && done.matches("[a-z-]{1,20}") ? done : null);
        return render(id, user, null, Map.of(), null, Map.of(), null, model);
    }

    @PostMapping("/admin/bookings/{id}/approve")
    String approve(
            @PathVariable UUID id,
            @RequestParam(required = false) String message,
            @RequestParam(required = false) String back,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        return act(id, "approve", Map.of("message", orEmpty(message)), back, user, model, response, () -> {
            decisions.approve(id, DeskForms.blank(message) ? null : message.strip(), user);
            return null;
        });
    }

    @PostMapping("/admin/bookings/{id}/reject")
    String reject(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        return act(id, "reject", Map.of("reason", orEmpty(reason)), back, user, model, response, () -> {
            decisions.reject(id, DeskForms.blank(reason) ? null : reason.strip(), user);
            return null;
        });
    }

    @PostMapping("/admin/bookings/{id}/assign-staff")
    String assignStaff(
            @PathVariable UUID id,
            @RequestParam(name = "staff", required = false) List<String> staff,
            @RequestParam(required = false) String back,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        List<String> typed = staff == null ? List.of() : staff;
        return act(id, "assign-staff", Map.of("staff", String.join(",", typed)), back, user, model, response, () -> {
            Map<String, String> problems = new LinkedHashMap<>();
            List<UUID> ids = new ArrayList<>();
            typed.forEach(text -> DeskForms.uuid(text, "staff", problems).ifPresent(ids::add));
            if (!problems.isEmpty()) {
                return problems;
            }
            changes.assignStaff(id, ids.isEmpty() ? null : ids);
            return null;
        });
    }

    @PostMapping("/admin/bookings/{id}/reschedule")
    String reschedule(
            @PathVariable UUID id,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end,
            @RequestParam(required = false) String back,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        Map<String, String> typed = Map.of("start", orEmpty(start), "end", orEmpty(end));
        return act(id, "reschedule", typed, back, user, model, response, () -> {
            ZoneId zone = studios.current().timezone();
            Map<String, String> problems = new LinkedHashMap<>();
            Instant newStart =
                    DeskForms.localTime(start, zone, "start", problems).orElse(null);
            Instant newEnd = DeskForms.localTime(end, zone, "end", problems).orElse(null);
            if (!problems.isEmpty()) {
                return problems;
            }
            changes.reschedule(id, newStart, newEnd, user);
            return null;
        });
    }

    @PostMapping("/admin/bookings/{id}/cancel")
    String cancel(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        return act(id, "cancel", Map.of("reason", orEmpty(reason)), back, user, model, response, () -> {
            changes.cancel(id, DeskForms.blank(reason) ? null : reason.strip(), user);
            return null;
        });
    }

    @PostMapping("/admin/bookings/{id}/no-show")
    String noShow(
            @PathVariable UUID id,
            @RequestParam(required = false) String back,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        return act(id, "no-show", Map.of(), back, user, model, response, () -> {
            decisions.markNoShow(id);
            return null;
        });
    }

    // == payments: record a payment received at the studio, refund ==

    /**
     * Records money the client paid at the studio. The form carries an operation id made when it was
     * rendered, so a second post of the same form (a double click, a resent request) records nothing.
     */
    @PostMapping("/admin/bookings/{id}/payments")
    String recordPayment(
            @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> fields,
            @RequestParam(required = false) String back,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        FormInput input = new FormInput(fields);
        Map<String, String> typed = PaymentForms.typed(input, "amount", "method", "received_at", "note");
        return act(id, "payment", typed, back, user, model, response, () -> {
            Booking booking = queries.get(id, user);
            Long amount = PaymentForms.amount(input, booking.currency());
            PaymentMethod method = PaymentForms.method(input);
            Instant receivedAt =
                    PaymentForms.receivedAt(input, studios.current().timezone(), clock.instant());
            UUID operation = PaymentForms.operation(input);
            if (!input.problems().isEmpty()) {
                return input.problems();
            }
            PaymentForms.inUnits(
                    booking.currency(),
                    () -> payments.recordPayment(
                            id,
                            new BookingPayments.Received(amount, method, receivedAt, input.text("note")),
                            operation));
            return null;
        });
    }

    /** Gives money back; the form's operation id makes a second post of it change nothing. */
    @PostMapping("/admin/bookings/{id}/refund")
    String refund(
            @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> fields,
            @RequestParam(required = false) String back,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        FormInput input = new FormInput(fields);
        Map<String, String> typed = PaymentForms.typed(input, "amount", "reason");
        return act(id, "refund", typed, back, user, model, response, () -> {
            Booking booking = queries.get(id, user);
            Long amount = PaymentForms.amount(input, booking.currency());
            if (input.text("reason") == null) {
                input.problem("reason", "is required");
            }
            UUID operation = PaymentForms.operation(input);
            if (!input.problems().isEmpty()) {
                return input.problems();
            }
            PaymentForms.inUnits(
                    booking.currency(), () -> payments.refund(id, amount, input.text("reason"), operation));
            return null;
        });
    }

    /**
     * Runs {@code move} (which answers the problems of fields it parsed itself, or null when it
     * ran); success redirects to {@code back} or to this booking, a refusal renders the page again.
     * A booking of no one's (or another studio's) is the 404 page, as on the GET.
     */
    private String act(
            UUID id,
            String action,
            Map<String, String> typed,
            String back,
            CurrentUser user,
            Model model,
            HttpServletResponse response,
            Supplier<Map<String, String>> move) {
        Map<String, String> problems;
        String refusal = null;
        int status;
        try {
            problems = move.get();
            if (problems == null) {
                return "redirect:" + LocalPaths.orElse(back, "/admin/bookings/" + id + "?done=" + action);
            }
            status = 400;
        } catch (RoomtoneException e) {
            if (e.code() == ProblemCode.NOT_FOUND) {
                throw e;
            }
            problems = new LinkedHashMap<>();
            for (var p : e.fieldProblems()) {
                problems.putIfAbsent(formField(p.field()), p.message());
            }
            if (problems.isEmpty()) {
                refusal = e.getMessage();
                model.addAttribute("refusalCode", e.code().name().toLowerCase(Locale.ROOT));
            }
            status = e.code().status();
        }
        response.setStatus(status);
        return render(id, user, action, problems, refusal, typed, LocalPaths.isLocal(back) ? back : null, model);
    }

    /** The service's field names as this page's forms name them. */
    private static String formField(String field) {
        return switch (field) {
            case "new_start_at" -> "start";
            case "new_end_at" -> "end";
            case "staff_ids" -> "staff";
            case "amount_cents" -> "amount";
            default -> field;
        };
    }

    private String render(
            UUID id,
            CurrentUser user,
            String failed,
            Map<String, String> problems,
            String refusal,
            Map<String, String> typed,
            String back,
            Model model) {
        Booking booking = queries.get(id, user);
        ZoneId zone = studios.current().timezone();
        model.addAttribute("row", rows.of(booking));
        model.addAttribute("client", clients.find(booking.clientId()).orElse(null));
        Set<String> actions = queries.studioActions(booking);
        model.addAttribute("actions", actions);
        // what moving or canceling would cost now, by the rule the change itself applies
        model.addAttribute("rescheduleFee", actions.contains("reschedule") ? changes.rescheduleFeeNow(id, user) : 0L);
        model.addAttribute("cancelNow", actions.contains("cancel") ? changes.previewCancel(id, user) : null);
        model.addAttribute("timeline", history.of("booking", id));
        model.addAttribute("staffMembers", rows.staff());
        model.addAttribute("failed", failed);
        model.addAttribute("problems", problems);
        model.addAttribute("refusal", refusal);
        Map<String, String> form = new HashMap<>(typed);
        form.putIfAbsent("start", LOCAL.format(booking.startAt().atZone(zone)));
        form.putIfAbsent("end", LOCAL.format(booking.endAt().atZone(zone)));
        model.addAttribute("form", form);
        model.addAttribute("back", back);
        // payments: the money section, and a fresh operation id per rendered form
        model.addAttribute("money", shownPayments.of(booking));
        form.putIfAbsent("received_at", LOCAL.format(clock.instant().atZone(zone)));
        model.addAttribute("paymentOperation", UUID.randomUUID());
        model.addAttribute("refundOperation", UUID.randomUUID());
        return "admin/booking";
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
