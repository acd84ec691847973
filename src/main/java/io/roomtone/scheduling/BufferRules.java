package io.roomtone.scheduling;

import io.roomtone.catalog.Catalog;
import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The buffer rules of the current studio: at most one per room, service or staff member. */
@Service
public class BufferRules {

    private static final String COLUMNS = "id, scope, target_id, before_min, after_min";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Catalog catalog;

    BufferRules(JdbcClient jdbc, AuditTrail audit, Catalog catalog) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.catalog = catalog;
    }

    @Transactional(readOnly = true)
    public List<BufferRule> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM buffer_rule WHERE studio_id = ? ORDER BY scope, target_id")
                .param(Tenancy.currentStudioId())
                .query(BufferRules::map)
                .list();
    }

    /** The buffer of one room, service or staff member, if it has one (none means no buffer). */
    @Transactional(readOnly = true)
    public Optional<BufferRule> forTarget(BufferScope scope, UUID targetId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM buffer_rule WHERE studio_id = ? AND scope = ? AND target_id = ?")
                .params(Tenancy.currentStudioId(), scope.json(), targetId)
                .query(BufferRules::map)
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<BufferRule> find(UUID id) {
        return stored(id, false);
    }

    @Transactional(readOnly = true)
    public BufferRule get(UUID id) {
        return find(id).orElseThrow(() -> RoomtoneException.notFound("buffer", id));
    }

    @Transactional
    public BufferRule create(BufferRuleDraft draft) {
        BufferRuleDraft candidate =
                new BufferRuleDraft(draft.scope(), draft.targetId(), or(draft.beforeMin(), 0), or(draft.afterMin(), 0));
        check(candidate, null);
        BufferRule buffer = jdbc.sql(
                        """
                        INSERT INTO buffer_rule (studio_id, scope, room_id, service_id, staff_id, before_min, after_min)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        RETURNING id, scope, target_id, before_min, after_min
                        """)
                .params(
                        Tenancy.currentStudioId(),
                        candidate.scope().json(),
                        typed(candidate, BufferScope.ROOM),
                        typed(candidate, BufferScope.SERVICE),
                        typed(candidate, BufferScope.STAFF),
                        candidate.beforeMin(),
                        candidate.afterMin())
                .query(BufferRules::map)
                .single();
        audit.record("buffer_rule.created", "buffer_rule", buffer.id(), null, buffer);
        return buffer;
    }

    /** Changes the fields present in {@code draft}; the result is checked as a whole. */
    @Transactional
    public BufferRule update(UUID id, BufferRuleDraft draft) {
        BufferRule old = stored(id, true).orElseThrow(() -> RoomtoneException.notFound("buffer", id));
        BufferRuleDraft candidate = new BufferRuleDraft(
                or(draft.scope(), old.scope()),
                or(draft.targetId(), old.targetId()),
                or(draft.beforeMin(), old.beforeMin()),
                or(draft.afterMin(), old.afterMin()));
        check(candidate, id);
        BufferRule after = jdbc.sql(
                        """
                        UPDATE buffer_rule
                           SET scope = ?, room_id = ?, service_id = ?, staff_id = ?, before_min = ?, after_min = ?,
                               updated_at = now()
                         WHERE studio_id = ? AND id = ?
                        RETURNING id, scope, target_id, before_min, after_min
                        """)
                .params(
                        candidate.scope().json(),
                        typed(candidate, BufferScope.ROOM),
                        typed(candidate, BufferScope.SERVICE),
                        typed(candidate, BufferScope.STAFF),
                        candidate.beforeMin(),
                        candidate.afterMin(),
                        Tenancy.currentStudioId(),
                        id)
                .query(BufferRules::map)
                .single();
        audit.record("buffer_rule.updated", "buffer_rule", id, old, after);
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        BufferRule before = get(id);
        jdbc.sql("DELETE FROM buffer_rule WHERE studio_id = ? AND id = ?")
                .params(Tenancy.currentStudioId(), id)
                .update();
        audit.record("buffer_rule.deleted", "buffer_rule", id, before, null);
    }

    /** The target id in the typed column of {@code scope}, null in the others (a CHECK insists). */
    private static UUID typed(BufferRuleDraft buffer, BufferScope scope) {
        return buffer.scope() == scope ? buffer.targetId() : null;
    }

    private void check(BufferRuleDraft buffer, UUID id) {
        Validation validation = new Validation();
        validation.require(buffer.scope(), "scope");
        validation.require(buffer.targetId(), "target_id");
        if (buffer.scope() != null && buffer.targetId() != null) {
            validation.check(
                    catalog.exists(buffer.scope().catalogKind(), buffer.targetId()),
                    "target_id",
                    "is not a " + buffer.scope().json() + " of this studio");
        }
        Checks.between(validation, buffer.beforeMin(), 0, 1440, "before_min");
        Checks.between(validation, buffer.afterMin(), 0, 1440, "after_min");
        validation.throwIfInvalid();
        // the unique constraint is the guarantee under races; this check gives the usual case a clear message
        forTarget(buffer.scope(), buffer.targetId())
                .filter(other -> !other.id().equals(id))
                .ifPresent(other -> {
                    throw RoomtoneException.conflict("This " + buffer.scope().json() + " already has a buffer rule ("
                            + other.id() + "); change that one instead.");
                });
    }

    private Optional<BufferRule> stored(UUID id, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM buffer_rule WHERE studio_id = ? AND id = ?"
                        + (lock ? " FOR UPDATE" : ""))
                .params(Tenancy.currentStudioId(), id)
                .query(BufferRules::map)
                .optional();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static BufferRule map(ResultSet rs, int row) throws SQLException {
        return new BufferRule(
                rs.getObject("id", UUID.class),
                BufferScope.fromDatabase(rs.getString("scope")),
                rs.getObject("target_id", UUID.class),
                rs.getInt("before_min"),
                rs.getInt("after_min"));
    }
}
