package io.roomtone.scheduling;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The studio's booking settings: its name, zone and currency, and the policies every booking is
 * made under.
 *
 * @param taxRateBps tax on the price, in basis points (1300 = 13 %)
 * @param depositPercent the part of the price due when booking; 0 means pay in full
 * @param approvalRequired whether bookings wait for the studio's approval before they are confirmed
 * @param leadTimeMin how soon before its start a session can still be booked
 * @param horizonDays how far ahead sessions can be booked
 * @param holdMinutes how long a slot stays held while a client checks out
 * @param slotStepMin the spacing of the start times offered to clients; divides a day
 */
public record StudioSettings(
        String name,
        ZoneId timezone,
        String currency,
        int taxRateBps,
        int depositPercent,
        boolean approvalRequired,
        int leadTimeMin,
        int horizonDays,
        int holdMinutes,
        int slotStepMin,
        CancellationPolicy cancellationPolicy,
        ReschedulePolicy reschedulePolicy) {

    static final int DEFAULT_TAX_RATE_BPS = 0;
    static final int DEFAULT_DEPOSIT_PERCENT = 0;
    static final boolean DEFAULT_APPROVAL_REQUIRED = true;
    static final int DEFAULT_LEAD_TIME_MIN = 120;
    static final int DEFAULT_HORIZON_DAYS = 90;
    static final int DEFAULT_HOLD_MINUTES = 15;
    static final int DEFAULT_SLOT_STEP_MIN = 15;

    @JsonIgnore
    public Duration leadTime() {
        return Duration.ofMinutes(leadTimeMin);
    }

    @JsonIgnore
    public Duration horizon() {
        return Duration.ofDays(horizonDays);
    }

    @JsonIgnore
    public Duration holdDuration() {
        return Duration.ofMinutes(holdMinutes);
    }

    @JsonIgnore
    public Duration slotStep() {
        return Duration.ofMinutes(slotStepMin);
    }
}
