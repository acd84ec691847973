package io.roomtone.availability;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Caches each studio's {@link CatalogSnapshot} and reloads it when the studio's
 * {@code catalog_version} (incremented by triggers on every change) moves. The version is read
 * before the data, so a snapshot is never older than the version it is filed under.
 */
@Component
class CatalogSnapshots {

    /** Closures that ended before this long ago cannot affect any search (lead time is never negative). */
    private static final Duration PAST = Duration.ofDays(2);

    private final Map<UUID, CatalogSnapshot> cache = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final StudioPolicies policies;
    private final Rooms rooms;
    private final Services services;
    private final StaffMembers staff;
    private final ScheduleRules rules;
    private final Closures closures;
    private final BufferRules buffers;
    private final Clock clock;

    CatalogSnapshots(
            JdbcClient jdbc,
            StudioPolicies policies,
            Rooms rooms,
            Services services,
            StaffMembers staff,
            ScheduleRules rules,
            Closures closures,
            BufferRules buffers,
            Clock clock) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.rooms = rooms;
        this.services = services;
        this.staff = staff;
        this.rules = rules;
        this.closures = closures;
        this.buffers = buffers;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    CatalogSnapshot current() {
        UUID studio = Tenancy.currentStudioId();
        long version = jdbc.sql("SELECT coalesce((SELECT version FROM catalog_version WHERE studio_id = ?), 0)")
                .param(studio)
                .query(Long.class)
                .single();
        CatalogSnapshot cached = cache.get(studio);
        if (cached != null && cached.sameAs(version)) {
            return cached;
        }
        Instant recent = clock.instant().minus(PAST);
        CatalogSnapshot fresh = CatalogSnapshot.of(
                version,
                policies.current(),
                rooms.list(false),
                services.list(false),
                staff.list(true),
                rules.list(),
                closures.list().stream().filter(c -> c.endAt().isAfter(recent)).toList(),
                buffers.list());
        cache.put(studio, fresh);
        return fresh;
    }
}
