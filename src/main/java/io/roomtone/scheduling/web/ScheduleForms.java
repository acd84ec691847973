package io.roomtone.scheduling.web;

import io.roomtone.scheduling.BufferRuleDraft;
import io.roomtone.scheduling.BufferScope;
import io.roomtone.scheduling.ClosureDraft;
import io.roomtone.scheduling.ScheduleRule;
import io.roomtone.scheduling.ScheduleRuleDraft;
import io.roomtone.scheduling.TargetType;
import io.roomtone.shared.FieldProblem;
import io.roomtone.shared.FormInput;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The schedule page's forms read into the drafts the services take. Days are ISO numbers (1 =
 * Monday to 7 = Sunday) on the page and 0 = Sunday to 6 = Saturday in the API; wall-clock times are
 * studio time. What does not parse becomes a problem of its field, so the service still checks the
 * rest and one answer names every problem.
 */
final class ScheduleForms {

    private ScheduleForms() {}

    /** The weekdays ticked in {@code days}, as the API numbers them. */
    static List<Integer> days(FormInput form) {
        List<Integer> days = new ArrayList<>();
        for (String value : form.texts("days")) {
            if (value == null) {
                continue;
            }
            Integer iso = form.integer(value, "days");
            if (iso == null || iso < 1 || iso > 7) {
                form.problem("days", "must be days of the week");
                continue;
            }
            days.add(ScheduleRule.weekday(DayOfWeek.of(iso)));
        }
        return days;
    }

    static ScheduleRuleDraft rule(FormInput form, TargetType type, UUID target) {
        return new ScheduleRuleDraft(
                type,
                target,
                days(form),
                form.time("start_time"),
                form.time("end_time"),
                null,
                form.date("effective_from"),
                form.date("effective_to"));
    }

    static ClosureDraft closure(FormInput form, TargetType type, UUID target, ZoneId zone) {
        LocalDateTime start = form.dateTime("start_at");
        LocalDateTime end = form.dateTime("end_at");
        return new ClosureDraft(
                type,
                target,
                start == null ? null : start.atZone(zone).toInstant(),
                end == null ? null : end.atZone(zone).toInstant(),
                form.text("reason"));
    }

    /** {@code buffer_target} is {@code room:<id>}, {@code service:<id>} or {@code staff:<id>}. */
    static BufferRuleDraft buffer(FormInput form) {
        String target = form.text("buffer_target");
        BufferScope scope = null;
        UUID id = null;
        if (target != null) {
            int colon = target.indexOf(':');
            try {
                scope = BufferScope.valueOf(
                        target.substring(0, Math.max(colon, 0)).toUpperCase(Locale.ROOT));
                id = UUID.fromString(target.substring(colon + 1));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                form.problem("buffer_target", "must be a room, service or staff member of this studio");
            }
        }
        return new BufferRuleDraft(scope, id, form.integer("before_min"), form.integer("after_min"));
    }

    /** The service's problems under the page's field names, after those the form found itself. */
    static Map<String, String> problems(FormInput form, List<FieldProblem> fromService) {
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        fromService.forEach(p -> problems.putIfAbsent(field(p.field()), p.message()));
        return problems;
    }

    private static String field(String api) {
        return switch (api) {
            case "byweekday" -> "days";
            // the buffer form chooses scope and target in one select
            case "scope", "target_id" -> "buffer_target";
            default -> api;
        };
    }
}
