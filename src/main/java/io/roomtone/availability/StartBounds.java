package io.roomtone.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The earliest and latest start a client may book: now plus the lead time, now plus the horizon.
 *
 * @param earliest no slot starts before this
 * @param latest no slot starts after this
 */
record StartBounds(Instant earliest, Instant latest) {

    /** The bounds at exactly {@code now}, as a booking is judged. */
    static StartBounds at(Instant now, Duration lead, Duration horizon) {
        return new StartBounds(now.plus(lead), now.plus(horizon));
    }

    /**
     * The same bounds for every instant of {@code now}'s minute. Candidate starts are whole minutes
     * (local midnight plus whole steps), so "start ≥ now + lead" is "start ≥ the next whole minute +
     * lead" (this one when {@code now} is on it), and "start ≤ now + horizon" is "start ≤ this minute +
     * horizon": the answer is the exact one, yet it can be reused for the rest of the minute.
     */
    static StartBounds forMinute(Instant now, Duration lead, Duration horizon) {
        Instant minute = minuteOf(now);
        Instant next = now.equals(minute) ? minute : minute.plus(Duration.ofMinutes(1));
        return new StartBounds(next.plus(lead), minute.plus(horizon));
    }

    static Instant minuteOf(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES);
    }
}
