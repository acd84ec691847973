package io.roomtone.scheduling.web;

import io.roomtone.scheduling.SettingsDraft;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Settings (admin)", description = "The studio's name, zone, currency and booking policies")
@RestController
@RequestMapping("/api/admin/settings")
class SettingsController {

    private final StudioPolicies policies;

    SettingsController(StudioPolicies policies) {
        this.policies = policies;
    }

    @Operation(summary = "The studio's settings")
    @GetMapping
    StudioSettings get() {
        return policies.current();
    }

    @Operation(
            summary = "Change the studio's settings",
            description =
                    """
                    Fields left out keep their values. `timezone` is an IANA zone, `currency` an ISO 4217 code. \
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

                    `reschedule_policy` is `{"free_min_hours_before": 24, "free_reschedules": 1, "fee_cents": 0}` \
                    (the default): the first `free_reschedules` moves made at least `free_min_hours_before` hours \
                    ahead are free, others cost `fee_cents`. A policy sent replaces the stored one as a whole.""")
    @PutMapping
    StudioSettings update(@RequestBody SettingsDraft draft) {
        return policies.update(draft);
    }
}
