package io.roomtone.booking;

import io.roomtone.scheduling.CancellationPolicy;
import io.roomtone.scheduling.ReschedulePolicy;
import java.util.ArrayList;
import java.util.List;

/** The studio's cancellation and reschedule policies in one sentence a client can read before booking. */
final class PolicySummary {

    private PolicySummary() {}

    static String of(CancellationPolicy cancellation, ReschedulePolicy reschedule, String currency) {
        List<String> parts = new ArrayList<>();
        for (CancellationPolicy.RefundTier tier : cancellation.tiers()) {
            String when = tier.minHoursBefore() == 0
                    ? "less than "
                            + cancellation.tiers().stream()
                                    .mapToInt(CancellationPolicy.RefundTier::minHoursBefore)
                                    .filter(h -> h > 0)
                                    .min()
                                    .orElse(0)
                            + " h before"
                    : "at least " + tier.minHoursBefore() + " h before";
            if (tier.minHoursBefore() == 0 && cancellation.tiers().size() == 1) {
                when = "at any time";
            }
            parts.add("cancel " + when + ": " + tier.refundPercent() + "% refund");
        }
        String moves = reschedule.freeReschedules() == 0
                ? "reschedules cost " + fee(reschedule.feeCents(), currency)
                : reschedule.freeReschedules() + " free reschedule" + (reschedule.freeReschedules() == 1 ? "" : "s")
                        + " at least " + reschedule.freeMinHoursBefore() + " h ahead, then "
                        + fee(reschedule.feeCents(), currency) + " each";
        return capitalize(String.join("; ", parts)) + ". " + capitalize(moves) + ".";
    }

    private static String fee(long cents, String currency) {
        return cents == 0 ? "no fee" : String.format("%d.%02d %s", cents / 100, cents % 100, currency);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
