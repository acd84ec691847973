package io.roomtone.availability;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The availability rules of a studio, as pure functions of their input. No Spring, no I/O. */
public final class SlotEngine {

    private SlotEngine() {}

    /** Every free slot of the search, sorted by start, then by the order of {@code input.rooms()}. */
    public static List<Slot> search(SearchInput input) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Whether the session {@code [start, end)} in {@code roomId} with {@code staffIds} (empty: choose
     * one when an engineer is required) can be booked. With {@code overrideHours} an admin books
     * outside opening hours, lead time and horizon; overlaps are refused all the same.
     */
    public static Verdict check(
            SearchInput input, UUID roomId, Instant start, Instant end, List<UUID> staffIds, boolean overrideHours) {
        throw new UnsupportedOperationException("not yet");
    }
}
