package io.roomtone.identity.web;

import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Audit log", description = "Who changed what, and when")
@RestController
@RequestMapping("/api/admin/audit")
class AuditController {

    record Entry(
            UUID id,
            Instant createdAt,
            UUID actorUserId,
            String actor,
            String action,
            String entity,
            UUID entityId,
            JsonNode diff) {}

    record Page(List<Entry> items, Instant nextBefore) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditController(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Operation(
            summary = "Audit entries, newest first",
            description = "Page with `before` = the previous page's `next_before`.")
    @GetMapping
    @Transactional(readOnly = true)
    Page list(
            @RequestParam(required = false) String entity,
            @RequestParam(name = "entity_id", required = false) UUID entityId,
            @RequestParam(required = false) Instant before,
            @RequestParam(defaultValue = "50") int limit) {
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
                           AND (CAST(:before AS timestamptz) IS NULL OR created_at < :before)
                         ORDER BY created_at DESC, id
                         LIMIT :limit
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("entity", entity)
                .param("entityId", entityId)
                .param("before", before == null ? null : java.sql.Timestamp.from(before))
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
        Instant next = items.size() == limit ? items.get(items.size() - 1).createdAt() : null;
        return new Page(items, next);
    }
}
