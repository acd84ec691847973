package io.roomtone.scheduling.web;

import io.roomtone.scheduling.CancellationPolicy;
import io.roomtone.scheduling.SettingsDraft;
import io.roomtone.scheduling.SettingsDraft.CancellationPolicyInput;
import io.roomtone.scheduling.SettingsDraft.RefundTierInput;
import io.roomtone.scheduling.SettingsDraft.ReschedulePolicyInput;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The studio's settings as one form: name, zone, currency, tax, deposit, the approval workflow, the
 * booking window, and the cancellation and reschedule policies. Saved through {@link
 * StudioPolicies#update} (the rules of {@code PUT /api/admin/settings}); a form with any problem is
 * shown again with each problem next to its field, and nothing is saved.
 */
@Controller
@RequestMapping("/admin/settings")
class DeskSettingsPage {

    /** A row of the cancellation tiers table, as typed. */
    record Tier(String hours, String percent) {}

    /** Blank rows offered under the tiers, for adding some without JavaScript. */
    private static final int SPARE_TIERS = 2;

    static final List<Integer> SLOT_STEPS = List.of(5, 10, 15, 20, 30, 60, 120, 240);

    private final StudioPolicies policies;

    DeskSettingsPage(StudioPolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    String showSettings(@RequestParam(required = false) String saved, Model model) {
        StudioSettings settings = policies.current();
        model.addAttribute("saved", saved != null);
        return page(shown(settings), tiers(settings.cancellationPolicy()), Map.of(), settings, model);
    }

    @PostMapping
    String saveSettings(@RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        StudioSettings current = policies.current();
        FormInput form = new FormInput(values);
        String currency = currencyOr(form.text("currency"), current.currency());
        List<Tier> typed = typedTiers(form);
        SettingsDraft draft = new SettingsDraft(
                form.text("name"),
                form.text("timezone"),
                form.text("currency"),
                toInt(form.scaled("tax_percent", 2), "tax_percent", form),
                form.integer("deposit_percent"),
                form.checkbox("approval_required"),
                form.integer("lead_time_min"),
                form.integer("horizon_days"),
                form.integer("hold_minutes"),
                form.integer("slot_step_min"),
                form.integer("approval_deadline_hours"),
                form.integer("max_pending_per_client"),
                form.checkbox("reschedule_without_approval"),
                new CancellationPolicyInput(IntStream.range(0, typed.size())
                        .mapToObj(i -> new RefundTierInput(
                                form.integer(typed.get(i).hours(), tierField(i, "min_hours_before")),
                                form.integer(typed.get(i).percent(), tierField(i, "refund_percent"))))
                        .toList()),
                new ReschedulePolicyInput(
                        form.integer("reschedule_policy.free_min_hours_before"),
                        form.integer("reschedule_policy.free_reschedules"),
                        form.money("reschedule_policy.fee", currency)),
                form.text("online_payment"),
                form.text("balance_collection"),
                form.integer("balance_charge_hours"));
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                policies.update(draft);
                return "redirect:/admin/settings?saved";
            } catch (RoomtoneException e) {
                if (e.fieldProblems().isEmpty()) {
                    throw e;
                }
                // the service names the API's fields; two of them are typed differently here
                e.fieldProblems().forEach(p -> problems.putIfAbsent(formField(p.field()), p.message()));
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((key, list) -> shown.put(key, list.isEmpty() ? "" : list.get(0)));
        return page(shown, typed, problems, current, model);
    }

    private String page(
            Map<String, String> shown,
            List<Tier> tiers,
            Map<String, String> problems,
            StudioSettings settings,
            Model model) {
        List<Tier> rows = new ArrayList<>(tiers);
        for (int i = 0; i < SPARE_TIERS; i++) {
            rows.add(new Tier("", ""));
        }
        model.addAttribute("values", shown);
        model.addAttribute("tiers", rows);
        model.addAttribute("problems", problems);
        model.addAttribute("settings", settings);
        model.addAttribute("slotSteps", SLOT_STEPS);
        model.addAttribute(
                "zones", ZoneId.getAvailableZoneIds().stream().sorted().toList());
        return "admin/settings";
    }

    /** The form's fields for the stored settings. */
    private static Map<String, String> shown(StudioSettings s) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("name", s.name());
        shown.put("timezone", s.timezone().getId());
        shown.put("currency", s.currency());
        shown.put(
                "tax_percent",
                BigDecimal.valueOf(s.taxRateBps(), 2).stripTrailingZeros().toPlainString());
        shown.put("deposit_percent", String.valueOf(s.depositPercent()));
        shown.put("online_payment", s.onlinePayment().code());
        shown.put("balance_collection", s.balanceCollection().code());
        shown.put("balance_charge_hours", String.valueOf(s.balanceChargeHours()));
        if (s.approvalRequired()) {
            shown.put("approval_required", "on");
        }
        shown.put("approval_deadline_hours", String.valueOf(s.approvalDeadlineHours()));
        shown.put("max_pending_per_client", String.valueOf(s.maxPendingPerClient()));
        if (s.rescheduleWithoutApproval()) {
            shown.put("reschedule_without_approval", "on");
        }
        shown.put("lead_time_min", String.valueOf(s.leadTimeMin()));
        shown.put("horizon_days", String.valueOf(s.horizonDays()));
        shown.put("hold_minutes", String.valueOf(s.holdMinutes()));
        shown.put("slot_step_min", String.valueOf(s.slotStepMin()));
        shown.put(
                "reschedule_policy.free_min_hours_before",
                String.valueOf(s.reschedulePolicy().freeMinHoursBefore()));
        shown.put(
                "reschedule_policy.free_reschedules",
                String.valueOf(s.reschedulePolicy().freeReschedules()));
        int digits = Math.max(Currency.getInstance(s.currency()).getDefaultFractionDigits(), 0);
        shown.put(
                "reschedule_policy.fee",
                BigDecimal.valueOf(s.reschedulePolicy().feeCents(), digits).toPlainString());
        return shown;
    }

    private static List<Tier> tiers(CancellationPolicy policy) {
        return policy.tiers().stream()
                .map(t -> new Tier(String.valueOf(t.minHoursBefore()), String.valueOf(t.refundPercent())))
                .toList();
    }

    /** The rows of the tiers table that have anything typed in them, in order. */
    private static List<Tier> typedTiers(FormInput form) {
        List<String> hours = form.texts("tier_hours");
        List<String> percents = form.texts("tier_percent");
        List<Tier> typed = new ArrayList<>();
        for (int i = 0; i < Math.max(hours.size(), percents.size()); i++) {
            String h = i < hours.size() ? hours.get(i) : null;
            String p = i < percents.size() ? percents.get(i) : null;
            if (h != null || p != null) {
                typed.add(new Tier(h, p));
            }
        }
        return typed;
    }

    static String tierField(int index, String part) {
        return "cancellation_policy.tiers[" + index + "]." + part;
    }

    private static String formField(String apiField) {
        return switch (apiField) {
            case "tax_rate_bps" -> "tax_percent";
            case "reschedule_policy.fee_cents" -> "reschedule_policy.fee";
            default -> apiField;
        };
    }

    private static Integer toInt(Long value, String field, FormInput form) {
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE) {
            form.problem(field, "must be between 0 and 100");
            return null;
        }
        return value.intValue();
    }

    private static String currencyOr(String typed, String stored) {
        try {
            return typed == null
                    ? stored
                    : Currency.getInstance(typed.toUpperCase(java.util.Locale.ROOT))
                            .getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return stored; // the service names the unknown code; the fee is read in the stored currency meanwhile
        }
    }
}
