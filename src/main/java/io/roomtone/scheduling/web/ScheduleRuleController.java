package io.roomtone.scheduling.web;

import io.roomtone.scheduling.ScheduleRule;
import io.roomtone.scheduling.ScheduleRuleDraft;
import io.roomtone.scheduling.ScheduleRules;
import io.roomtone.scheduling.TargetType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Schedule rules (admin)", description = "Weekly opening hours of the studio, its rooms and its staff")
@RestController
@RequestMapping("/api/admin/schedule-rules")
class ScheduleRuleController {

    private static final String FIELDS =
            """
            `target_type` is `studio`, `room` or `staff`; `target_id` is required for a room or staff member \
            of this studio and left out for the studio. `byweekday` lists distinct days, 0 = Sunday to \
            6 = Saturday. `start_time` and `end_time` are local wall-clock times `HH:mm`, and `end_time` must \
            be after `start_time`: hours past midnight are a second rule starting at `00:00` on the next day. \
            `timezone` is an IANA zone; left out (or sent as an empty string), the rule follows the studio's \
            zone, which the response shows as `timezone` with `follows_studio_timezone: true`. \
            `effective_from` and `effective_to` are optional inclusive dates.""";

    private final ScheduleRules rules;

    ScheduleRuleController(ScheduleRules rules) {
        this.rules = rules;
    }

    @Operation(summary = "Schedule rules, optionally of one target type or target")
    @GetMapping
    List<ScheduleRule> list(
            @RequestParam(name = "target_type", required = false) String targetType,
            @RequestParam(name = "target_id", required = false) UUID targetId) {
        return rules.list(TargetType.parse(targetType, "target_type"), targetId);
    }

    @Operation(summary = "Create a schedule rule", description = FIELDS)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ScheduleRule create(@RequestBody ScheduleRuleDraft draft) {
        return rules.create(draft);
    }

    @Operation(summary = "One schedule rule")
    @GetMapping("/{id}")
    ScheduleRule get(@PathVariable UUID id) {
        return rules.get(id);
    }

    @Operation(
            summary = "Update a schedule rule",
            description = "Fields left out keep their values; a new `target_type` takes `target_id` from the same"
                    + " request. " + FIELDS)
    @PutMapping("/{id}")
    ScheduleRule update(@PathVariable UUID id, @RequestBody ScheduleRuleDraft draft) {
        return rules.update(id, draft);
    }

    @Operation(summary = "Delete a schedule rule")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        rules.delete(id);
    }
}
