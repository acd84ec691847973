package io.roomtone.scheduling.web;

import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Services;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Studios;
import io.roomtone.scheduling.BufferRule;
import io.roomtone.scheduling.BufferRules;
import io.roomtone.scheduling.Closure;
import io.roomtone.scheduling.Closures;
import io.roomtone.scheduling.ScheduleRule;
import io.roomtone.scheduling.ScheduleRuleDraft;
import io.roomtone.scheduling.ScheduleRules;
import io.roomtone.scheduling.WeekOfHours;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The studio desk's schedule: the weekly hours of the studio, a room or a staff member drawn as a
 * week, with forms to add, change and delete them; that target's closures; and the studio's
 * buffers. Every change goes through {@link ScheduleRules}, {@link Closures} and {@link
 * BufferRules} (the rules of {@code /api/admin/schedule-rules}, {@code /exceptions} and {@code
 * /buffers}); a form with any problem comes back with each problem next to its field, a 4xx, and
 * nothing written.
 */
@Controller
@RequestMapping("/admin/schedule")
class DeskSchedulePage {

    /** The outcomes a change redirects back with; anything else shows nothing. */
    static final Set<String> DONE = Set.of(
            "rule-added",
            "rule-saved",
            "rule-deleted",
            "closure-added",
            "closure-deleted",
            "buffer-added",
            "buffer-deleted");

    /** A buffer as the page lists it: what it pads, by name. */
    record ShownBuffer(BufferRule buffer, String targetName) {}

    /** An option of the buffer form's select. */
    record BufferOption(String key, String label, String group) {}

    /** Which form a problem belongs to, and what was typed in it. */
    record Failed(String form, Map<String, String> values, Set<String> days, Map<String, String> problems) {}

    private final ScheduleRules rules;
    private final Closures closures;
    private final BufferRules buffers;
    private final ScheduleTarget.Resolver targets;
    private final Rooms rooms;
    private final Services services;
    private final StaffMembers staff;
    private final Studios studios;
    private final Clock clock;

    DeskSchedulePage(
            ScheduleRules rules,
            Closures closures,
            BufferRules buffers,
            ScheduleTarget.Resolver targets,
            Rooms rooms,
            Services services,
            StaffMembers staff,
            Studios studios,
            Clock clock) {
        this.rules = rules;
        this.closures = closures;
        this.buffers = buffers;
        this.targets = targets;
        this.rooms = rooms;
        this.services = services;
        this.staff = staff;
        this.studios = studios;
        this.clock = clock;
    }

    @GetMapping
    String showSchedule(
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String id,
            @RequestParam(required = false) String edit,
            @RequestParam(required = false) String done,
            Model model) {
        ScheduleTarget chosen = targets.resolve(target, id);
        model.addAttribute("done", done != null && DONE.contains(done) ? done : null);
        ScheduleRule editing = null;
        if (edit != null && !edit.isBlank()) {
            UUID ruleId = ScheduleTarget.uuid(edit.strip(), "edit");
            editing = rules.find(ruleId)
                    .filter(r -> r.targetType() == chosen.type() && Objects.equals(r.targetId(), chosen.id()))
                    .orElseThrow(() -> RoomtoneException.notFound("schedule rule", ruleId));
        }
        return page(chosen, editing, null, model);
    }

    @PostMapping("/rules")
    String addRule(@RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        ScheduleTarget chosen = targets.resolve(values.getFirst("target"), values.getFirst("id"));
        FormInput form = new FormInput(values);
        ScheduleRuleDraft draft = ScheduleForms.rule(form, chosen.type(), chosen.id());
        return save(form, values, "rule", chosen, null, model, response, () -> {
            rules.create(draft);
            return chosen.url("rule-added");
        });
    }

    @PostMapping("/rules/{ruleId}")
    String changeRule(
            @PathVariable UUID ruleId,
            @RequestParam MultiValueMap<String, String> values,
            Model model,
            HttpServletResponse response) {
        ScheduleRule old = rules.get(ruleId);
        ScheduleTarget chosen = targets.of(old.targetType(), old.targetId());
        FormInput form = new FormInput(values);
        ScheduleRuleDraft typed = ScheduleForms.rule(form, null, null);
        // the form is the whole rule: empty dates clear them
        Set<String> cleared = new HashSet<>();
        if (form.text("effective_from") == null) {
            cleared.add("effective_from");
        }
        if (form.text("effective_to") == null) {
            cleared.add("effective_to");
        }
        return save(form, values, "rule", chosen, old, model, response, () -> {
            rules.update(ruleId, typed, cleared);
            return chosen.url("rule-saved");
        });
    }

    @PostMapping("/rules/{ruleId}/delete")
    String deleteRule(@PathVariable UUID ruleId) {
        ScheduleRule old = rules.get(ruleId);
        rules.delete(ruleId);
        return "redirect:" + targets.of(old.targetType(), old.targetId()).url("rule-deleted");
    }

    @PostMapping("/closures")
    String addClosure(@RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        ScheduleTarget chosen = targets.resolve(values.getFirst("target"), values.getFirst("id"));
        FormInput form = new FormInput(values);
        var draft = ScheduleForms.closure(form, chosen.type(), chosen.id(), zone());
        return save(form, values, "closure", chosen, null, model, response, () -> {
            closures.create(draft);
            return chosen.url("closure-added");
        });
    }

    @PostMapping("/closures/{closureId}/delete")
    String deleteClosure(@PathVariable UUID closureId) {
        Closure old = closures.get(closureId);
        closures.delete(closureId);
        return "redirect:" + targets.of(old.targetType(), old.targetId()).url("closure-deleted");
    }

    @PostMapping("/buffers")
    String addBuffer(@RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        ScheduleTarget chosen = targets.resolve(values.getFirst("target"), values.getFirst("id"));
        FormInput form = new FormInput(values);
        var draft = ScheduleForms.buffer(form);
        return save(form, values, "buffer", chosen, null, model, response, () -> {
            buffers.create(draft);
            return chosen.url("buffer-added");
        });
    }

    @PostMapping("/buffers/{bufferId}/delete")
    String deleteBuffer(
            @PathVariable UUID bufferId,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String id) {
        buffers.delete(bufferId);
        return "redirect:" + targets.orStudio(target, id).url("buffer-deleted");
    }

    /**
     * Runs {@code change} unless the form already has problems; on any problem (the form's or the
     * service's) shows the page again with them, with the service's status, and writes nothing.
     */
    private String save(
            FormInput form,
            MultiValueMap<String, String> values,
            String which,
            ScheduleTarget chosen,
            ScheduleRule editing,
            Model model,
            HttpServletResponse response,
            Supplier<String> change) {
        int status = 400;
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                return "redirect:" + change.get();
            } catch (RoomtoneException e) {
                if (e.fieldProblems().isEmpty() && e.code().status() != 409) {
                    throw e;
                }
                status = e.code().status();
                problems = ScheduleForms.problems(form, e.fieldProblems());
                if (e.fieldProblems().isEmpty()) {
                    problems.put("form", e.getMessage());
                }
            }
        }
        response.setStatus(status);
        Map<String, String> typed = new HashMap<>();
        values.forEach((key, list) -> typed.put(key, list.isEmpty() ? "" : list.get(0)));
        Set<String> days = new HashSet<>(values.getOrDefault("days", List.of()));
        return page(chosen, editing, new Failed(which, typed, days, problems), model);
    }

    private String page(ScheduleTarget chosen, ScheduleRule editing, Failed failed, Model model) {
        ZoneId zone = zone();
        List<ScheduleRule> own = rules.forTarget(chosen.type(), chosen.id());
        model.addAttribute("target", chosen);
        model.addAttribute("targets", targets.options());
        model.addAttribute("rules", own);
        model.addAttribute("week", WeekOfHours.of(own));
        model.addAttribute("weekdays", DayOfWeek.values());
        model.addAttribute("editing", editing);
        model.addAttribute("ruleForm", ruleForm(editing, failed));
        model.addAttribute("closures", upcomingClosures(chosen));
        model.addAttribute(
                "closureForm", failed != null && failed.form().equals("closure") ? failed : blank("closure"));
        model.addAttribute("buffers", shownBuffers());
        model.addAttribute("bufferOptions", bufferOptions());
        model.addAttribute("bufferForm", failed != null && failed.form().equals("buffer") ? failed : blank("buffer"));
        model.addAttribute("zone", zone);
        return "admin/schedule";
    }

    /** The rule form: what was typed when it failed, the rule being changed, or empty. */
    private static Failed ruleForm(ScheduleRule editing, Failed failed) {
        if (failed != null && failed.form().equals("rule")) {
            return failed;
        }
        if (editing == null) {
            return blank("rule");
        }
        Map<String, String> values = new HashMap<>();
        values.put("start_time", editing.startTime().toString());
        values.put("end_time", editing.endTime().toString());
        values.put(
                "effective_from",
                editing.effectiveFrom() == null ? "" : editing.effectiveFrom().toString());
        values.put(
                "effective_to",
                editing.effectiveTo() == null ? "" : editing.effectiveTo().toString());
        Set<String> days = new HashSet<>();
        editing.days().forEach(d -> days.add(String.valueOf(d.getValue())));
        return new Failed("rule", values, days, Map.of());
    }

    private static Failed blank(String form) {
        return new Failed(form, Map.of(), Set.of(), Map.of());
    }

    private List<Closure> upcomingClosures(ScheduleTarget chosen) {
        return closures.overlapping(clock.instant(), null).stream()
                .filter(c -> c.targetType() == chosen.type() && Objects.equals(c.targetId(), chosen.id()))
                .toList();
    }

    private List<ShownBuffer> shownBuffers() {
        Map<UUID, String> names = new HashMap<>();
        rooms.list(false).forEach(r -> names.put(r.id(), r.name()));
        services.list(false).forEach(s -> names.put(s.id(), s.name()));
        staff.list(false).forEach(s -> names.put(s.id(), s.name()));
        return buffers.list().stream()
                .map(b -> new ShownBuffer(b, names.getOrDefault(b.targetId(), "")))
                .toList();
    }

    private List<BufferOption> bufferOptions() {
        List<BufferOption> options = new ArrayList<>();
        rooms.list(false).forEach(r -> options.add(new BufferOption("room:" + r.id(), r.name(), "room")));
        services.list(false).forEach(s -> options.add(new BufferOption("service:" + s.id(), s.name(), "service")));
        staff.list(false).forEach(s -> options.add(new BufferOption("staff:" + s.id(), s.name(), "staff")));
        return options;
    }

    private ZoneId zone() {
        return studios.current().timezone();
    }
}
