package io.roomtone.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.RoomtoneTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every tenant table (one with a {@code studio_id} column) has a primary key, and its primary key,
 * unique and exclusion constraints and every other index lead with {@code studio_id} (DESIGN.md,
 * Data): a studio's rows then sit together in every index, and distributing the tables by studio
 * (Citus requires unique constraints to contain the distribution column) stays possible. Read from
 * the migrated schema itself, so a new table or index that forgets it fails here.
 */
@RoomtoneTest
class TenantKeysTests {

    /**
     * Deliberate exceptions, each with its reason: a table name exempts the whole table, an index or
     * constraint name only that index.
     */
    static final Map<String, String> EXCEPTIONS = Map.of(
            // Session and invitation tokens are looked up by their digest alone, before the request's
            // studio is known (so, like idempotency keys, outside row-level security); the expiry index
            // serves the clean-up job, which runs for all studios at once. On a distributed
            // installation it stays a local table of the coordinator.
            "auth_token", "looked up by digest before the studio is known");

    @Autowired
    JdbcClient jdbc;

    /** One line per key or index that does not lead with studio_id, and per tenant table without a key. */
    List<String> violations() {
        return jdbc
                .sql(
                        """
                        WITH tenant AS (
                            SELECT c.oid, c.relname, a.attnum AS studio_attnum
                              FROM pg_class c
                              JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
                              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'studio_id'
                                                 AND NOT a.attisdropped
                             WHERE c.relkind IN ('r', 'p')
                        )
                        SELECT t.relname AS table_name, t.relname AS name, 'has no primary key' AS problem
                          FROM tenant t
                         WHERE NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = t.oid AND i.indisprimary)
                        UNION ALL
                        SELECT t.relname, ic.relname,
                               CASE WHEN i.indisprimary THEN 'primary key'
                                    WHEN i.indisexclusion THEN 'exclusion constraint'
                                    WHEN i.indisunique THEN 'unique index'
                                    ELSE 'index' END
                               || ' does not lead with studio_id: ' || pg_get_indexdef(i.indexrelid)
                          FROM tenant t
                          JOIN pg_index i ON i.indrelid = t.oid
                          JOIN pg_class ic ON ic.oid = i.indexrelid
                         WHERE i.indkey[0] <> t.studio_attnum -- 0 for an expression
                         ORDER BY 1, 2
                        """)
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list()
                .stream()
                .filter(v -> !EXCEPTIONS.containsKey(v[0]) && !EXCEPTIONS.containsKey(v[1]))
                .map(v -> v[0] + ": " + v[2])
                .toList();
    }

    @Test
    void tenantKeysAndIndexesLeadWithStudioId() {
        assertThat(violations()).as("tenant keys and indexes").isEmpty();
    }

    @Test
    void theCheckSeesTenantTables() {
        List<String> tenantTables = jdbc.sql(
                        """
                        SELECT c.relname FROM pg_class c
                          JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
                          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'studio_id'
                         WHERE c.relkind IN ('r', 'p')
                        """)
                .query(String.class)
                .list();
        assertThat(tenantTables)
                .as("a check that finds no table would pass vacuously")
                .contains("app_user", "room", "schedule_rule", "booking", "occupancy")
                .doesNotContain("studio", "event_publication", "rate_limit_bucket", "idempotency_key");
        List<String> relations = jdbc.sql(
                        "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace")
                .query(String.class)
                .list();
        assertThat(EXCEPTIONS.keySet())
                .as("exceptions name existing tables or indexes")
                .isSubsetOf(relations);
    }
}
