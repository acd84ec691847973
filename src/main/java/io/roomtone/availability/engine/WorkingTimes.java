package io.roomtone.availability.engine;

import io.roomtone.shared.TimeRange;
import java.time.Instant;
import java.util.List;

/**
 * When a room or a staff member can be booked over a range, for showing it (the studio's board):
 * the same {@link WorkingWindows} the search and the check decide by, so the board never shades
 * differently from what a booking is refused for.
 */
public final class WorkingTimes {

    /**
     * {@code open}: when it is open (for a room: the studio and the room both); {@code closed}: its
     * closures (for a room: the studio's too). Both clipped to the range, sorted, disjoint.
     */
    public record Times(List<TimeRange> open, List<TimeRange> closed) {}

    private WorkingTimes() {}

    /** A calculator of rooms' and staff members' times from {@code from} until {@code to} at a studio with these hours. */
    public static Calculator within(
            List<WeeklyHours> studioHours, List<TimeRange> studioClosures, Instant from, Instant to) {
        return new Calculator(studioHours, studioClosures, from, to);
    }

    /** Computes the times of one resource after another over the same range. */
    public static final class Calculator {
        private final Timeline timeline;
        private final WorkingWindows windows;
        private final Intervals range;

        private Calculator(List<WeeklyHours> studioHours, List<TimeRange> studioClosures, Instant from, Instant to) {
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("A range ends after it starts: " + from + " .. " + to);
            }
            this.timeline = new Timeline(from);
            this.windows = new WorkingWindows(studioHours, studioClosures, timeline, from, to);
            this.range = Intervals.of(List.of(new TimeRange(from, to)), timeline);
        }

        public Times room(List<WeeklyHours> hours, List<TimeRange> closures) {
            Resource room =
                    new Resource(null, hours, closures, List.of(), java.time.Duration.ZERO, java.time.Duration.ZERO);
            return new Times(
                    windows.roomOpen(room).ranges(timeline),
                    windows.closures(room).intersect(range).ranges(timeline));
        }

        public Times staff(List<WeeklyHours> hours, List<TimeRange> closures) {
            Resource member =
                    new Resource(null, hours, closures, List.of(), java.time.Duration.ZERO, java.time.Duration.ZERO);
            return new Times(
                    windows.open(member).ranges(timeline),
                    windows.closed(member).intersect(range).ranges(timeline));
        }
    }
}
