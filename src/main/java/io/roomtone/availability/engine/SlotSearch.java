package io.roomtone.availability.engine;

import io.roomtone.availability.Slot;
import io.roomtone.shared.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link SlotEngine#search}: instead of testing each candidate against each rule, it computes for
 * every room (and room and staff member pair) the set of starts that satisfy all rules at once, as
 * {@link Intervals}, and then marks the candidates inside those sets. The cost is linear in the
 * working windows and blocked ranges per pair plus a binary search per free piece, not per candidate.
 */
final class SlotSearch {

    private final SearchInput input;
    private final List<Resource> rooms;
    private final List<Resource> staff;
    private final Instant[] starts;
    private final long[] at;
    private final long length;
    private final Timeline timeline;
    private final WorkingWindows windows;

    private SlotSearch(SearchInput input, Instant[] starts) {
        this.input = input;
        this.rooms = ResourceOrder.distinct(input.rooms());
        this.staff = input.engineerRequired() ? ResourceOrder.sortedById(input.staff()) : List.of();
        this.starts = starts;
        this.timeline = new Timeline(starts[0]);
        this.at = new long[starts.length];
        for (int i = 0; i < starts.length; i++) {
            at[i] = timeline.at(starts[i]);
        }
        this.length = Timeline.length(input.duration());
        Instant to = starts[starts.length - 1].plus(input.duration());
        this.windows = new WorkingWindows(input, timeline, starts[0], to);
    }

    static List<Slot> run(SearchInput input) {
        if (input.studioHours().isEmpty()
                || (input.engineerRequired() && input.staff().isEmpty())) {
            return List.of();
        }
        Instant[] starts = CandidateStarts.starts(input);
        return starts.length == 0 ? List.of() : new SlotSearch(input, starts).slots();
    }

    private List<Slot> slots() {
        int roomCount = rooms.size();
        BitSet[] free = new BitSet[roomCount];
        BitSet[][] freeStaff = new BitSet[roomCount][];
        List<Side> staffSides = new ArrayList<>();
        for (Resource member : staff) {
            staffSides.add(new Side(windows.staffAvailable(member), member.blocked()));
        }
        for (int r = 0; r < roomCount; r++) {
            Resource room = rooms.get(r);
            Side roomSide = new Side(windows.roomAvailable(room), room.blocked());
            SessionBuffers roomBuffers = SessionBuffers.of(input, room);
            free[r] = new BitSet(starts.length);
            if (!input.engineerRequired()) {
                mark(roomSide.free(roomBuffers), free[r]);
                continue;
            }
            freeStaff[r] = new BitSet[staff.size()];
            for (int s = 0; s < staff.size(); s++) {
                SessionBuffers buffers = roomBuffers.with(staff.get(s));
                // A session is one interval: it fits a single piece of room ∩ staff windows exactly
                // when it fits a piece of each, so the two sides are computed apart and intersected.
                Intervals ok =
                        roomSide.free(buffers).intersect(staffSides.get(s).free(buffers));
                freeStaff[r][s] = new BitSet(starts.length);
                mark(ok, freeStaff[r][s]);
                free[r].or(freeStaff[r][s]);
            }
        }
        return collect(free, freeStaff);
    }

    /** A room or staff member: the starts its working windows fit, and those clear of its blocked ranges. */
    private final class Side {

        private final Intervals fitting;
        private final Intervals busy;
        // Keyed by buffers, which most rooms and staff share: each is computed once per search.
        private final Map<SessionBuffers, Intervals> free = new HashMap<>();

        Side(Intervals available, List<TimeRange> blocked) {
            this.fitting = available.startsFitting(length);
            this.busy = Intervals.of(blocked, timeline);
        }

        Intervals free(SessionBuffers buffers) {
            return free.computeIfAbsent(buffers, b -> fitting.minus(b.startsClashingWith(busy, length)));
        }
    }

    /** Sets the bit of every candidate start inside {@code ok}. */
    private void mark(Intervals ok, BitSet bits) {
        for (int i = 0; i < ok.size(); i++) {
            for (int c = firstAtOrAfter(ok.start(i)); c < at.length && at[c] < ok.end(i); c++) {
                bits.set(c);
            }
        }
    }

    private int firstAtOrAfter(long point) {
        int lo = 0;
        int hi = at.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (at[mid] < point) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The slots by start, then by room order; the staff of each in the order of {@link #staff}. */
    private List<Slot> collect(BitSet[] free, BitSet[][] freeStaff) {
        BitSet any = new BitSet(starts.length);
        for (BitSet room : free) {
            any.or(room);
        }
        List<Slot> slots = new ArrayList<>();
        for (int c = any.nextSetBit(0); c >= 0; c = any.nextSetBit(c + 1)) {
            Instant end = starts[c].plus(input.duration());
            for (int r = 0; r < rooms.size(); r++) {
                if (!free[r].get(c)) {
                    continue;
                }
                List<UUID> staffIds = new ArrayList<>(staff.size());
                if (freeStaff[r] != null) {
                    for (int s = 0; s < staff.size(); s++) {
                        if (freeStaff[r][s].get(c)) {
                            staffIds.add(staff.get(s).id());
                        }
                    }
                }
                slots.add(new Slot(starts[c], end, rooms.get(r).id(), List.copyOf(staffIds), input.priceCents()));
            }
        }
        return slots;
    }
}
