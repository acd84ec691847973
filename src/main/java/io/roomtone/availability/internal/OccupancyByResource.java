package io.roomtone.availability.internal;

import io.roomtone.availability.BlockedRange;
import io.roomtone.shared.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Blocked ranges grouped by resource and sorted by span, as the engine takes them: built once per
 * cached occupancy range, so a search only picks the lists of the rooms and staff it considers.
 *
 * @param holdExpiries the expiry of every hold among the ranges, sorted
 */
record OccupancyByResource(
        Map<BlockedRange.Kind, Map<UUID, List<BlockedRange>>> byResource, List<Instant> holdExpiries) {

    static OccupancyByResource of(List<BlockedRange> ranges) {
        Map<BlockedRange.Kind, Map<UUID, List<BlockedRange>>> byResource = new EnumMap<>(BlockedRange.Kind.class);
        List<Instant> expiries = new ArrayList<>();
        for (BlockedRange range : ranges) {
            byResource
                    .computeIfAbsent(range.kind(), k -> new HashMap<>())
                    .computeIfAbsent(range.resourceId(), k -> new ArrayList<>())
                    .add(range);
            if (range.expiresAt() != null) {
                expiries.add(range.expiresAt());
            }
        }
        byResource
                .values()
                .forEach(lists -> lists.replaceAll((id, list) -> {
                    list.sort(Comparator.comparing(BlockedRange::span));
                    return List.copyOf(list);
                }));
        expiries.sort(null);
        return new OccupancyByResource(byResource, List.copyOf(expiries));
    }

    /** What blocks one room or staff member at {@code now}, sorted, leaving out {@code ignoring}'s ranges. */
    List<TimeRange> ranges(BlockedRange.Kind kind, UUID id, Instant now, Set<UUID> ignoring) {
        List<BlockedRange> ranges = byResource.getOrDefault(kind, Map.of()).getOrDefault(id, List.of());
        List<TimeRange> spans = new ArrayList<>(ranges.size());
        for (BlockedRange range : ranges) {
            if (range.countsAt(now) && !ignoring.contains(range.ownerId())) {
                spans.add(range.span());
            }
        }
        return spans;
    }

    /** When the first hold that counts at {@code now} stops counting; {@link Instant#MAX} if none does. */
    Instant firstExpiryAfter(Instant now) {
        for (Instant expiry : holdExpiries) {
            if (expiry.isAfter(now)) {
                return expiry;
            }
        }
        return Instant.MAX;
    }
}
