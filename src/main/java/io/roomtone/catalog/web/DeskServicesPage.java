package io.roomtone.catalog.web;

import io.roomtone.catalog.CustomField;
import io.roomtone.catalog.PricingModel;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.ServiceDraft;
import io.roomtone.catalog.Services;
import io.roomtone.catalog.web.CustomFieldRows.Row;
import io.roomtone.identity.Studios;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The studio's services and add-ons: a list, a form to add one, an edit form per service with its
 * custom fields, and a delete that asks first, through {@link Services} (the rules of {@code
 * /api/admin/services}). The form sends every field: one left blank is cleared, or refused when the
 * service requires it. The price is typed in the studio's currency, not in cents.
 */
@Controller
@RequestMapping("/admin/services")
class DeskServicesPage {

    private final Services services;
    private final Studios studios;

    DeskServicesPage(Services services, Studios studios) {
        this.services = services;
        this.studios = studios;
    }

    @GetMapping
    String listServices(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("services", services.list(false));
        model.addAttribute("done", DeskForms.done(done));
        return "admin/services";
    }

    @GetMapping("/new")
    String initCreationForm(Model model) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("pricing_model", PricingModel.PER_BLOCK.json());
        shown.put("color", "");
        shown.put("color_was", "");
        shown.put("active", "on");
        return form(null, shown, List.of(), Map.of(), model);
    }

    @PostMapping
    String processCreationForm(
            @RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        FormInput form = new FormInput(values);
        List<Row> rows = CustomFieldRows.typed(form);
        ServiceDraft draft = draft(form, rows, new HashSet<>());
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                Service service = services.create(draft);
                return "redirect:/admin/services?done=created#service-" + service.id();
            } catch (RoomtoneException e) {
                refused(e, problems, model);
            }
        }
        return again(null, values, rows, problems, model, response);
    }

    @GetMapping("/{id}")
    String initUpdateForm(@PathVariable String id, @RequestParam(required = false) String saved, Model model) {
        Service service = services.get(DeskForms.id(id, "service"));
        model.addAttribute("saved", saved != null);
        List<Row> rows = service.customFields().stream().map(Row::of).toList();
        return form(service, shown(service), rows, Map.of(), model);
    }

    @PostMapping("/{id}")
    String processUpdateForm(
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> values,
            Model model,
            HttpServletResponse response) {
        Service service = services.get(DeskForms.id(id, "service"));
        FormInput form = new FormInput(values);
        List<Row> rows = CustomFieldRows.typed(form);
        Set<String> cleared = new HashSet<>();
        ServiceDraft draft = draft(form, rows, cleared);
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                services.update(service.id(), draft, cleared);
                return "redirect:/admin/services/" + service.id() + "?saved";
            } catch (RoomtoneException e) {
                refused(e, problems, model);
            }
        }
        return again(service, values, rows, problems, model, response);
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        model.addAttribute("service", services.get(DeskForms.id(id, "service")));
        return "admin/services-delete";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, Model model, HttpServletResponse response) {
        Service service = services.get(DeskForms.id(id, "service"));
        try {
            services.delete(service.id());
            return "redirect:/admin/services?done=deleted";
        } catch (DataIntegrityViolationException e) {
            if (!DeskForms.inUse(e)) {
                throw e;
            }
            // bookings keep their service: the way out is deactivating it
            response.setStatus(ProblemCode.IN_USE.status());
            model.addAttribute("service", service);
            model.addAttribute("inUse", true);
            return "admin/services-delete";
        }
    }

    /** Deactivating keeps the service and its bookings but offers it for no new ones. */
    @PostMapping("/{id}/active")
    String changeActive(@PathVariable String id, @RequestParam(required = false) String active) {
        Service service = services.get(DeskForms.id(id, "service"));
        boolean activate = "true".equals(active);
        services.update(
                service.id(),
                new ServiceDraft(null, null, null, null, null, null, null, null, null, null, activate, null, null));
        return "redirect:/admin/services?done=" + (activate ? "activated" : "deactivated");
    }

    /** The service as typed; blank fields are named in {@code cleared} (required ones then come back "required"). */
    private ServiceDraft draft(FormInput form, List<Row> rows, Set<String> cleared) {
        String name = form.text("name");
        String description = form.text("description");
        Integer duration = form.integer("default_duration_min");
        Long price = price(form);
        PricingModel pricing = pricingModel(form);
        List<String> roomTags = DeskForms.list(form.text("room_tags"));
        String skill = form.text("staff_skill_required");
        Integer maxPerDay = maxPerDay(form);
        List<CustomField> fields = CustomFieldRows.fields(rows, form);
        String color = DeskForms.color(form);
        clearIfBlank(form, cleared, "name", "name");
        clearIfBlank(form, cleared, "description", "description");
        clearIfBlank(form, cleared, "default_duration_min", "default_duration_min");
        clearIfBlank(form, cleared, "price", "base_price_cents");
        clearIfBlank(form, cleared, "staff_skill_required", "staff_skill_required");
        clearIfBlank(form, cleared, "max_per_day", "max_per_day");
        if (color == null) {
            cleared.add("color");
        }
        if (roomTags == null) {
            cleared.add("room_tags"); // blank, or only commas
        }
        return new ServiceDraft(
                name,
                description,
                duration,
                price,
                pricing,
                form.checkbox("requires_engineer"),
                roomTags,
                skill,
                form.checkbox("is_addon"),
                maxPerDay,
                form.checkbox("active"),
                fields,
                color);
    }

    /**
     * The price in the studio's currency as cents. Past the service's ceiling it is refused here in
     * the units typed, since the cents would not even fit the number the service takes.
     */
    private Long price(FormInput form) {
        String currency = studios.current().currency();
        String text = form.text("price");
        if (text != null) {
            try {
                if (new BigDecimal(text).compareTo(maxPrice(currency)) > 0) {
                    form.problem(
                            "price",
                            "must be between 0 and " + maxPrice(currency).toPlainString());
                }
            } catch (NumberFormatException e) {
                // FormInput names it
            }
        }
        return form.money("price", currency);
    }

    private static BigDecimal maxPrice(String currency) {
        return BigDecimal.valueOf(Service.MAX_PRICE_CENTS, digits(currency));
    }

    private static int digits(String currency) {
        return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
    }

    /**
     * The most bookings a day. A whole number past what an {@code int} holds is the service's own
     * problem ("between 1 and 1000"), not a question of number types.
     */
    private static Integer maxPerDay(FormInput form) {
        String text = form.text("max_per_day");
        if (text != null && text.matches("[+-]?[0-9]{10,}")) {
            form.problem("max_per_day", "must be between 1 and " + Service.MAX_PER_DAY);
            return null;
        }
        return form.integer("max_per_day");
    }

    private static PricingModel pricingModel(FormInput form) {
        String typed = form.text("pricing_model");
        if (typed == null) {
            return PricingModel.PER_BLOCK;
        }
        for (PricingModel model : PricingModel.values()) {
            if (model.json().equals(typed)) {
                return model;
            }
        }
        form.problem("pricing_model", "must be one of per_block, fixed");
        return null;
    }

    private static void clearIfBlank(FormInput form, Set<String> cleared, String formField, String apiField) {
        if (form.text(formField) == null) {
            cleared.add(apiField);
        }
    }

    private void refused(RoomtoneException e, Map<String, String> problems, Model model) {
        if (e.code() == ProblemCode.NOT_FOUND) {
            throw e;
        }
        String currency = studios.current().currency();
        e.fieldProblems().forEach(p -> {
            if (p.field().equals("base_price_cents")) {
                // the service counts cents; the form is in the currency's units
                problems.putIfAbsent(
                        "price",
                        p.message().startsWith("must be between")
                                ? "must be between 0 and " + maxPrice(currency).toPlainString()
                                : p.message());
            } else {
                problems.putIfAbsent(p.field(), p.message());
            }
        });
        if (e.fieldProblems().isEmpty()) {
            model.addAttribute("refusal", e.getMessage());
            model.addAttribute("refusalStatus", e.code().status());
        }
    }

    private String again(
            Service service,
            MultiValueMap<String, String> values,
            List<Row> rows,
            Map<String, String> problems,
            Model model,
            HttpServletResponse response) {
        Object status = model.getAttribute("refusalStatus");
        response.setStatus(status instanceof Integer s ? s : HttpStatus.BAD_REQUEST.value());
        Map<String, String> shown = DeskForms.typed(values);
        // the picker now stands for what the hex field shows
        shown.put("color_was", shown.getOrDefault("color", ""));
        return form(service, shown, rows, problems, model);
    }

    private String form(
            Service service, Map<String, String> shown, List<Row> rows, Map<String, String> problems, Model model) {
        model.addAttribute("service", service);
        model.addAttribute("values", shown);
        model.addAttribute("rows", CustomFieldRows.shown(rows));
        model.addAttribute("types", CustomFieldRows.TYPES);
        model.addAttribute("problems", problems);
        model.addAttribute("currency", studios.current().currency());
        model.addAttribute("picker", DeskForms.picker(shown.get("color")));
        return "admin/services-form";
    }

    private static Map<String, String> shown(Service s) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("name", s.name());
        shown.put("description", s.description() == null ? "" : s.description());
        shown.put("default_duration_min", Integer.toString(s.defaultDurationMin()));
        shown.put(
                "price",
                BigDecimal.valueOf(s.basePriceCents(), digits(s.currency())).toPlainString());
        shown.put("pricing_model", s.pricingModel().json());
        shown.put("room_tags", DeskForms.joined(s.roomTags()));
        shown.put("staff_skill_required", s.staffSkillRequired() == null ? "" : s.staffSkillRequired());
        shown.put("max_per_day", s.maxPerDay() == null ? "" : s.maxPerDay().toString());
        shown.put("color", s.color() == null ? "" : s.color());
        shown.put("color_was", shown.get("color"));
        if (s.requiresEngineer()) {
            shown.put("requires_engineer", "on");
        }
        if (s.isAddon()) {
            shown.put("is_addon", "on");
        }
        if (s.active()) {
            shown.put("active", "on");
        }
        return shown;
    }
}
