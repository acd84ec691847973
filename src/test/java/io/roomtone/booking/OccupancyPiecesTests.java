package io.roomtone.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.shared.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OccupancyPiecesTests {

    private static final Instant START = Instant.parse("2026-03-07T22:00:00Z");

    @Test
    void aRangeOfADayOrLessStaysWhole() {
        TimeRange day = new TimeRange(START, START.plus(Duration.ofDays(1)));
        assertThat(OccupancyTable.pieces(day)).containsExactly(day);
    }

    @Test
    void longerRangesAreCutIntoConsecutiveDayLongPieces() {
        TimeRange lockout = new TimeRange(START, START.plus(Duration.ofHours(50)));

        List<TimeRange> pieces = OccupancyTable.pieces(lockout);

        assertThat(pieces).hasSize(3);
        assertThat(pieces.get(0).start()).isEqualTo(lockout.start());
        assertThat(pieces.get(2).end()).isEqualTo(lockout.end());
        for (int i = 1; i < pieces.size(); i++) {
            assertThat(pieces.get(i).start()).isEqualTo(pieces.get(i - 1).end());
        }
        assertThat(pieces).allMatch(p -> p.length().compareTo(Duration.ofDays(1)) <= 0);
    }
}
