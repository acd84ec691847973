package io.roomtone.availability.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How long a search answer stays exact as the clock moves (its exactness is a property test). */
class StartBoundsTests {

    static final Duration LEAD = Duration.ofMinutes(60);
    static final Duration HORIZON = Duration.ofDays(30);
    /** The searched day: 2026-12-01 in UTC. */
    static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");

    static final Instant TO = FROM.plus(Duration.ofDays(1));

    @Test
    void aDayNeitherBoundCutsHoldsUntilTheLeadTimeReachesIt() {
        Instant now = Instant.parse("2026-11-20T09:30:12Z");

        assertThat(StartBounds.answerValidUntil(now, LEAD, HORIZON, FROM, TO))
                .isEqualTo(FROM.minus(LEAD).plusNanos(1));
    }

    @Test
    void aDayTheLeadTimeCutsHoldsForTheRestOfTheMinute() {
        Instant now = Instant.parse("2026-12-01T09:30:12Z");

        assertThat(StartBounds.answerValidUntil(now, LEAD, HORIZON, FROM, TO))
                .isEqualTo(Instant.parse("2026-12-01T09:31:00Z"));
    }

    @Test
    void aDayTheHorizonCutsHoldsForTheRestOfTheMinute() {
        Instant now = FROM.minus(HORIZON).plusSeconds(3 * 3600 + 5);

        assertThat(StartBounds.answerValidUntil(now, LEAD, HORIZON, FROM, TO))
                .isEqualTo(StartBounds.minuteOf(now).plusSeconds(60));
    }

    @Test
    void onTheMinuteACutDayHoldsOnlyForThatInstant() {
        Instant now = Instant.parse("2026-12-01T09:30:00Z");

        assertThat(StartBounds.answerValidUntil(now, LEAD, HORIZON, FROM, TO)).isEqualTo(now.plusNanos(1));
        assertThat(StartBounds.forMinute(now, LEAD, HORIZON).earliest()).isEqualTo(now.plus(LEAD));
        assertThat(StartBounds.forMinute(now.plusNanos(1), LEAD, HORIZON).earliest())
                .isEqualTo(now.plus(LEAD).plusSeconds(60));
    }
}
