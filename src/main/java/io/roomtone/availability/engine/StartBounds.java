package io.roomtone.availability.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The earliest and latest start a client may book: now plus the lead time, now plus the horizon.
 *
 * @param earliest no slot starts before this
 * @param latest no slot starts after this
 */
public record StartBounds(Instant earliest, Instant latest) {

    /** The bounds at exactly {@code now}, as a booking is judged. */
    public static StartBounds at(Instant now, Duration lead, Duration horizon) {
        return new StartBounds(now.plus(lead), now.plus(horizon));
    }

    /**
     * The same bounds for every instant of {@code now}'s minute. Candidate starts are whole minutes
     * (local midnight plus whole steps), so "start ≥ now + lead" is "start ≥ the next whole minute +
     * lead" (this one when {@code now} is on it), and "start ≤ now + horizon" is "start ≤ this minute +
     * horizon": the answer is the exact one, yet it can be reused for the rest of the minute.
     */
    public static StartBounds forMinute(Instant now, Duration lead, Duration horizon) {
        Instant minute = minuteOf(now);
        Instant next = now.equals(minute) ? minute : minute.plus(Duration.ofMinutes(1));
        return new StartBounds(next.plus(lead), minute.plus(horizon));
    }

    /**
     * Until when an answer over the starts in [{@code from}, {@code to}), computed at {@code now} with
     * {@link #forMinute} bounds, stays exact. While neither bound cuts the range it is the answer
     * without bounds, until now + lead passes {@code from}; otherwise it holds for the rest of the
     * minute (and only for {@code now} itself when that is on the minute).
     */
    public static Instant answerValidUntil(Instant now, Duration lead, Duration horizon, Instant from, Instant to) {
        StartBounds bounds = forMinute(now, lead, horizon);
        if (!bounds.earliest().isAfter(from) && !bounds.latest().isBefore(to)) {
            return from.minus(lead).plusNanos(1);
        }
        Instant minute = minuteOf(now);
        return now.equals(minute) ? now.plusNanos(1) : minute.plus(Duration.ofMinutes(1));
    }

    static Instant minuteOf(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES);
    }
}
