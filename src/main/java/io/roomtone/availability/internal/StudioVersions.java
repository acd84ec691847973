package io.roomtone.availability.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The studio's catalog and occupancy counters (see V7, V9 and {@link OccupancyAnnouncer}). While {@link VersionFeed} listens for
 * their changes, a node keeps the counters it has read and a search needs nothing from the database;
 * otherwise each search reads them in one query without a transaction.
 *
 * <p>Kept counters are dropped on every notification of the studio, on every read-write commit of
 * this node (see {@link LocalCommits}, so a client's next search sees their own booking however
 * late the notification is), and all of them whenever the feed stops or (re)starts listening.
 */
@Component
class StudioVersions {

    record Versions(long catalog, long occupancy) {}

    private final JdbcClient jdbc;
    private final Map<UUID, Versions> known = new ConcurrentHashMap<>();
    /**
     * Moves before every drop: a read is kept only if no drop began since it started, so a read that
     * raced with a change can never be kept after the change was announced.
     */
    private final AtomicLong drops = new AtomicLong();

    private volatile boolean listening;

    StudioVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The counters as kept, or as read when none are kept: for searches. */
    Versions of(UUID studio) {
        Versions kept = known.get(studio);
        if (kept != null) {
            return kept;
        }
        long before = drops.get();
        Versions read = read(studio);
        if (listening) {
            // atomic with drop(): either this sees the drop's count, or the drop removes what it keeps
            known.compute(studio, (id, current) -> drops.get() == before ? read : current);
        }
        return read;
    }

    /**
     * The counters as the database has them now: for checking a booking, which must not wait for a
     * notification from another node.
     */
    Versions read(UUID studio) {
        return jdbc.sql("SELECT version, occupancy_version FROM catalog_version WHERE studio_id = ?")
                .param(studio)
                .query((rs, row) -> new Versions(rs.getLong(1), rs.getLong(2)))
                .optional()
                .orElse(new Versions(0, 0));
    }

    void drop(UUID studio) {
        drops.incrementAndGet();
        known.remove(studio);
    }

    void dropAll() {
        drops.incrementAndGet();
        known.clear();
    }

    /** Whether changes are being announced; when they are not, nothing is kept. */
    void listening(boolean listening) {
        if (listening) {
            dropAll();
            this.listening = true;
        } else {
            this.listening = false;
            dropAll();
        }
    }
}
