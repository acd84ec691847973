package io.roomtone.availability.internal;

import io.roomtone.availability.Occupancy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Occupancy of the time ranges searches ask about, cached per studio for one occupancy version:
 * any booking or hold anywhere in the studio moves the version and empties the cache, so a search
 * never sees a taken slot as free (a hold that expires meanwhile is filtered by its expiry).
 */
@Component
class OccupancyCache {

    private static final int MAX_RANGES = 1024;

    private record Range(Instant from, Instant to) {}

    private record Cached(long version, Map<Range, OccupancyByResource> ranges) {}

    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final Occupancy occupancy;
    private final TransactionOperations readOnly;

    OccupancyCache(Occupancy occupancy, PlatformTransactionManager transactions) {
        this.occupancy = occupancy;
        this.readOnly = readOnly(transactions);
    }

    OccupancyByResource overlapping(UUID studio, long version, Instant from, Instant to) {
        Cached cached = cache.get(studio);
        if (!usable(cached, version)) {
            // compute() locks the studio's entry: only when it must change, not on every search
            cached = cache.compute(
                    studio,
                    (id, current) ->
                            usable(current, version) ? current : new Cached(version, new ConcurrentHashMap<>()));
        }
        return cached.ranges()
                .computeIfAbsent(
                        new Range(from, to),
                        w -> OccupancyByResource.of(readOnly.execute(tx -> occupancy.overlapping(w.from(), w.to()))));
    }

    private static boolean usable(Cached cached, long version) {
        return cached != null && cached.version() == version && cached.ranges().size() < MAX_RANGES;
    }

    /** For the cache misses of searches, which otherwise run without a transaction. */
    static TransactionOperations readOnly(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        return template;
    }
}
