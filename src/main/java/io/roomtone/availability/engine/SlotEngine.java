package io.roomtone.availability.engine;

import io.roomtone.availability.Slot;
import io.roomtone.availability.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The availability rules of a studio, as pure functions of their input. No Spring, no I/O. */
public final class SlotEngine {

    private SlotEngine() {}

    /** Every free slot of the search, sorted by start, then by the order of {@code input.rooms()}. */
    public static List<Slot> search(SearchInput input) {
        validate(input);
        return SlotSearch.run(input);
    }

    /**
     * Whether the session {@code [start, end)} in {@code roomId} with {@code staffIds} (empty: choose
     * one when an engineer is required) can be booked. With {@code overrideHours} an admin books
     * outside opening hours, lead time and horizon; overlaps are refused all the same.
     */
    public static Verdict check(
            SearchInput input, UUID roomId, Instant start, Instant end, List<UUID> staffIds, boolean overrideHours) {
        validate(input);
        return SessionCheck.run(input, roomId, start, end, staffIds, overrideHours);
    }

    /** Inputs the rules make no sense for are the caller's bug, not a refusal. */
    private static void validate(SearchInput input) {
        if (input.duration().isNegative() || input.duration().isZero()) {
            throw new IllegalArgumentException("A session lasts a positive duration: " + input.duration());
        }
        if (input.stepMinutes() < 1) {
            throw new IllegalArgumentException("The step is at least a minute: " + input.stepMinutes());
        }
        if (input.serviceBufferBefore().isNegative()
                || input.serviceBufferAfter().isNegative()) {
            throw new IllegalArgumentException("SessionBuffers are not negative");
        }
        for (List<Resource> targets : List.of(input.rooms(), input.staff())) {
            for (Resource target : targets) {
                if (target.bufferBefore().isNegative() || target.bufferAfter().isNegative()) {
                    throw new IllegalArgumentException("SessionBuffers are not negative: " + target.id());
                }
            }
        }
    }
}
