package io.roomtone.availability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.availability.BlockedRange;
import io.roomtone.availability.BlockedRange.Kind;
import io.roomtone.shared.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Occupancy grouped for the engine: by resource, sorted, with holds counted only until they expire. */
class OccupancyByResourceTests {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    static final UUID ROOM = UUID.randomUUID();
    static final UUID ENGINEER = UUID.randomUUID();

    static TimeRange hours(int from, int to) {
        return new TimeRange(T.plusSeconds(3600L * from), T.plusSeconds(3600L * to));
    }

    static BlockedRange booking(Kind kind, UUID resource, TimeRange span, UUID owner) {
        return new BlockedRange(kind, resource, span, owner, null);
    }

    @Test
    void rangesAreGroupedByResourceAndSorted() {
        UUID late = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        OccupancyByResource occupancy = OccupancyByResource.of(List.of(
                booking(Kind.ROOM, ROOM, hours(5, 6), late),
                booking(Kind.STAFF, ENGINEER, hours(5, 6), late),
                booking(Kind.ROOM, ROOM, hours(1, 2), early)));

        assertThat(occupancy.ranges(Kind.ROOM, ROOM, T, Set.of())).containsExactly(hours(1, 2), hours(5, 6));
        assertThat(occupancy.ranges(Kind.STAFF, ENGINEER, T, Set.of())).containsExactly(hours(5, 6));
        assertThat(occupancy.ranges(Kind.STAFF, ROOM, T, Set.of())).isEmpty();
        assertThat(occupancy.ranges(Kind.ROOM, ROOM, T, Set.of(late))).containsExactly(hours(1, 2));
    }

    @Test
    void aHoldCountsUntilItExpires() {
        Instant expires = T.plusSeconds(600);
        Instant later = T.plusSeconds(900);
        OccupancyByResource occupancy = OccupancyByResource.of(List.of(
                new BlockedRange(Kind.ROOM, ROOM, hours(1, 2), UUID.randomUUID(), later),
                new BlockedRange(Kind.ROOM, ROOM, hours(3, 4), UUID.randomUUID(), expires),
                booking(Kind.ROOM, ROOM, hours(5, 6), UUID.randomUUID())));

        assertThat(occupancy.ranges(Kind.ROOM, ROOM, expires.minusNanos(1), Set.of()))
                .containsExactly(hours(1, 2), hours(3, 4), hours(5, 6));
        assertThat(occupancy.ranges(Kind.ROOM, ROOM, expires, Set.of())).containsExactly(hours(1, 2), hours(5, 6));
        assertThat(occupancy.firstExpiryAfter(T)).isEqualTo(expires);
        assertThat(occupancy.firstExpiryAfter(expires)).isEqualTo(later);
        assertThat(occupancy.firstExpiryAfter(later)).isEqualTo(Instant.MAX);
    }
}
