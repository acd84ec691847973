package io.roomtone.payouts;

import io.roomtone.shared.TimeBounds;
import io.roomtone.shared.Validation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The days a payout report covers, both included, in the studio's time zone: what a bookkeeper
 * means by "November". At most {@link #MAX_DAYS} days, so that one report stays one cheap query.
 */
public record PayoutPeriod(LocalDate from, LocalDate to, ZoneId zone) {

    public static final int MAX_DAYS = 400;

    /** The period from {@code from} to {@code to}; a 400 problem naming the field when it is not one. */
    public static PayoutPeriod of(LocalDate from, LocalDate to, ZoneId zone) {
        Validation validation = new Validation().require(from, "from").require(to, "to");
        validation.check(from == null || TimeBounds.contains(from), "from", TimeBounds.MESSAGE);
        validation.check(to == null || TimeBounds.contains(to), "to", TimeBounds.MESSAGE);
        validation.throwIfInvalid();
        new Validation()
                .check(!to.isBefore(from), "to", "must not be before from")
                .throwIfInvalid();
        new Validation()
                .check(
                        ChronoUnit.DAYS.between(from, to) < MAX_DAYS,
                        "to",
                        "must be at most " + MAX_DAYS + " days after from, counting both")
                .throwIfInvalid();
        return new PayoutPeriod(from, to, zone);
    }

    /** The month of {@code day}: the page's default. */
    public static PayoutPeriod monthOf(LocalDate day, ZoneId zone) {
        return new PayoutPeriod(day.withDayOfMonth(1), day.withDayOfMonth(day.lengthOfMonth()), zone);
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The instant the period ends, excluded: the start of the day after {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
