package io.roomtone.availability.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Makes a failing generated studio as small as it will go while it still fails: greedily drops
 * days, rooms, staff, hours, closures and blocked ranges, and zeroes buffers, one at a time. The
 * studio a failure prints is then a few lines to read instead of the whole generated one.
 */
final class Shrinker {

    /** Enough for the generator's studios; a bound so a slow property cannot hang the report. */
    private static final int MAX_TRIES = 2_000;

    private Shrinker() {}

    static SearchInput shrink(SearchInput failing, Predicate<SearchInput> fails) {
        SearchInput smallest = failing;
        int tries = 0;
        boolean shrunk = true;
        while (shrunk && tries < MAX_TRIES) {
            shrunk = false;
            for (SearchInput candidate : smaller(smallest)) {
                if (++tries > MAX_TRIES) {
                    break;
                }
                if (fails.test(candidate)) {
                    smallest = candidate;
                    shrunk = true;
                    break;
                }
            }
        }
        return smallest;
    }

    private static List<SearchInput> smaller(SearchInput in) {
        List<SearchInput> out = new ArrayList<>();
        if (in.days() > 1) {
            out.add(copy(
                    in,
                    in.firstDate(),
                    in.days() - 1,
                    in.studioHours(),
                    in.studioClosures(),
                    in.rooms(),
                    in.staff(),
                    Duration.ZERO,
                    Duration.ZERO,
                    true));
            out.add(copy(
                    in,
                    in.firstDate().plusDays(1),
                    in.days() - 1,
                    in.studioHours(),
                    in.studioClosures(),
                    in.rooms(),
                    in.staff(),
                    Duration.ZERO,
                    Duration.ZERO,
                    true));
        }
        for (List<Resource> rooms : without(in.rooms())) {
            out.add(copy(in, rooms, in.staff()));
        }
        for (List<Resource> staff : without(in.staff())) {
            out.add(copy(in, in.rooms(), staff));
        }
        for (var hours : without(in.studioHours())) {
            out.add(copy(
                    in,
                    in.firstDate(),
                    in.days(),
                    hours,
                    in.studioClosures(),
                    in.rooms(),
                    in.staff(),
                    Duration.ZERO,
                    Duration.ZERO,
                    true));
        }
        for (var closures : without(in.studioClosures())) {
            out.add(copy(
                    in,
                    in.firstDate(),
                    in.days(),
                    in.studioHours(),
                    closures,
                    in.rooms(),
                    in.staff(),
                    Duration.ZERO,
                    Duration.ZERO,
                    true));
        }
        if (!in.serviceBufferBefore().isZero() || !in.serviceBufferAfter().isZero()) {
            out.add(copy(
                    in,
                    in.firstDate(),
                    in.days(),
                    in.studioHours(),
                    in.studioClosures(),
                    in.rooms(),
                    in.staff(),
                    Duration.ZERO,
                    Duration.ZERO,
                    false));
        }
        for (int i = 0; i < in.rooms().size(); i++) {
            for (Resource room : smaller(in.rooms().get(i))) {
                out.add(copy(in, replace(in.rooms(), i, room), in.staff()));
            }
        }
        for (int i = 0; i < in.staff().size(); i++) {
            for (Resource member : smaller(in.staff().get(i))) {
                out.add(copy(in, in.rooms(), replace(in.staff(), i, member)));
            }
        }
        return out;
    }

    private static List<Resource> smaller(Resource r) {
        List<Resource> out = new ArrayList<>();
        without(r.blocked())
                .forEach(blocked -> out.add(
                        new Resource(r.id(), r.hours(), r.closures(), blocked, r.bufferBefore(), r.bufferAfter())));
        without(r.closures())
                .forEach(closures -> out.add(
                        new Resource(r.id(), r.hours(), closures, r.blocked(), r.bufferBefore(), r.bufferAfter())));
        without(r.hours())
                .forEach(hours -> out.add(
                        new Resource(r.id(), hours, r.closures(), r.blocked(), r.bufferBefore(), r.bufferAfter())));
        if (!r.bufferBefore().isZero() || !r.bufferAfter().isZero()) {
            out.add(new Resource(r.id(), r.hours(), r.closures(), r.blocked(), Duration.ZERO, Duration.ZERO));
        }
        return out;
    }

    /** {@code list} without each one of its elements in turn. */
    private static <T> List<List<T>> without(List<T> list) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            List<T> less = new ArrayList<>(list);
            less.remove(i);
            out.add(List.copyOf(less));
        }
        return out;
    }

    private static <T> List<T> replace(List<T> list, int index, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.set(index, element);
        return List.copyOf(copy);
    }

    private static SearchInput copy(SearchInput in, List<Resource> rooms, List<Resource> staff) {
        return copy(
                in,
                in.firstDate(),
                in.days(),
                in.studioHours(),
                in.studioClosures(),
                rooms,
                staff,
                Duration.ZERO,
                Duration.ZERO,
                true);
    }

    private static SearchInput copy(
            SearchInput in,
            java.time.LocalDate first,
            int days,
            List<WeeklyHours> hours,
            List<io.roomtone.shared.TimeRange> closures,
            List<Resource> rooms,
            List<Resource> staff,
            Duration before,
            Duration after,
            boolean keepServiceBuffers) {
        return new SearchInput(
                first,
                days,
                in.studioZone(),
                hours,
                closures,
                rooms,
                in.engineerRequired(),
                staff,
                in.duration(),
                keepServiceBuffers ? in.serviceBufferBefore() : before,
                keepServiceBuffers ? in.serviceBufferAfter() : after,
                in.stepMinutes(),
                in.earliestStart(),
                in.latestStart(),
                in.priceCents());
    }

    /** Whether {@code property} fails (an assertion or an exception) on an input. */
    /**
     * Fails like the original failure: the property throws the same kind of error. A candidate that
     * fails some other way (a studio the shrinking made odd) is not the same bug, and is not taken.
     */
    static Predicate<SearchInput> failingLike(Consumer<SearchInput> property, Throwable original) {
        return input -> failure(property, input)
                .filter(e -> e.getClass() == original.getClass())
                .isPresent();
    }

    /** What {@code property} throws for {@code input}, if it fails. */
    static Optional<Throwable> failure(Consumer<SearchInput> property, SearchInput input) {
        try {
            property.accept(input);
            return Optional.empty();
        } catch (AssertionError | RuntimeException e) {
            return Optional.of(e);
        }
    }
}
