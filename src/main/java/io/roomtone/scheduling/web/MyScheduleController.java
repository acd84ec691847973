package io.roomtone.scheduling.web;

import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.CurrentUser;
import io.roomtone.scheduling.Closure;
import io.roomtone.scheduling.ClosureDraft;
import io.roomtone.scheduling.Closures;
import io.roomtone.scheduling.ScheduleRule;
import io.roomtone.scheduling.ScheduleRuleDraft;
import io.roomtone.scheduling.ScheduleRules;
import io.roomtone.scheduling.TargetType;
import io.roomtone.shared.MergePatch;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A staff member's own weekly hours and time off. The target is always the caller's staff profile:
 * bodies cannot name one ({@code target_type} and {@code target_id} are unknown fields here), and
 * another staff member's rule or closure is a 404, as if it did not exist. Owners and admins use
 * these too, for themselves, when they have a staff profile.
 */
@Tag(name = "My schedule (staff)", description = "A staff member's own weekly hours and time off")
@RestController
@RequestMapping("/api/me")
class MyScheduleController {

    /** The body of a rule here: the admin route's fields without the target. */
    @Schema(description = "A schedule rule of the caller's own staff profile")
    record MyRule(
            List<Integer> byweekday,
            String startTime,
            String endTime,
            String timezone,
            String effectiveFrom,
            String effectiveTo) {}

    /** The body of a closure here: the admin route's fields without the target. */
    @Schema(description = "Time off of the caller's own staff profile")
    record MyClosure(Instant startAt, Instant endAt, String reason) {}

    static final MergePatch.Fields RULE_FIELDS = MergePatch.Fields.of()
            .required("byweekday", "start_time", "end_time")
            .clearable("timezone", "effective_from", "effective_to");

    static final MergePatch.Fields CLOSURE_FIELDS =
            MergePatch.Fields.of().required("start_at", "end_at").clearable("reason");

    private static final String NO_PROFILE = "Refused with 403 `forbidden` when the caller has no staff profile.";
    private static final String RULE_TEXT = "`byweekday` lists distinct days, 0 = Sunday to 6 = Saturday;"
            + " `start_time` and `end_time` are `HH:mm`, an end at or before the start is on the next day;"
            + " `timezone` (IANA, default the studio's), `effective_from` and `effective_to` are optional. "
            + NO_PROFILE;
    private static final String CLOSURE_TEXT = "`start_at` and `end_at` are ISO-8601 instants, at most 366 days"
            + " apart; `reason` up to 500 characters. " + NO_PROFILE;

    private final StaffMembers staff;
    private final ScheduleRules rules;
    private final Closures closures;
    private final JsonMapper json;

    MyScheduleController(StaffMembers staff, ScheduleRules rules, Closures closures, JsonMapper json) {
        this.staff = staff;
        this.rules = rules;
        this.closures = closures;
        this.json = json;
    }

    @Operation(summary = "My weekly hours", description = NO_PROFILE)
    @GetMapping("/schedule-rules")
    List<ScheduleRule> rules(@AuthenticationPrincipal CurrentUser user) {
        return rules.forTarget(TargetType.STAFF, me(user));
    }

    @Operation(
            summary = "Add weekly hours of mine",
            description = RULE_TEXT,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = MyRule.class))))
    @PostMapping("/schedule-rules")
    @ResponseStatus(HttpStatus.CREATED)
    ScheduleRule createRule(@RequestBody Map<String, Object> body, @AuthenticationPrincipal CurrentUser user) {
        UUID me = me(user);
        ScheduleRuleDraft draft = MergePatch.replace(json, body, ScheduleRuleDraft.class, RULE_FIELDS)
                .draft();
        return rules.create(new ScheduleRuleDraft(
                TargetType.STAFF,
                me,
                draft.byweekday(),
                draft.startTime(),
                draft.endTime(),
                draft.timezone(),
                draft.effectiveFrom(),
                draft.effectiveTo()));
    }

    @Operation(
            summary = "Replace weekly hours of mine",
            description = "Every field: left out, `timezone`, `effective_from` and `effective_to` are cleared. "
                    + "Another staff member's rule is a 404. " + RULE_TEXT,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = MyRule.class))))
    @PutMapping("/schedule-rules/{id}")
    ScheduleRule replaceRule(
            @PathVariable UUID id, @RequestBody Map<String, Object> body, @AuthenticationPrincipal CurrentUser user) {
        MergePatch.Update<ScheduleRuleDraft> update =
                MergePatch.replace(json, body, ScheduleRuleDraft.class, RULE_FIELDS);
        return rules.updateOwn(TargetType.STAFF, me(user), id, update.draft(), update.cleared());
    }

    @Operation(
            summary = "Change weekly hours of mine",
            description = "JSON merge patch (RFC 7396): a field left out keeps its value, `null` clears"
                    + " `timezone`, `effective_from` or `effective_to` and is a 400 for the others. Another staff"
                    + " member's rule is a 404. " + RULE_TEXT,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = MyRule.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = MyRule.class))
                            }))
    @PatchMapping(
            path = "/schedule-rules/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    ScheduleRule patchRule(
            @PathVariable UUID id, @RequestBody Map<String, Object> body, @AuthenticationPrincipal CurrentUser user) {
        MergePatch.Update<ScheduleRuleDraft> update =
                MergePatch.patch(json, body, ScheduleRuleDraft.class, RULE_FIELDS);
        return rules.updateOwn(TargetType.STAFF, me(user), id, update.draft(), update.cleared());
    }

    @Operation(
            summary = "Delete weekly hours of mine",
            description = "Another staff member's rule is a 404. " + NO_PROFILE)
    @DeleteMapping("/schedule-rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRule(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        rules.deleteOwn(TargetType.STAFF, me(user), id);
    }

    @Operation(summary = "My time off, earliest first", description = NO_PROFILE)
    @GetMapping("/exceptions")
    List<Closure> closures(@AuthenticationPrincipal CurrentUser user) {
        return closures.ofTarget(TargetType.STAFF, me(user));
    }

    @Operation(
            summary = "Add time off",
            description = CLOSURE_TEXT,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = MyClosure.class))))
    @PostMapping("/exceptions")
    @ResponseStatus(HttpStatus.CREATED)
    Closure createClosure(@RequestBody Map<String, Object> body, @AuthenticationPrincipal CurrentUser user) {
        UUID me = me(user);
        ClosureDraft draft = MergePatch.replace(json, body, ClosureDraft.class, CLOSURE_FIELDS)
                .draft();
        return closures.create(new ClosureDraft(TargetType.STAFF, me, draft.startAt(), draft.endAt(), draft.reason()));
    }

    @Operation(
            summary = "Replace time off",
            description = "Every field: left out, `reason` is cleared. Another staff member's time off is a 404. "
                    + CLOSURE_TEXT,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = MyClosure.class))))
    @PutMapping("/exceptions/{id}")
    Closure replaceClosure(
            @PathVariable UUID id, @RequestBody Map<String, Object> body, @AuthenticationPrincipal CurrentUser user) {
        MergePatch.Update<ClosureDraft> update = MergePatch.replace(json, body, ClosureDraft.class, CLOSURE_FIELDS);
        return closures.updateOwn(TargetType.STAFF, me(user), id, update.draft(), update.cleared());
    }

    @Operation(
            summary = "Change time off",
            description = "JSON merge patch (RFC 7396): a field left out keeps its value, `null` clears `reason`"
                    + " and is a 400 for the others. Another staff member's time off is a 404. " + CLOSURE_TEXT,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = MyClosure.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = MyClosure.class))
                            }))
    @PatchMapping(
            path = "/exceptions/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    Closure patchClosure(
            @PathVariable UUID id, @RequestBody Map<String, Object> body, @AuthenticationPrincipal CurrentUser user) {
        MergePatch.Update<ClosureDraft> update = MergePatch.patch(json, body, ClosureDraft.class, CLOSURE_FIELDS);
        return closures.updateOwn(TargetType.STAFF, me(user), id, update.draft(), update.cleared());
    }

    @Operation(summary = "Delete time off", description = "Another staff member's time off is a 404. " + NO_PROFILE)
    @DeleteMapping("/exceptions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteClosure(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        closures.deleteOwn(TargetType.STAFF, me(user), id);
    }

    /** The caller's staff profile, or a 403 saying they have none. */
    private UUID me(CurrentUser user) {
        return staff.ofUser(user.id())
                .map(StaffMember::id)
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.FORBIDDEN,
                        "You have no staff profile in this studio, so you have no hours or time off of your own;"
                                + " an owner or admin can add you as staff."));
    }
}
