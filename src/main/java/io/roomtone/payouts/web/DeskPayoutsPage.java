package io.roomtone.payouts.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studios;
import io.roomtone.payouts.Commissions;
import io.roomtone.payouts.PayoutMethod;
import io.roomtone.payouts.PayoutPeriod;
import io.roomtone.payouts.PayoutReports;
import io.roomtone.payouts.Payouts;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the studio owes its staff: a period (the current month by default), totals, a card per staff
 * member with the sessions behind their figures and a form to record a payout, pre-filled with what
 * they are owed; and a CSV of the same figures. The figures and the payout rules are those of
 * {@code /api/admin/payouts} ({@link PayoutReports}, {@link Payouts}).
 */
@Controller
class DeskPayoutsPage {

    /** One staff member's card: their figures, the sessions behind them, and the payout form's values. */
    record Card(PayoutReports.StaffFigures figures, List<Commissions.Accrual> lines, Map<String, String> form) {

        public String anchor() {
            return "staff-" + figures.staffId();
        }
    }

    private final PayoutReports reports;
    private final Payouts payouts;
    private final Studios studios;
    private final Clock clock;

    DeskPayoutsPage(PayoutReports reports, Payouts payouts, Studios studios, Clock clock) {
        this.reports = reports;
        this.payouts = payouts;
        this.studios = studios;
        this.clock = clock;
    }

    @GetMapping("/admin/payouts")
    String showPayouts(@RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        FormInput form = new FormInput(values);
        Map<String, String> problems = new LinkedHashMap<>();
        PayoutPeriod period = period(form, problems);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(null, form, problems, null, Map.of(), model);
        }
        model.addAttribute("done", "paid".equals(form.text("done")));
        return page(period, form, problems, null, Map.of(), model);
    }

    /** Records a payout, then shows the same period again (post/redirect/get); problems next to the card's fields. */
    @PostMapping("/admin/payouts/{staffId}")
    String recordPayout(
            @PathVariable String staffId,
            @RequestParam MultiValueMap<String, String> values,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        UUID staff = uuid(staffId).orElseThrow(() -> RoomtoneException.notFound("staff member", staffId));
        FormInput form = new FormInput(values);
        Map<String, String> periodProblems = new LinkedHashMap<>();
        PayoutPeriod period = period(form, periodProblems);
        if (period == null) {
            period = PayoutPeriod.monthOf(LocalDate.now(clock.withZone(zone())), zone());
        }
        String currency = studios.current().currency();
        Long amount = form.money("amount", currency);
        PayoutMethod method = null;
        String methodText = form.text("method");
        if (methodText != null) {
            method = PayoutMethod.of(methodText).orElse(null);
            if (method == null) {
                form.problem("method", "must be cash or bank transfer");
            }
        }
        Instant paidAt = paidAt(form.date("paid_on"));
        UUID operation = form.text("operation_id") == null
                ? null
                : uuid(form.text("operation_id")).orElse(null);
        if (form.text("operation_id") != null && operation == null) {
            form.problem("amount", "could not be recorded: reload the page and try again");
        }
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                payouts.record(
                        new Payouts.Request(staff, amount, method, paidAt, form.text("note"), operation),
                        user == null ? null : user.id());
                return "redirect:" + link(period, "paid") + "#staff-" + staff;
            } catch (RoomtoneException e) {
                if (e.code() == ProblemCode.NOT_FOUND) {
                    throw e;
                }
                e.fieldProblems().forEach(p -> problems.putIfAbsent(formField(p.field()), p.message()));
                if (e.fieldProblems().isEmpty()) {
                    problems.put("amount", e.getMessage());
                }
                response.setStatus(e.code().status());
            }
        } else {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        Map<String, String> typed = new LinkedHashMap<>();
        for (String field : List.of("amount", "method", "paid_on", "note", "operation_id")) {
            typed.put(field, values.getFirst(field));
        }
        return page(period, form, problems, staff, typed, model);
    }

    private String page(
            PayoutPeriod period,
            FormInput form,
            Map<String, String> problems,
            UUID failedStaff,
            Map<String, String> typed,
            Model model) {
        ZoneId zone = zone();
        model.addAttribute("zone", zone);
        model.addAttribute(
                "from", period == null ? form.text("from") : period.from().toString());
        model.addAttribute("to", period == null ? form.text("to") : period.to().toString());
        model.addAttribute("problems", problems);
        model.addAttribute("failedStaff", failedStaff);
        model.addAttribute("methods", PayoutMethod.values());
        if (period == null) {
            return "payouts/desk";
        }
        PayoutReports.Report report = reports.report(period);
        String today = LocalDate.now(clock.withZone(zone)).toString();
        List<Card> cards = new ArrayList<>();
        for (PayoutReports.StaffFigures f : report.staff()) {
            Map<String, String> values;
            if (f.staffId().equals(failedStaff)) {
                values = typed;
            } else {
                values = new LinkedHashMap<>();
                values.put("amount", f.owedCents() > 0 ? major(f.owedCents(), f.currency()) : "");
                values.put("method", PayoutMethod.BANK_TRANSFER.code());
                values.put("paid_on", today);
                values.put("operation_id", UUID.randomUUID().toString());
            }
            List<Commissions.Accrual> lines = f.sessions() == 0 ? List.of() : reports.lines(f.staffId(), period);
            cards.add(new Card(f, lines, values));
        }
        model.addAttribute("period", period);
        model.addAttribute("report", report);
        model.addAttribute("cards", cards);
        model.addAttribute("today", today);
        model.addAttribute(
                "csvLink",
                UriComponentsBuilder.fromPath("/api/admin/payouts.csv")
                        .queryParam("from", period.from())
                        .queryParam("to", period.to())
                        .build()
                        .toUriString());
        model.addAttribute("self", link(period, null));
        return "payouts/desk";
    }

    /** The period typed, the current month when none is; its problems by field. */
    private PayoutPeriod period(FormInput form, Map<String, String> problems) {
        ZoneId zone = zone();
        LocalDate from = form.date("from");
        LocalDate to = form.date("to");
        problems.putAll(form.problems());
        if (!problems.isEmpty()) {
            return null;
        }
        if (from == null && to == null) {
            return PayoutPeriod.monthOf(LocalDate.now(clock.withZone(zone)), zone);
        }
        try {
            return PayoutPeriod.of(from, to, zone);
        } catch (RoomtoneException e) {
            e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            return null;
        }
    }

    /** A day paid: today is now; another day is noon of it, studio time, so that it counts in that day's period. */
    private Instant paidAt(LocalDate day) {
        if (day == null) {
            return null;
        }
        ZoneId zone = zone();
        if (day.equals(LocalDate.now(clock.withZone(zone)))) {
            return clock.instant();
        }
        return day.atTime(LocalTime.NOON).atZone(zone).toInstant();
    }

    private ZoneId zone() {
        return studios.current().timezone();
    }

    private static String link(PayoutPeriod period, String done) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/admin/payouts")
                .queryParam("from", period.from())
                .queryParam("to", period.to());
        if (done != null) {
            uri.queryParam("done", done);
        }
        return uri.build().toUriString();
    }

    private static String formField(String field) {
        return switch (field) {
            case "amount_cents", "operation_id", "staff_id" -> "amount";
            case "paid_at" -> "paid_on";
            default -> field;
        };
    }

    private static java.util.Optional<UUID> uuid(String text) {
        try {
            return java.util.Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    static String major(long cents, String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(cents, digits).toPlainString();
    }
}
