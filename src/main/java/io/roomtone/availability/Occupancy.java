package io.roomtone.availability;

import java.time.Instant;
import java.util.List;

/**
 * What is already taken: the port through which availability reads the blocked ranges of active
 * bookings and unexpired holds. The booking module implements it.
 */
public interface Occupancy {

    /** The current studio's blocked ranges that overlap the time from {@code from} (inclusive) to {@code to} (exclusive). */
    List<BlockedRange> overlapping(Instant from, Instant to);
}
