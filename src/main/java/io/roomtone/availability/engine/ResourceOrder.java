package io.roomtone.availability.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rooms and staff as the engine orders them. */
final class ResourceOrder {

    /**
     * The order of {@link io.roomtone.availability.Slot#staffIds()} and of the automatic choice of an engineer: the order of
     * the ids' text. The text is fixed-width lowercase hex of the two halves, so comparing the halves
     * as unsigned numbers gives the same order without building strings ({@link UUID#compareTo}
     * compares them signed, which differs).
     */
    static final Comparator<Resource> BY_ID = (a, b) -> compare(a.id(), b.id());

    private ResourceOrder() {}

    static int compare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** {@code targets} without repeated ids, in their order (the first of a repeated id wins). */
    static List<Resource> distinct(List<Resource> targets) {
        Map<UUID, Resource> byId = new LinkedHashMap<>();
        for (Resource target : targets) {
            byId.putIfAbsent(target.id(), target);
        }
        return List.copyOf(byId.values());
    }

    static List<Resource> sortedById(List<Resource> targets) {
        List<Resource> sorted = new ArrayList<>(distinct(targets));
        sorted.sort(BY_ID);
        return sorted;
    }

    /** The target with {@code id}, or null. */
    static Resource find(List<Resource> targets, UUID id) {
        for (Resource target : targets) {
            if (target.id().equals(id)) {
                return target;
            }
        }
        return null;
    }
}
