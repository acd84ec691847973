package io.roomtone.payouts;

import io.roomtone.support.TestStudio;
import java.time.LocalDate;

/** Days as the payout pages and API take them. */
public final class PayoutFixtures {

    private PayoutFixtures() {}

    /** {@code daysAhead} days from today in the test studio's zone, as {@code YYYY-MM-DD}. */
    public static String day(int daysAhead) {
        return LocalDate.now(TestStudio.ZONE).plusDays(daysAhead).toString();
    }
}
