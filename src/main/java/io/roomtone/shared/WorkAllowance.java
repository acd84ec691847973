package io.roomtone.shared;

/**
 * How much work no cache answers one caller may ask for: the port through which a module counts
 * such work just before doing it. The platform implements it with its rate limits (anonymous
 * callers per client address); without an implementation nothing is counted.
 */
public interface WorkAllowance {

    /** Counted work. */
    enum Work {
        /** An availability search whose answer is computed rather than read from the answer cache. */
        UNCACHED_SEARCH
    }

    /**
     * Counts one {@code work} for the current caller.
     *
     * @throws RoomtoneException {@link ProblemCode#RATE_LIMITED}, with {@code retry_after_seconds}
     *     among its properties, when the caller's allowance is used up
     */
    void take(Work work);

    /** Counts nothing: when rate limits are off. */
    WorkAllowance UNLIMITED = work -> {};
}
