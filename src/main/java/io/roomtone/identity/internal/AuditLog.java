package io.roomtone.identity.internal;

import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the studio's audit log, which {@link io.roomtone.identity.AuditTrail} writes. */
@Service
public class AuditLog {

    /** One recorded change; {@code diff} is {@code {field: {before, after}}}. */
    public record Entry(
            UUID id,
            Instant createdAt,
            UUID actorUserId,
            String actor,
            String action,
            String entity,
            UUID entityId,
            JsonNode diff) {}

    /**
     * A page of entries; the next page starts before ({@code nextBefore}, {@code nextBeforeId}), both
     * {@code null} on the last. The id is part of the position because the entries of one transaction
     * share its time: a page ending among them must not skip the rest.
     */
    public record Page(List<Entry> items, Instant nextBefore, UUID nextBeforeId) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Entries of the current studio, newest first, optionally only those about one entity (kind, or
     * kind and id) and after the position ({@code before}, {@code beforeId}) of the previous page's
     * last entry; at most {@code limit} (1 to 500).
     */
    @Transactional(readOnly = true)
    public Page page(String entity, UUID entityId, Instant before, UUID beforeId, int limit) {
        if (limit < 1 || limit > 500) {
            throw RoomtoneException.invalid("limit", "must be between 1 and 500");
        }
        List<Entry> items = jdbc.sql(
                        """
                        SELECT id, created_at, actor_user_id, actor, action, entity, entity_id, diff::text AS diff
                          FROM audit_log
                         WHERE studio_id = :studio
                           AND (CAST(:entity AS text) IS NULL OR entity = :entity)
                           AND (CAST(:entityId AS uuid) IS NULL OR entity_id = :entityId)
                           AND (CAST(:before AS timestamptz) IS NULL
                                OR created_at < :before
                                OR (created_at = :before AND id > CAST(:beforeId AS uuid)))
                         ORDER BY created_at DESC, id
                         LIMIT :limit
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("entity", entity)
                .param("entityId", entityId)
                .param("before", before == null ? null : Timestamp.from(before))
                .param("beforeId", beforeId)
                .param("limit", limit)
                .query((rs, row) -> new Entry(
                        rs.getObject("id", UUID.class),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getObject("actor_user_id", UUID.class),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("entity"),
                        rs.getObject("entity_id", UUID.class),
                        json.readTree(rs.getString("diff"))))
                .list();
        Entry last = items.size() == limit ? items.get(items.size() - 1) : null;
        return new Page(items, last == null ? null : last.createdAt(), last == null ? null : last.id());
    }
}
