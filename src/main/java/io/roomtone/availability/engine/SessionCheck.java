package io.roomtone.availability.engine;

import io.roomtone.availability.Slot;
import io.roomtone.availability.Verdict;
import io.roomtone.availability.Verdict.Bookable;
import io.roomtone.availability.Verdict.Refused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * {@link SlotEngine#check}: the rules of {@link SlotSearch} applied to one session. Invalid requests are
 * refused before taken times: the room, the end, the time (grid, lead time, horizon, hours,
 * closures), the named staff (qualified, working), and only then overlaps with blocked ranges.
 *
 * <p>It agrees with {@link SlotSearch}: a slot that search lists is bookable, with no staff named or
 * with any of the staff it lists, and an aligned start that it does not list is refused.
 */
final class SessionCheck {

    private static final String INVALID = "validation_failed";
    private static final String TAKEN = "slot_unavailable";

    private final SearchInput input;
    private final Resource room;
    private final Timeline timeline;
    private final long to;
    private final Intervals roomBusy;
    private final SessionBuffers roomBuffers;

    private SessionCheck(SearchInput input, Resource room, Instant start, Instant end) {
        this.input = input;
        this.room = room;
        // The session is [0, to) on this timeline.
        this.timeline = new Timeline(start);
        this.to = timeline.at(end);
        this.roomBusy = Intervals.of(room.blocked(), timeline);
        this.roomBuffers = SessionBuffers.of(input, room);
    }

    static Verdict run(
            SearchInput input, UUID roomId, Instant start, Instant end, List<UUID> staffIds, boolean overrideHours) {
        Resource room = ResourceOrder.find(input.rooms(), roomId);
        if (room == null) {
            return new Refused(INVALID, "room_id", "the room cannot host this service or is inactive");
        }
        if (!end.isAfter(start)) {
            return new Refused(INVALID, "end_at", "must be after start_at");
        }
        SessionCheck check = new SessionCheck(input, room, start, end);
        // An override ignores hours and closures altogether, so they are not even built.
        WorkingWindows windows = overrideHours ? null : new WorkingWindows(input, check.timeline, start, end);
        Refused refused = windows == null ? null : check.when(start, windows);
        if (refused != null) {
            return refused;
        }
        List<Resource> named = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(staffIds)) {
            Resource member = ResourceOrder.find(input.staff(), id);
            if (member == null) {
                return new Refused(
                        INVALID, "staff_ids", "staff member " + id + " lacks the required skill or is inactive");
            }
            refused = windows == null ? null : check.working(member, windows);
            if (refused != null) {
                return refused;
            }
            named.add(member);
        }
        return named.isEmpty() ? check.choose(windows) : check.take(named);
    }

    /** The refusal of the time itself (grid, lead time, horizon, hours, closures), or null. */
    private Refused when(Instant start, WorkingWindows windows) {
        if (!CandidateStarts.aligned(start, input)) {
            return new Refused(INVALID, "start_at", "must be on the studio's " + input.stepMinutes() + "-minute grid");
        }
        if (start.isBefore(input.earliestStart())) {
            return new Refused(
                    INVALID, "start_at", "is within the lead time (earliest start " + input.earliestStart() + ")");
        }
        if (start.isAfter(input.latestStart())) {
            return new Refused(
                    INVALID, "start_at", "is beyond the booking horizon (latest start " + input.latestStart() + ")");
        }
        if (!windows.roomOpen(room).contains(0, to)) {
            return new Refused(INVALID, "start_at", "outside opening hours of the studio or the room");
        }
        if (windows.closures(room).overlaps(0, to)) {
            return new Refused(INVALID, "start_at", "during a closure of the studio or the room");
        }
        return null;
    }

    /** The refusal of a named staff member outside their working hours, or null. */
    private Refused working(Resource member, WorkingWindows windows) {
        if (!windows.open(member).contains(0, to)) {
            return new Refused(INVALID, "staff_ids", "staff member " + member.id() + " is not working then");
        }
        if (windows.closed(member).overlaps(0, to)) {
            return new Refused(INVALID, "staff_ids", "staff member " + member.id() + " is away then (closure)");
        }
        return null;
    }

    /** The named staff, all of them, with the buffers of everyone involved. */
    private Verdict take(List<Resource> named) {
        SessionBuffers buffers = roomBuffers;
        for (Resource member : named) {
            buffers = buffers.with(member);
        }
        if (clashes(roomBusy, buffers)) {
            return new Refused(TAKEN, "start_at", "the room is taken then (buffers included)");
        }
        List<UUID> ids = new ArrayList<>();
        for (Resource member : named) {
            if (clashes(Intervals.of(member.blocked(), timeline), buffers)) {
                return new Refused(
                        TAKEN, "staff_ids", "staff member " + member.id() + " is taken then (buffers included)");
            }
            ids.add(member.id());
        }
        return new Bookable(List.copyOf(ids), buffers.before(), buffers.after());
    }

    /**
     * No staff named: none needed, or the first free qualifying one in the order of {@link
     * Slot#staffIds()}. Their working hours count unless {@code windows} is null (override).
     */
    private Verdict choose(WorkingWindows windows) {
        if (clashes(roomBusy, roomBuffers)) {
            return new Refused(TAKEN, "start_at", "the room is taken then (buffers included)");
        }
        if (!input.engineerRequired()) {
            return new Bookable(List.of(), roomBuffers.before(), roomBuffers.after());
        }
        for (Resource member : ResourceOrder.sortedById(input.staff())) {
            if (windows != null && !windows.staffAvailable(member).contains(0, to)) {
                continue;
            }
            SessionBuffers buffers = roomBuffers.with(member);
            if (!clashes(roomBusy, buffers) && !clashes(Intervals.of(member.blocked(), timeline), buffers)) {
                return new Bookable(List.of(member.id()), buffers.before(), buffers.after());
            }
        }
        return new Refused(TAKEN, "staff_ids", "no engineer is free");
    }

    /** Whether the session's blocked range {@code [start - before, end + after)} overlaps {@code busy}. */
    private boolean clashes(Intervals busy, SessionBuffers buffers) {
        return busy.overlaps(-Timeline.length(buffers.before()), to + Timeline.length(buffers.after()));
    }
}
