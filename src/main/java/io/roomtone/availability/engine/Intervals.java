package io.roomtone.availability.engine;

import io.roomtone.shared.TimeRange;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of points on a {@link Timeline}, kept as sorted, disjoint half-open intervals
 * {@code [start, end)}. Intervals that touch are merged, so "a single contiguous piece" of a set is
 * exactly one of its intervals. Every operation is linear in the sizes of its operands (or
 * logarithmic for the point queries); nothing is ever scanned per candidate.
 */
final class Intervals {

    static final Intervals EMPTY = new Intervals(new long[0], 0);

    /** start0, end0, start1, end1, ... of {@code count} normalized intervals. */
    private final long[] bounds;

    private final int count;

    private Intervals(long[] bounds, int count) {
        this.bounds = bounds;
        this.count = count;
    }

    /** The union of {@code spans} (closures or blocked ranges), whatever their order. */
    static Intervals of(List<TimeRange> spans, Timeline timeline) {
        int n = spans.size();
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = timeline.at(spans.get(i).start());
            ends[i] = timeline.at(spans.get(i).end());
        }
        return Intervals.union(starts, ends, n);
    }

    /**
     * The union of {@code n} possibly overlapping, unsorted intervals {@code [starts[i], ends[i])}.
     * The arrays are sorted in place. Sorting starts and ends independently is enough for a union:
     * a point is covered while more starts than ends lie at or before it.
     */
    static Intervals union(long[] starts, long[] ends, int n) {
        Arrays.sort(starts, 0, n);
        Arrays.sort(ends, 0, n);
        Builder out = new Builder(n);
        int i = 0;
        int j = 0;
        int open = 0;
        long from = 0;
        while (i < n) {
            // Starts before ends at the same point, so that touching intervals merge.
            if (starts[i] <= ends[j]) {
                if (open++ == 0) {
                    from = starts[i];
                }
                i++;
            } else {
                if (--open == 0) {
                    out.add(from, ends[j]);
                }
                j++;
            }
        }
        // All starts are consumed; the remaining ends close the last piece at the largest end.
        if (open > 0) {
            out.add(from, ends[n - 1]);
        }
        return out.build();
    }

    int size() {
        return count;
    }

    /** These intervals as instants again. */
    java.util.List<TimeRange> ranges(Timeline timeline) {
        java.util.List<TimeRange> ranges = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ranges.add(new TimeRange(timeline.instant(start(i)), timeline.instant(end(i))));
        }
        return ranges;
    }

    boolean isEmpty() {
        return count == 0;
    }

    long start(int i) {
        return bounds[2 * i];
    }

    long end(int i) {
        return bounds[2 * i + 1];
    }

    Intervals union(Intervals other) {
        long[] starts = new long[count + other.count];
        long[] ends = new long[starts.length];
        for (int i = 0; i < count; i++) {
            starts[i] = start(i);
            ends[i] = end(i);
        }
        for (int i = 0; i < other.count; i++) {
            starts[count + i] = other.start(i);
            ends[count + i] = other.end(i);
        }
        return union(starts, ends, starts.length);
    }

    Intervals intersect(Intervals other) {
        Builder out = new Builder(count + other.count);
        int i = 0;
        int j = 0;
        while (i < count && j < other.count) {
            long from = Math.max(start(i), other.start(j));
            long to = Math.min(end(i), other.end(j));
            if (from < to) {
                out.add(from, to);
            }
            if (end(i) < other.end(j)) {
                i++;
            } else {
                j++;
            }
        }
        return out.build();
    }

    Intervals minus(Intervals other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        Builder out = new Builder(count + other.count);
        int j = 0;
        for (int i = 0; i < count; i++) {
            long from = start(i);
            long to = end(i);
            while (j < other.count && other.end(j) <= from) {
                j++;
            }
            // Cut every removed piece out of [from, to); k does not advance j, as the last removed
            // piece may reach into the next interval of this set.
            int k = j;
            while (k < other.count && other.start(k) < to) {
                if (other.start(k) > from) {
                    out.add(from, other.start(k));
                }
                from = Math.max(from, other.end(k));
                k++;
            }
            if (from < to) {
                out.add(from, to);
            }
        }
        return out.build();
    }

    /**
     * The starts {@code s} with {@code [s, s + length)} inside a single interval of this set: {@code
     * [start, end - length]}, i.e. the half-open {@code [start, end - length + 1)} on the nanosecond
     * grid. Still normalized: each interval only shrinks from its end.
     */
    Intervals startsFitting(long length) {
        Builder out = new Builder(count);
        for (int i = 0; i < count; i++) {
            if (end(i) - start(i) >= length) {
                out.add(start(i), end(i) - length + 1);
            }
        }
        return out.build();
    }

    /** Every interval grown to {@code [start - before, end + after)} (non-negative amounts). */
    Intervals grow(long before, long after) {
        Builder out = new Builder(count);
        for (int i = 0; i < count; i++) {
            out.add(start(i) - before, end(i) + after);
        }
        return out.build();
    }

    /** Whether {@code [from, to)} lies inside a single interval of this set. */
    boolean contains(long from, long to) {
        int i = lastStartingAtOrBefore(from);
        return i >= 0 && to <= end(i);
    }

    /** Whether {@code [from, to)} shares a point with this set. */
    boolean overlaps(long from, long to) {
        int i = firstEndingAfter(from);
        return i < count && start(i) < to;
    }

    /** The index of the last interval starting at or before {@code at}, or -1. */
    private int lastStartingAtOrBefore(long at) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start(mid) <= at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** The index of the first interval ending after {@code at}, or {@code count}. */
    private int firstEndingAfter(long at) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end(mid) <= at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : ", ")
                    .append('[')
                    .append(start(i))
                    .append(", ")
                    .append(end(i))
                    .append(')');
        }
        return text.append('}').toString();
    }

    /** Appends intervals in ascending order, merging those that overlap or touch the last one. */
    static final class Builder {

        private long[] bounds;
        private int count;

        Builder(int expected) {
            bounds = new long[Math.max(2, 2 * expected)];
        }

        Builder add(long start, long end) {
            if (start >= end) {
                return this;
            }
            if (count > 0 && start <= bounds[2 * count - 1]) {
                bounds[2 * count - 1] = Math.max(bounds[2 * count - 1], end);
                return this;
            }
            if (2 * count == bounds.length) {
                bounds = Arrays.copyOf(bounds, 2 * bounds.length);
            }
            bounds[2 * count] = start;
            bounds[2 * count + 1] = end;
            count++;
            return this;
        }

        Intervals build() {
            return count == 0 ? EMPTY : new Intervals(bounds, count);
        }
    }
}
