package io.roomtone.availability.engine;

import java.time.Duration;

/**
 * The buffers of a session: for before and after separately, the largest of the service's, the
 * room's and each involved staff member's rule.
 */
record SessionBuffers(Duration before, Duration after) {

    static SessionBuffers of(SearchInput input, Resource room) {
        return new SessionBuffers(
                max(input.serviceBufferBefore(), room.bufferBefore()),
                max(input.serviceBufferAfter(), room.bufferAfter()));
    }

    SessionBuffers with(Resource staff) {
        return new SessionBuffers(max(before, staff.bufferBefore()), max(after, staff.bufferAfter()));
    }

    /**
     * The starts {@code s} of sessions of {@code length} whose blocked range {@code [s - before, s +
     * length + after)} overlaps {@code busy}: for a busy range {@code [b, e)} that is {@code b - length
     * - after < s < e + before}, i.e. {@code [b - length - after + 1, e + before)} in nanoseconds.
     */
    Intervals startsClashingWith(Intervals busy, long length) {
        return busy.grow(length + Timeline.length(after) - 1, Timeline.length(before));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
