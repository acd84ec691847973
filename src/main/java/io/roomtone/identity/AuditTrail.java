package io.roomtone.identity;

import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The studio's audit log. Call it inside the transaction of the change it describes, so that the
 * change and its record commit together or not at all.
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditTrail(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records that the current actor did {@code action} to an entity. {@code before} and {@code after}
     * are the entity's API representations (either may be {@code null}); only changed fields are kept.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String entity, UUID entityId, Object before, Object after) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        UUID actorId = null;
        String actor = "system";
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            actorId = user.id();
            actor = user.getName();
        } else if (authentication != null && authentication.isAuthenticated()) {
            actor = authentication.getName();
        }
        insert(actorId, actor, action, entity, entityId, before, after);
    }

    /**
     * Records a change that no signed-in user made, naming who did ({@code actor}, e.g. a provider's
     * webhook acting on a client's text message), whoever the request is authenticated as.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordBy(String actor, String action, String entity, UUID entityId, Object before, Object after) {
        insert(null, actor, action, entity, entityId, before, after);
    }

    private void insert(
            UUID actorId, String actor, String action, String entity, UUID entityId, Object before, Object after) {
        jdbc.sql(
                        """
                        INSERT INTO audit_log (studio_id, actor_user_id, actor, action, entity, entity_id, diff)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)
                        """)
                .params(
                        Tenancy.currentStudioId(),
                        actorId,
                        actor,
                        action,
                        entity,
                        entityId,
                        json.writeValueAsString(diff(before, after)))
                .update();
    }

    /** {@code {field: {before, after}}} for every field whose value differs. */
    ObjectNode diff(Object before, Object after) {
        JsonNode old = before == null ? json.createObjectNode() : json.valueToTree(before);
        JsonNode now = after == null ? json.createObjectNode() : json.valueToTree(after);
        ObjectNode diff = json.createObjectNode();
        java.util.Set<String> fields = new java.util.TreeSet<>();
        old.propertyNames().forEach(fields::add);
        now.propertyNames().forEach(fields::add);
        for (String field : fields) {
            JsonNode a = old.get(field);
            JsonNode b = now.get(field);
            if (!Objects.equals(a, b)) {
                ObjectNode change = diff.putObject(field);
                change.set("before", a == null ? json.nullNode() : a);
                change.set("after", b == null ? json.nullNode() : b);
            }
        }
        return diff;
    }
}
