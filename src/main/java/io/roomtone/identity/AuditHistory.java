package io.roomtone.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log of one thing (a booking, a client) as a timeline: who did what, when, and which
 * fields changed. What {@link AuditTrail} wrote, read for other modules' pages; the whole log's
 * pages are the audit API's.
 */
@Service
public class AuditHistory {

    /** The most entries one timeline shows; a booking's life is far shorter. */
    public static final int LIMIT = 500;

    /** One field that changed, both values as text ({@code null} when absent). */
    public record Change(String field, String before, String after) {}

    /** One entry, oldest first in a timeline. */
    public record Entry(Instant at, String actor, String action, List<Change> changes) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The entries about {@code entity} {@code entityId} of the current studio, oldest first. */
    @Transactional(readOnly = true)
    public List<Entry> of(String entity, UUID entityId) {
        return jdbc.sql(
                        """
                        SELECT created_at, actor, action, diff::text AS diff FROM audit_log
                         WHERE studio_id = :studio AND entity = :entity AND entity_id = :id
                         ORDER BY created_at, id
                         LIMIT :limit
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("entity", entity)
                .param("id", entityId)
                .param("limit", LIMIT)
                .query((rs, row) -> new Entry(
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        changes(json.readTree(rs.getString("diff")))))
                .list();
    }

    private static List<Change> changes(JsonNode diff) {
        List<Change> changes = new ArrayList<>();
        diff.propertyNames().forEach(field -> {
            JsonNode change = diff.get(field);
            changes.add(new Change(field, text(change.get("before")), text(change.get("after"))));
        });
        return changes;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
