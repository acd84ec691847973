package io.roomtone.scheduling.web;

import io.roomtone.scheduling.ScheduleRule;
import io.roomtone.scheduling.ScheduleRuleDraft;
import io.roomtone.scheduling.ScheduleRules;
import io.roomtone.scheduling.TargetType;
import io.roomtone.shared.MergePatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Schedule rules (admin)", description = "Weekly opening hours of the studio, its rooms and its staff")
@RestController
@RequestMapping("/api/admin/schedule-rules")
class ScheduleRuleController {

    private static final String FIELDS =
            """
            `target_type` is `studio`, `room` or `staff`; `target_id` is required for a room or staff member \
            of this studio and left out for the studio. `byweekday` lists distinct days, 0 = Sunday to \
            6 = Saturday. `start_time` and `end_time` are local wall-clock times `HH:mm`; an `end_time` at or \
            before `start_time` is on the next day (`22:00`-`02:00` opens at 22:00 on each day listed and \
            closes at 02:00 the day after, Sunday's into Monday), and an `end_time` equal to `start_time` is a \
            400. \
            `timezone` is an IANA zone; left out (or sent as an empty string), the rule follows the studio's \
            zone, which the response shows as `timezone` with `follows_studio_timezone: true`. \
            `effective_from` and `effective_to` are optional inclusive dates.""";

    /** How PUT and PATCH treat each field (see {@link MergePatch}). */
    static final MergePatch.Fields PATCHING = MergePatch.Fields.of()
            .required("target_type", "byweekday", "start_time", "end_time")
            .clearable("target_id", "timezone", "effective_from", "effective_to");

    private final ScheduleRules rules;
    private final JsonMapper json;

    ScheduleRuleController(ScheduleRules rules, JsonMapper json) {
        this.rules = rules;
        this.json = json;
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
            summary = "Replace a schedule rule",
            description = "Every field: `target_type`, `byweekday`, `start_time` and `end_time` are required;"
                    + " `target_id`, `timezone`, `effective_from` and `effective_to` left out are cleared. Unknown"
                    + " fields are a 400. " + FIELDS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = ScheduleRuleDraft.class))))
    @PutMapping("/{id}")
    ScheduleRule replace(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        MergePatch.Update<ScheduleRuleDraft> update = MergePatch.replace(json, body, ScheduleRuleDraft.class, PATCHING);
        return rules.update(id, update.draft(), update.cleared());
    }

    @Operation(
            summary = "Change some fields of a schedule rule",
            description =
                    "JSON merge patch (RFC 7396, `application/merge-patch+json` or `application/json`): a field left out keeps its value, a field sent as `null` is cleared (`target_id`, `timezone`: follow the studio's, `effective_from`,"
                            + " `effective_to`); `null` for `target_type`, `byweekday`, `start_time` or `end_time` is a 400;"
                            + " a new `target_type` takes `target_id` from the same request. Unknown fields are a 400. "
                            + FIELDS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = ScheduleRuleDraft.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = ScheduleRuleDraft.class))
                            }))
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    ScheduleRule patch(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        MergePatch.Update<ScheduleRuleDraft> update = MergePatch.patch(json, body, ScheduleRuleDraft.class, PATCHING);
        return rules.update(id, update.draft(), update.cleared());
    }

    @Operation(summary = "Delete a schedule rule")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        rules.delete(id);
    }
}
