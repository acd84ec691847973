package io.roomtone.scheduling;

import io.roomtone.shared.Money;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * How much of what a client paid comes back when they cancel, by how long before the start they
 * cancel. A tier applies from {@code minHoursBefore} hours before the start (inclusive) until the
 * next larger tier; the tier with {@code minHoursBefore} 0 covers the last hours and any cancellation
 * after the start. Bookings snapshot the policy they were made under.
 *
 * @param tiers ordered from the most notice to the least
 */
public record CancellationPolicy(List<RefundTier> tiers) {

    /** More than 48 hours before: everything back; 24 to 48 hours: half; less than 24 hours: nothing. */
    public static final CancellationPolicy DEFAULT =
            new CancellationPolicy(List.of(new RefundTier(48, 100), new RefundTier(24, 50), new RefundTier(0, 0)));

    /** Cancelling at least {@code minHoursBefore} hours before the start refunds {@code refundPercent}. */
    public record RefundTier(int minHoursBefore, int refundPercent) {}

    public CancellationPolicy {
        tiers = tiers.stream()
                .sorted(Comparator.comparingInt(RefundTier::minHoursBefore).reversed())
                .toList();
        if (tiers.isEmpty() || tiers.get(tiers.size() - 1).minHoursBefore() != 0) {
            throw new IllegalArgumentException("A cancellation policy needs a tier from 0 hours");
        }
    }

    /** The percentage refunded when cancelling {@code beforeStart} ahead of the start (negative: after it). */
    public int refundPercentAt(Duration beforeStart) {
        for (RefundTier tier : tiers) {
            if (beforeStart.compareTo(Duration.ofHours(tier.minHoursBefore())) >= 0) {
                return tier.refundPercent();
            }
        }
        return tiers.get(tiers.size() - 1).refundPercent();
    }

    /** The part of {@code paid} refunded when cancelling {@code beforeStart} ahead of the start. */
    public Money refundOf(Money paid, Duration beforeStart) {
        return paid.percent(refundPercentAt(beforeStart));
    }
}
