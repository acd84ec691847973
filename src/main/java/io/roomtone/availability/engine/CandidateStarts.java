package io.roomtone.availability.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * The candidate starts of a search: studio-local wall-clock times on multiples of the step from
 * local midnight, on each searched date.
 *
 * <p>On daylight-saving days the wall clock decides: a local time that does not exist (inside a
 * spring-forward gap) is no candidate, and one that occurs twice (inside a fall-back overlap) gives
 * both instants, as both read as an aligned time on the studio's clock.
 */
final class CandidateStarts {

    private static final int MINUTES_PER_DAY = 24 * 60;

    private CandidateStarts() {}

    /** The candidate starts within the lead time and horizon, sorted and distinct. */
    static Instant[] starts(SearchInput input) {
        ZoneRules rules = input.studioZone().getRules();
        int perDay = (MINUTES_PER_DAY + input.stepMinutes() - 1) / input.stepMinutes();
        // Up to two instants per local time (fall-back overlap).
        Instant[] starts = new Instant[Math.max(0, input.days()) * perDay * 2];
        int n = 0;
        for (int day = 0; day < input.days(); day++) {
            LocalDate date = input.firstDate().plusDays(day);
            Instant midnight = date.atStartOfDay(input.studioZone()).toInstant();
            ZoneOffsetTransition next = rules.nextTransition(midnight.minusSeconds(1));
            boolean steady = next == null || !next.getInstant().isBefore(midnight.plus(Duration.ofDays(1)));
            for (int minute = 0; minute < MINUTES_PER_DAY; minute += input.stepMinutes()) {
                if (steady) {
                    // No transition at or after this local midnight within the day (the usual case):
                    // the wall clock runs with UTC all day, so no zone rules need consulting.
                    n = add(starts, n, midnight.plusSeconds(60L * minute), input);
                    continue;
                }
                LocalDateTime local = date.atTime(minute / 60, minute % 60);
                for (ZoneOffset offset : rules.getValidOffsets(local)) {
                    n = add(starts, n, local.toInstant(offset), input);
                }
            }
        }
        // Overlap instants are out of order with their neighbours. They are distinct all the same:
        // an instant reads as a single local date and time.
        Arrays.sort(starts, 0, n);
        return Arrays.copyOf(starts, n);
    }

    private static int add(Instant[] starts, int n, Instant start, SearchInput input) {
        if (start.isBefore(input.earliestStart()) || start.isAfter(input.latestStart())) {
            return n;
        }
        starts[n] = start;
        return n + 1;
    }

    /** Whether {@code start} reads as a whole multiple of the step on the studio's clock. */
    static boolean aligned(Instant start, SearchInput input) {
        LocalTime local = start.atZone(input.studioZone()).toLocalTime();
        return local.getSecond() == 0
                && local.getNano() == 0
                && (local.getHour() * 60 + local.getMinute()) % input.stepMinutes() == 0;
    }
}
