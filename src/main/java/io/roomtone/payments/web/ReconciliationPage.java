package io.roomtone.payments.web;

import io.roomtone.identity.Studios;
import io.roomtone.payments.Reconciliation;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The studio's reconciliation with Stripe: a period of days (studio time; the last 30 by default)
 * as a GET form one can bookmark, "Everything matches" or every difference with its booking, and a
 * POST form that records the period's fees the ledger lacks (post/redirect/get).
 */
@Controller
class ReconciliationPage {

    /** The days as typed, to fill the form again. */
    record Period(String from, String to) {

        String link() {
            return UriComponentsBuilder.fromPath("/admin/reconciliation")
                    .queryParam("from", from)
                    .queryParam("to", to)
                    .encode()
                    .build()
                    .toUriString();
        }
    }

    private final Reconciliation reconciliation;
    private final Studios studios;
    private final Clock clock;

    ReconciliationPage(Reconciliation reconciliation, Studios studios, Clock clock) {
        this.reconciliation = reconciliation;
        this.studios = studios;
        this.clock = clock;
    }

    @GetMapping("/admin/reconciliation")
    String show(@RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        return render(values, model, response, false, null);
    }

    @PostMapping("/admin/reconciliation/fees")
    String importFees(
            @RequestParam MultiValueMap<String, String> values,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return render(values, model, response, true, redirect);
    }

    private String render(
            MultiValueMap<String, String> values,
            Model model,
            HttpServletResponse response,
            boolean importing,
            RedirectAttributes redirect) {
        ZoneId zone = studios.current().timezone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        FormInput form = new FormInput(values);
        String fromText = form.text("from");
        String toText = form.text("to");
        LocalDate fromDay = fromText == null ? today.minusDays(30) : form.date("from");
        LocalDate toDay = toText == null ? today : form.date("to");
        Period period = new Period(
                fromText == null ? today.minusDays(30).toString() : fromText,
                toText == null ? today.toString() : toText);
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            problems.putIfAbsent("to", "must not be before the first day");
        }
        model.addAttribute("period", period);
        model.addAttribute("problems", problems);
        model.addAttribute("zone", zone);
        model.addAttribute("configured", reconciliation.available());
        if (!reconciliation.available()) {
            // nothing to compare: the page says so, and it is not an error
            return "payments/reconciliation";
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "payments/reconciliation";
        }
        try {
            Reconciliation.Report report = importing
                    ? reconciliation.importFees(
                            fromDay.atStartOfDay(zone).toInstant(),
                            toDay.plusDays(1).atStartOfDay(zone).toInstant())
                    : reconciliation.reconcile(
                            fromDay.atStartOfDay(zone).toInstant(),
                            toDay.plusDays(1).atStartOfDay(zone).toInstant());
            if (importing) {
                redirect.addFlashAttribute("imported", report.feesImported());
                return "redirect:" + period.link();
            }
            model.addAttribute("report", report);
        } catch (RoomtoneException e) {
            if (e.code() == ProblemCode.PROVIDER_UNAVAILABLE) {
                model.addAttribute("providerDown", true);
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                return "payments/reconciliation";
            }
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "payments/reconciliation";
    }
}
