package io.roomtone.availability;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The studio's catalog and occupancy counters (see V7 and V9), read in one query without a
 * transaction: when both match what a node has cached, a search needs nothing else from the
 * database.
 */
@Component
class StudioVersions {

    record Versions(long catalog, long occupancy) {}

    private final JdbcClient jdbc;

    StudioVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Versions of(UUID studio) {
        return jdbc.sql("SELECT version, occupancy_version FROM catalog_version WHERE studio_id = ?")
                .param(studio)
                .query((rs, row) -> new Versions(rs.getLong(1), rs.getLong(2)))
                .optional()
                .orElse(new Versions(0, 0));
    }
}
