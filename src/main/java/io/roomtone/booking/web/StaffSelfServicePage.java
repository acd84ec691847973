package io.roomtone.booking.web;

import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studios;
import io.roomtone.scheduling.Closure;
import io.roomtone.scheduling.ClosureDraft;
import io.roomtone.scheduling.Closures;
import io.roomtone.scheduling.ScheduleRule;
import io.roomtone.scheduling.ScheduleRuleDraft;
import io.roomtone.scheduling.ScheduleRules;
import io.roomtone.scheduling.TargetType;
import io.roomtone.scheduling.WeekOfHours;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A staff member's own page: the sessions they work on a day or in a week, and their own weekly
 * hours and time off, which they change themselves. It lives with bookings because the sessions do
 * (scheduling may not depend on booking); the hours and time off go through the very service
 * methods {@code /api/me/schedule-rules} and {@code /api/me/exceptions} use, always on the caller's
 * own staff profile: another staff member's rule or time off is a 404, as if it did not exist.
 * Owners and admins with a staff profile use it too; anyone without one is told so.
 */
@Controller
class StaffSelfServicePage {

    static final Set<String> DONE = Set.of("hours-added", "hours-deleted", "time-off-added", "time-off-deleted");

    /** What was typed in a form and what is wrong with it (empty for a fresh form). */
    record Typed(String form, Map<String, String> values, Set<String> days, Map<String, String> problems) {}

    private final StaffMembers staff;
    private final ScheduleRules rules;
    private final Closures closures;
    private final StaffSessions sessions;
    private final Studios studios;
    private final Clock clock;

    StaffSelfServicePage(
            StaffMembers staff,
            ScheduleRules rules,
            Closures closures,
            StaffSessions sessions,
            Studios studios,
            Clock clock) {
        this.staff = staff;
        this.rules = rules;
        this.closures = closures;
        this.sessions = sessions;
        this.studios = studios;
        this.clock = clock;
    }

    @GetMapping("/staff")
    String showStaffPage(
            @RequestParam(required = false) String view,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String done,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model) {
        Optional<StaffMember> me = staff.ofUser(viewer.id());
        if (me.isEmpty()) {
            model.addAttribute("me", null);
            return "staff/home";
        }
        model.addAttribute("done", done != null && DONE.contains(done) ? done : null);
        return page(me.get(), view, date, null, model);
    }

    @PostMapping("/staff/hours")
    String addHours(
            @RequestParam MultiValueMap<String, String> values,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        StaffMember me = me(viewer);
        FormInput form = new FormInput(values);
        ScheduleRuleDraft draft = new ScheduleRuleDraft(
                TargetType.STAFF,
                me.id(),
                days(form),
                form.time("start_time"),
                form.time("end_time"),
                null,
                form.date("effective_from"),
                form.date("effective_to"));
        return save(form, values, "hours", me, model, response, () -> rules.create(draft), "hours-added");
    }

    @PostMapping("/staff/hours/{ruleId}/delete")
    String deleteHours(@PathVariable UUID ruleId, @AuthenticationPrincipal CurrentUser viewer) {
        rules.deleteOwn(TargetType.STAFF, me(viewer).id(), ruleId);
        return "redirect:/staff?done=hours-deleted";
    }

    @PostMapping("/staff/time-off")
    String addTimeOff(
            @RequestParam MultiValueMap<String, String> values,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        StaffMember me = me(viewer);
        FormInput form = new FormInput(values);
        ZoneId zone = zone();
        LocalDateTime start = form.dateTime("start_at");
        LocalDateTime end = form.dateTime("end_at");
        ClosureDraft draft = new ClosureDraft(
                TargetType.STAFF,
                me.id(),
                start == null ? null : start.atZone(zone).toInstant(),
                end == null ? null : end.atZone(zone).toInstant(),
                form.text("reason"));
        return save(form, values, "timeOff", me, model, response, () -> closures.create(draft), "time-off-added");
    }

    @PostMapping("/staff/time-off/{closureId}/delete")
    String deleteTimeOff(@PathVariable UUID closureId, @AuthenticationPrincipal CurrentUser viewer) {
        closures.deleteOwn(TargetType.STAFF, me(viewer).id(), closureId);
        return "redirect:/staff?done=time-off-deleted";
    }

    private String save(
            FormInput form,
            MultiValueMap<String, String> values,
            String which,
            StaffMember me,
            Model model,
            HttpServletResponse response,
            Runnable change,
            String done) {
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                change.run();
                return "redirect:/staff?done=" + done;
            } catch (RoomtoneException e) {
                if (e.fieldProblems().isEmpty()) {
                    throw e;
                }
                e.fieldProblems()
                        .forEach(p ->
                                problems.putIfAbsent(p.field().equals("byweekday") ? "days" : p.field(), p.message()));
            }
        }
        response.setStatus(400);
        Map<String, String> typed = new HashMap<>();
        values.forEach((key, list) -> typed.put(key, list.isEmpty() ? "" : list.get(0)));
        Typed failed = new Typed(which, typed, new HashSet<>(values.getOrDefault("days", List.of())), problems);
        return page(me, null, null, failed, model);
    }

    private String page(StaffMember me, String view, String date, Typed failed, Model model) {
        ZoneId zone = zone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<ScheduleRule> own = rules.forTarget(TargetType.STAFF, me.id());
        List<Closure> timeOff = closures.ofTarget(TargetType.STAFF, me.id()).stream()
                .filter(c -> c.endAt().isAfter(clock.instant()))
                .toList();
        model.addAttribute("me", me);
        model.addAttribute("zone", zone);
        model.addAttribute("today", today);
        model.addAttribute("sessions", sessions.of(me.id(), view, date, today, zone));
        model.addAttribute("rules", own);
        model.addAttribute("week", WeekOfHours.of(own));
        model.addAttribute("weekdays", DayOfWeek.values());
        model.addAttribute("timeOff", timeOff);
        model.addAttribute("hoursForm", failed != null && failed.form().equals("hours") ? failed : blank("hours"));
        model.addAttribute(
                "timeOffForm", failed != null && failed.form().equals("timeOff") ? failed : blank("timeOff"));
        return "staff/home";
    }

    private static Typed blank(String form) {
        return new Typed(form, Map.of(), Set.of(), Map.of());
    }

    /** The weekdays ticked (1 = Monday to 7 = Sunday on the page), as the API numbers them (0 = Sunday). */
    private static List<Integer> days(FormInput form) {
        List<Integer> days = new ArrayList<>();
        for (String value : form.texts("days")) {
            Integer iso = value == null ? null : form.integer(value, "days");
            if (iso == null || iso < 1 || iso > 7) {
                form.problem("days", "must be days of the week");
                continue;
            }
            days.add(ScheduleRule.weekday(DayOfWeek.of(iso)));
        }
        return days;
    }

    /** The caller's staff profile, or a 403 saying they have none (the words of {@code /api/me}). */
    private StaffMember me(CurrentUser viewer) {
        return staff.ofUser(viewer.id())
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.FORBIDDEN,
                        "You have no staff profile in this studio, so you have no hours or time off of your own;"
                                + " an owner or admin can add you as staff."));
    }

    private ZoneId zone() {
        return studios.current().timezone();
    }
}
