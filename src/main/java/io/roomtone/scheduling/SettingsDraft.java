package io.roomtone.scheduling;

import java.util.List;

/**
 * Changes to the studio's settings: a field left out keeps its value. A policy that is present
 * replaces the stored one as a whole, so all of its fields are required.
 */
public record SettingsDraft(
        String name,
        String timezone,
        String currency,
        Integer taxRateBps,
        Integer depositPercent,
        Boolean approvalRequired,
        Integer leadTimeMin,
        Integer horizonDays,
        Integer holdMinutes,
        Integer slotStepMin,
        Integer approvalDeadlineHours,
        Integer maxPendingPerClient,
        Boolean rescheduleWithoutApproval,
        CancellationPolicyInput cancellationPolicy,
        ReschedulePolicyInput reschedulePolicy,
        String onlinePayment,
        String balanceCollection,
        Integer balanceChargeHours) {

    /** The booking terms a new studio starts with (name, zone and currency are null: they have no default). */
    public static final SettingsDraft DEFAULT_TERMS = new SettingsDraft(
            null,
            null,
            null,
            StudioSettings.DEFAULT_TAX_RATE_BPS,
            StudioSettings.DEFAULT_DEPOSIT_PERCENT,
            StudioSettings.DEFAULT_APPROVAL_REQUIRED,
            StudioSettings.DEFAULT_LEAD_TIME_MIN,
            StudioSettings.DEFAULT_HORIZON_DAYS,
            StudioSettings.DEFAULT_HOLD_MINUTES,
            StudioSettings.DEFAULT_SLOT_STEP_MIN,
            StudioSettings.DEFAULT_APPROVAL_DEADLINE_HOURS,
            StudioSettings.DEFAULT_MAX_PENDING_PER_CLIENT,
            StudioSettings.DEFAULT_RESCHEDULE_WITHOUT_APPROVAL,
            new CancellationPolicyInput(CancellationPolicy.DEFAULT.tiers().stream()
                    .map(t -> new RefundTierInput(t.minHoursBefore(), t.refundPercent()))
                    .toList()),
            new ReschedulePolicyInput(
                    ReschedulePolicy.DEFAULT.freeMinHoursBefore(),
                    ReschedulePolicy.DEFAULT.freeReschedules(),
                    ReschedulePolicy.DEFAULT.feeCents()),
            StudioSettings.DEFAULT_ONLINE_PAYMENT.code(),
            StudioSettings.DEFAULT_BALANCE_COLLECTION.code(),
            StudioSettings.DEFAULT_BALANCE_CHARGE_HOURS);

    /** {@code {"tiers": [{"min_hours_before": 48, "refund_percent": 100}, ...]}}. */
    public record CancellationPolicyInput(List<RefundTierInput> tiers) {}

    public record RefundTierInput(Integer minHoursBefore, Integer refundPercent) {}

    public record ReschedulePolicyInput(Integer freeMinHoursBefore, Integer freeReschedules, Long feeCents) {}
}
