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
        ReschedulePolicyInput reschedulePolicy) {

    /** {@code {"tiers": [{"min_hours_before": 48, "refund_percent": 100}, ...]}}. */
    public record CancellationPolicyInput(List<RefundTierInput> tiers) {}

    public record RefundTierInput(Integer minHoursBefore, Integer refundPercent) {}

    public record ReschedulePolicyInput(Integer freeMinHoursBefore, Integer freeReschedules, Long feeCents) {}
}
