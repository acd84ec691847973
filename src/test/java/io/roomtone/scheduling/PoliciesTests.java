package io.roomtone.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.roomtone.shared.Money;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PoliciesTests {

    @Test
    void theDefaultCancellationPolicyRefundsByNotice() {
        CancellationPolicy policy = CancellationPolicy.DEFAULT;

        assertThat(policy.refundPercentAt(Duration.ofDays(10))).isEqualTo(100);
        assertThat(policy.refundPercentAt(Duration.ofHours(48).plusMinutes(1))).isEqualTo(100);
        assertThat(policy.refundPercentAt(Duration.ofHours(48))).isEqualTo(100);
        assertThat(policy.refundPercentAt(Duration.ofHours(48).minusSeconds(1))).isEqualTo(50);
        assertThat(policy.refundPercentAt(Duration.ofHours(24))).isEqualTo(50);
        assertThat(policy.refundPercentAt(Duration.ofHours(23).plusMinutes(59))).isZero();
        assertThat(policy.refundPercentAt(Duration.ZERO)).isZero();
        assertThat(policy.refundPercentAt(Duration.ofHours(-3))).isZero();
    }

    @Test
    void tiersMayComeInAnyOrderAndTheLowestCoversLateCancellations() {
        CancellationPolicy policy = new CancellationPolicy(
                List.of(new CancellationPolicy.RefundTier(0, 20), new CancellationPolicy.RefundTier(72, 90)));

        assertThat(policy.tiers())
                .extracting(CancellationPolicy.RefundTier::minHoursBefore)
                .containsExactly(72, 0);
        assertThat(policy.refundPercentAt(Duration.ofHours(72))).isEqualTo(90);
        assertThat(policy.refundPercentAt(Duration.ofHours(71))).isEqualTo(20);
        assertThat(policy.refundPercentAt(Duration.ofMinutes(-1))).isEqualTo(20);
        assertThat(policy.refundOf(Money.of(10_005, "CAD"), Duration.ofHours(1)))
                .isEqualTo(Money.of(2_001, "CAD"));
    }

    @Test
    void aPolicyWithoutATierFromZeroHoursIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CancellationPolicy(List.of(new CancellationPolicy.RefundTier(24, 50))));
        assertThatIllegalArgumentException().isThrownBy(() -> new CancellationPolicy(List.of()));
    }

    @Test
    void theReschedulePolicyChargesOnlyLateOrExtraMoves() {
        ReschedulePolicy policy = new ReschedulePolicy(24, 1, 2_500);

        assertThat(policy.isFree(Duration.ofHours(24), 0)).isTrue();
        assertThat(policy.feeCentsFor(Duration.ofHours(30), 0)).isZero();
        assertThat(policy.feeCentsFor(Duration.ofHours(23), 0)).isEqualTo(2_500);
        assertThat(policy.feeCentsFor(Duration.ofHours(30), 1)).isEqualTo(2_500);
        assertThat(ReschedulePolicy.DEFAULT.feeCentsFor(Duration.ofHours(1), 5)).isZero();
    }

    @Test
    void aScheduleRuleAppliesOnItsWeekdaysWithinItsDates() {
        ScheduleRule rule = new ScheduleRule(
                UUID.randomUUID(),
                TargetType.STUDIO,
                null,
                List.of(0, 6),
                LocalTime.of(10, 0),
                LocalTime.of(18, 0),
                ZoneId.of("America/Toronto"),
                true,
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31));

        assertThat(rule.days()).containsExactlyInAnyOrder(DayOfWeek.SUNDAY, DayOfWeek.SATURDAY);
        assertThat(rule.appliesOn(LocalDate.of(2026, 3, 1))).isTrue(); // a Sunday
        assertThat(rule.appliesOn(LocalDate.of(2026, 3, 2))).isFalse(); // a Monday
        assertThat(rule.appliesOn(LocalDate.of(2026, 3, 28))).isTrue(); // a Saturday
        assertThat(rule.appliesOn(LocalDate.of(2026, 4, 4))).isFalse(); // a Saturday after effective_to
        assertThat(ScheduleRule.weekday(DayOfWeek.SUNDAY)).isZero();
        assertThat(ScheduleRule.dayOfWeek(6)).isEqualTo(DayOfWeek.SATURDAY);
    }
}
