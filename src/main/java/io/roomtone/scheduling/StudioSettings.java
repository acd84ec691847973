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
 * @param approvalDeadlineHours a request awaiting approval expires this many hours before its start
 *     (0: at its start)
 * @param maxPendingPerClient how many unpaid requests one client may have awaiting approval at once
 * @param rescheduleWithoutApproval whether a client's reschedule stays confirmed at a studio that
 *     requires approval (otherwise it awaits approval again)
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
        int approvalDeadlineHours,
        int maxPendingPerClient,
        boolean rescheduleWithoutApproval,
        CancellationPolicy cancellationPolicy,
        ReschedulePolicy reschedulePolicy,
        OnlinePayment onlinePayment,
        BalanceCollection balanceCollection,
        int balanceChargeHours) {

    static final int DEFAULT_TAX_RATE_BPS = 0;
    static final int DEFAULT_DEPOSIT_PERCENT = 0;
    static final boolean DEFAULT_APPROVAL_REQUIRED = true;
    static final int DEFAULT_LEAD_TIME_MIN = 120;
    static final int DEFAULT_HORIZON_DAYS = 90;
    static final int DEFAULT_HOLD_MINUTES = 15;
    static final int DEFAULT_SLOT_STEP_MIN = 15;
    static final int DEFAULT_APPROVAL_DEADLINE_HOURS = 0;
    static final int DEFAULT_MAX_PENDING_PER_CLIENT = 3;
    static final boolean DEFAULT_RESCHEDULE_WITHOUT_APPROVAL = false;
    static final OnlinePayment DEFAULT_ONLINE_PAYMENT = OnlinePayment.DEPOSIT;
    static final BalanceCollection DEFAULT_BALANCE_COLLECTION = BalanceCollection.AT_STUDIO;
    static final int DEFAULT_BALANCE_CHARGE_HOURS = 48;

    /** Settings as they were before online payment and balance collection were chosen: their defaults. */
    public StudioSettings(
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
            int approvalDeadlineHours,
            int maxPendingPerClient,
            boolean rescheduleWithoutApproval,
            CancellationPolicy cancellationPolicy,
            ReschedulePolicy reschedulePolicy) {
        this(
                name,
                timezone,
                currency,
                taxRateBps,
                depositPercent,
                approvalRequired,
                leadTimeMin,
                horizonDays,
                holdMinutes,
                slotStepMin,
                approvalDeadlineHours,
                maxPendingPerClient,
                rescheduleWithoutApproval,
                cancellationPolicy,
                reschedulePolicy,
                DEFAULT_ONLINE_PAYMENT,
                DEFAULT_BALANCE_COLLECTION,
                DEFAULT_BALANCE_CHARGE_HOURS);
    }

    /** With automatic balance collection: how long before its start a session's balance is charged. */
    @JsonIgnore
    public Duration balanceChargeLead() {
        return Duration.ofHours(balanceChargeHours);
    }

    /** Whether the balance is charged automatically to the card saved at booking. */
    @JsonIgnore
    public boolean chargesBalanceAutomatically() {
        return balanceCollection == BalanceCollection.AUTO_CHARGE;
    }

    /**
     * How soon before its start a session can still be booked: the lead time, and where the studio
     * decides on requests, also the time it keeps to decide (a request made after its own decision
     * deadline could only expire).
     */
    @JsonIgnore
    public Duration leadTime() {
        Duration lead = Duration.ofMinutes(leadTimeMin);
        Duration deciding = approvalRequired ? approvalDeadline() : Duration.ZERO;
        return lead.compareTo(deciding) >= 0 ? lead : deciding;
    }

    /** How long before its start a request awaiting approval must be decided. */
    @JsonIgnore
    public Duration approvalDeadline() {
        return Duration.ofHours(approvalDeadlineHours);
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
