package io.roomtone.availability.internal;

import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Services;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Tenancy;
import io.roomtone.scheduling.BufferRules;
import io.roomtone.scheduling.Closures;
import io.roomtone.scheduling.ScheduleRules;
import io.roomtone.scheduling.StudioPolicies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Caches each studio's {@link CatalogSnapshot} and reloads it when the studio's
 * {@code catalog_version} (incremented by triggers on every change) moves. Callers read the version
 * before asking, so a snapshot is never older than the version it is filed under.
 */
@Component
class CatalogSnapshots {

    /** Closures that ended before this long ago cannot affect any search (lead time is never negative). */
    private static final Duration PAST = Duration.ofDays(2);

    private final Map<UUID, CatalogSnapshot> cache = new ConcurrentHashMap<>();
    private final TransactionOperations readOnly;
    private final StudioPolicies policies;
    private final Rooms rooms;
    private final Services services;
    private final StaffMembers staff;
    private final ScheduleRules rules;
    private final Closures closures;
    private final BufferRules buffers;
    private final Clock clock;

    CatalogSnapshots(
            PlatformTransactionManager transactions,
            StudioPolicies policies,
            Rooms rooms,
            Services services,
            StaffMembers staff,
            ScheduleRules rules,
            Closures closures,
            BufferRules buffers,
            Clock clock) {
        this.readOnly = OccupancyCache.readOnly(transactions);
        this.policies = policies;
        this.rooms = rooms;
        this.services = services;
        this.staff = staff;
        this.rules = rules;
        this.closures = closures;
        this.buffers = buffers;
        this.clock = clock;
    }

    /** The snapshot of the current studio for {@code version}, loaded (in a transaction) when missing. */
    CatalogSnapshot current(long version) {
        UUID studio = Tenancy.currentStudioId();
        CatalogSnapshot cached = cache.get(studio);
        if (cached != null && cached.sameAs(version)) {
            return cached;
        }
        CatalogSnapshot fresh = readOnly.execute(tx -> load(version));
        cache.put(studio, fresh);
        return fresh;
    }

    private CatalogSnapshot load(long version) {
        Instant recent = clock.instant().minus(PAST);
        return CatalogSnapshot.of(
                version,
                policies.current(),
                rooms.list(false),
                services.list(false),
                staff.list(true),
                rules.list(),
                closures.list().stream().filter(c -> c.endAt().isAfter(recent)).toList(),
                buffers.list());
    }
}
