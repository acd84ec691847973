package io.roomtone.availability.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The working windows of a studio, its rooms and its staff over one range of instants (rule 2):
 * open hours minus closures, each computed once per search rather than per candidate.
 *
 * <p>A room or staff member without hours of its own follows the studio's hours; a studio without
 * hours is never open, and so neither is anything in it.
 */
final class WorkingWindows {

    private final Timeline timeline;
    private final Instant from;
    private final Instant to;
    private final Intervals studioOpen;
    private final Intervals studioClosed;
    private final Map<List<WeeklyHours>, Intervals> openByHours = new HashMap<>();

    /** OpenHours overlapping {@code [from, to)}, clipped to it. */
    WorkingWindows(SearchInput input, Timeline timeline, Instant from, Instant to) {
        this(input.studioHours(), input.studioClosures(), timeline, from, to);
    }

    WorkingWindows(
            List<WeeklyHours> studioHours,
            List<io.roomtone.shared.TimeRange> studioClosures,
            Timeline timeline,
            Instant from,
            Instant to) {
        this.timeline = timeline;
        this.from = from;
        this.to = to;
        this.studioOpen = OpenHours.within(studioHours, timeline, from, to);
        this.studioClosed = Intervals.of(studioClosures, timeline);
    }

    /** The hours of {@code target}, without its closures. */
    Intervals open(Resource target) {
        if (target.hours().isEmpty()) {
            return studioOpen;
        }
        // Staff and rooms often share the same hours: build each set of hours once.
        return openByHours.computeIfAbsent(target.hours(), hours -> OpenHours.within(hours, timeline, from, to));
    }

    Intervals closed(Resource target) {
        return Intervals.of(target.closures(), timeline);
    }

    /** When the studio and the room are both open. */
    Intervals roomOpen(Resource room) {
        return studioOpen.intersect(open(room));
    }

    /** When the studio and the room are both open and neither is closed. */
    Intervals roomAvailable(Resource room) {
        return roomOpen(room).minus(studioClosed).minus(closed(room));
    }

    /** When the studio (or the room) is closed. */
    Intervals closures(Resource room) {
        return studioClosed.union(closed(room));
    }

    /** When a staff member works and is not away. */
    Intervals staffAvailable(Resource staff) {
        return open(staff).minus(closed(staff));
    }
}
