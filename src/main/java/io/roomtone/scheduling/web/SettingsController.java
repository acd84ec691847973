package io.roomtone.scheduling.web;

import io.roomtone.scheduling.SettingsDraft;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.MergePatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Settings (admin)", description = "The studio's name, zone, currency and booking policies")
@RestController
@RequestMapping("/api/admin/settings")
class SettingsController {

    private static final String TERMS =
            """
                    `timezone` is an IANA zone, `currency` an ISO 4217 code. \
                    `tax_rate_bps` 0-10000 (basis points: 1300 = 13 %), `deposit_percent` 0-100, \
                    `lead_time_min` >= 0, `horizon_days` 1-730, `hold_minutes` 1-1440, `slot_step_min` 5-240 \
                    and a divisor of 1440.

                    Approval workflow: `approval_required`; `approval_deadline_hours` 0-720 (a request not                     decided this many hours before its start expires and frees its slot; 0: at its start; while                     approval is required the earliest bookable start is at least this far ahead, as the lead                     time is); `max_pending_per_client` 1-100 (unpaid requests one client may have awaiting                     approval at once, default 3); `reschedule_without_approval` (default false: a client's                     reschedule awaits approval again).

                    `cancellation_policy` is an object `{"tiers": [{"min_hours_before": 48, "refund_percent": \
                    100}, {"min_hours_before": 24, "refund_percent": 50}, {"min_hours_before": 0, \
                    "refund_percent": 0}]}` (the default): a cancellation at least `min_hours_before` hours \
                    before the start gets the `refund_percent` of the tier with the largest such value. 1 to 10 \
                    tiers with distinct `min_hours_before` >= 0, `refund_percent` 0-100, and one tier must have \
                    `min_hours_before` 0.

                    Online payment (issue 9): `online_payment` `deposit` (default: a client paying by card                     pays the deposit) or `full` (the whole price); `balance_collection` `at_studio` (default:                     the rest is paid at the studio) or `auto_charge` (the card is saved at booking and the rest                     charged automatically `balance_charge_hours` before the session, 1-720, default 48; a                     declined charge marks the booking `payment_action_needed`). Card payments need Stripe.

                    `reschedule_policy` is `{"free_min_hours_before": 24, "free_reschedules": 1, "fee_cents": 0}` \
                    (the default): the first `free_reschedules` moves made at least `free_min_hours_before` hours \
                    ahead are free, others cost `fee_cents`. A policy sent replaces the stored one as a whole.""";

    private final StudioPolicies policies;
    private final JsonMapper json;
    /** How PUT and PATCH treat each field (see {@link MergePatch}): the terms default to a new studio's. */
    private final MergePatch.Fields patching;

    SettingsController(StudioPolicies policies, JsonMapper json) {
        this.policies = policies;
        this.json = json;
        MergePatch.Fields fields = MergePatch.Fields.of().required("name", "timezone", "currency");
        Map<String, Object> defaults = json.convertValue(SettingsDraft.DEFAULT_TERMS, Map.class);
        for (Map.Entry<String, Object> term : defaults.entrySet()) {
            if (term.getValue() != null) {
                fields = fields.defaulted(term.getKey(), term.getValue());
            }
        }
        this.patching = fields;
    }

    @Operation(summary = "The studio's settings")
    @GetMapping
    StudioSettings get() {
        return policies.current();
    }

    @Operation(
            summary = "Replace the studio's settings",
            description = "Every field: `name`, `timezone` and `currency` are required; any other field left out"
                    + " goes back to its default (the defaults of a new studio). Unknown fields are a 400.\n\n"
                    + TERMS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = SettingsDraft.class))))
    @PutMapping
    StudioSettings replace(@RequestBody Map<String, Object> body) {
        return policies.update(
                MergePatch.replace(json, body, SettingsDraft.class, patching).draft());
    }

    @Operation(
            summary = "Change some of the studio's settings",
            description = "JSON merge patch (RFC 7396, `application/merge-patch+json` or `application/json`): a"
                    + " field left out keeps its value, a field sent as `null` goes back to its default; `null` for"
                    + " `name`, `timezone` or `currency` is a 400. A policy sent replaces the stored one as a whole."
                    + " Unknown fields are a 400.\n\n" + TERMS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = SettingsDraft.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = SettingsDraft.class))
                            }))
    @PatchMapping(consumes = {"application/merge-patch+json", "application/json"})
    StudioSettings patch(@RequestBody Map<String, Object> body) {
        return policies.update(
                MergePatch.patch(json, body, SettingsDraft.class, patching).draft());
    }
}
