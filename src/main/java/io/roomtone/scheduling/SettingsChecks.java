package io.roomtone.scheduling;

import io.roomtone.scheduling.SettingsDraft.CancellationPolicyInput;
import io.roomtone.scheduling.SettingsDraft.RefundTierInput;
import io.roomtone.scheduling.SettingsDraft.ReschedulePolicyInput;
import io.roomtone.shared.Validation;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Checks every field of a {@link SettingsDraft}, naming nested ones with dots and indexes. */
final class SettingsChecks {

    static final int MAX_TIERS = 10;

    private SettingsChecks() {}

    /** Adds the problems of {@code draft} to {@code validation}; fields left out are not checked. */
    static void check(Validation validation, SettingsDraft draft) {
        String name = draft.name();
        validation.check(name == null || !name.isBlank(), "name", "must not be blank");
        validation.check(name == null || name.strip().length() <= 200, "name", "must be at most 200 characters");
        validation.check(draft.timezone() == null || !draft.timezone().isBlank(), "timezone", "must not be blank");
        validation.check(draft.currency() == null || !draft.currency().isBlank(), "currency", "must not be blank");
        Checks.between(validation, draft.taxRateBps(), 0, 10_000, "tax_rate_bps");
        Checks.between(validation, draft.depositPercent(), 0, 100, "deposit_percent");
        Checks.atLeast(validation, draft.leadTimeMin(), 0, "lead_time_min");
        Checks.between(validation, draft.horizonDays(), 1, 730, "horizon_days");
        Checks.between(validation, draft.holdMinutes(), 1, 1440, "hold_minutes");
        Checks.between(validation, draft.slotStepMin(), 5, 240, "slot_step_min");
        // slots start at the same times every day only if the step divides a day (0 is refused above;
        // the guard keeps it from dividing by zero here)
        validation.check(
                draft.slotStepMin() == null || draft.slotStepMin() <= 0 || 1440 % draft.slotStepMin() == 0,
                "slot_step_min",
                "must divide a day (1440 minutes): 5, 10, 15, 20, 30, 60, 120 or 240, for example");
        Checks.between(validation, draft.approvalDeadlineHours(), 0, 720, "approval_deadline_hours");
        Checks.between(validation, draft.maxPendingPerClient(), 1, 100, "max_pending_per_client");
        validation.check(
                draft.onlinePayment() == null
                        || OnlinePayment.of(draft.onlinePayment()).isPresent(),
                "online_payment",
                "must be deposit or full");
        validation.check(
                draft.balanceCollection() == null
                        || BalanceCollection.of(draft.balanceCollection()).isPresent(),
                "balance_collection",
                "must be at_studio or auto_charge");
        Checks.between(validation, draft.balanceChargeHours(), 1, 720, "balance_charge_hours");
        if (draft.cancellationPolicy() != null) {
            cancellation(validation, draft.cancellationPolicy());
        }
        if (draft.reschedulePolicy() != null) {
            reschedule(validation, draft.reschedulePolicy());
        }
    }

    private static void cancellation(Validation validation, CancellationPolicyInput policy) {
        String field = "cancellation_policy.tiers";
        List<RefundTierInput> tiers = policy.tiers();
        validation.require(tiers, field);
        if (tiers == null) {
            return;
        }
        validation.check(
                !tiers.isEmpty() && tiers.size() <= MAX_TIERS, field, "must have 1 to " + MAX_TIERS + " tiers");
        Set<Integer> hours = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            RefundTierInput tier = tiers.get(i);
            String prefix = field + "[" + i + "]";
            validation.require(tier, prefix);
            if (tier == null) {
                continue;
            }
            validation.require(tier.minHoursBefore(), prefix + ".min_hours_before");
            validation.require(tier.refundPercent(), prefix + ".refund_percent");
            Checks.atLeast(validation, tier.minHoursBefore(), 0, prefix + ".min_hours_before");
            Checks.between(validation, tier.refundPercent(), 0, 100, prefix + ".refund_percent");
            validation.check(
                    tier.minHoursBefore() == null || hours.add(tier.minHoursBefore()),
                    prefix + ".min_hours_before",
                    "must differ from the other tiers");
        }
        validation.check(
                tiers.stream().filter(Objects::nonNull).anyMatch(t -> Integer.valueOf(0)
                        .equals(t.minHoursBefore())),
                field,
                "must include a tier with min_hours_before 0, so that every cancellation has a refund percentage");
    }

    private static void reschedule(Validation validation, ReschedulePolicyInput policy) {
        String prefix = "reschedule_policy.";
        validation.require(policy.freeMinHoursBefore(), prefix + "free_min_hours_before");
        validation.require(policy.freeReschedules(), prefix + "free_reschedules");
        validation.require(policy.feeCents(), prefix + "fee_cents");
        Checks.atLeast(validation, policy.freeMinHoursBefore(), 0, prefix + "free_min_hours_before");
        Checks.atLeast(validation, policy.freeReschedules(), 0, prefix + "free_reschedules");
        validation.check(
                policy.feeCents() == null || policy.feeCents() >= 0, prefix + "fee_cents", "must be at least 0");
    }

    /** The domain policy of a checked input. */
    static CancellationPolicy toPolicy(CancellationPolicyInput input) {
        return new CancellationPolicy(input.tiers().stream()
                .map(t -> new CancellationPolicy.RefundTier(t.minHoursBefore(), t.refundPercent()))
                .toList());
    }

    static ReschedulePolicy toPolicy(ReschedulePolicyInput input) {
        return new ReschedulePolicy(input.freeMinHoursBefore(), input.freeReschedules(), input.feeCents());
    }
}
