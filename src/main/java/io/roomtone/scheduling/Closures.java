package io.roomtone.scheduling;

import io.roomtone.catalog.Catalog;
import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Patch;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Closures and blackouts of the current studio (the {@code exceptions} of the API). */
@Service
public class Closures {

    /** Longer closures are almost always a typo in the year; a studio closing for good deletes its rules. */
    static final Duration MAX_SPAN = Duration.ofDays(366);

    private static final String COLUMNS = "id, target_type, target_id, start_at, end_at, reason";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Catalog catalog;

    Closures(JdbcClient jdbc, AuditTrail audit, Catalog catalog) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.catalog = catalog;
    }

    /** Every closure of the studio, earliest first. */
    @Transactional(readOnly = true)
    public List<Closure> list() {
        return overlapping(null, null);
    }

    /**
     * The closures of any target that share a moment with {@code [from, to)}, earliest first; a
     * {@code null} bound is open.
     */
    @Transactional(readOnly = true)
    public List<Closure> overlapping(Instant from, Instant to) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw RoomtoneException.invalid("to", "must be after from");
        }
        return jdbc.sql(
                        "SELECT " + COLUMNS + " FROM schedule_exception WHERE studio_id = :studio"
                                + " AND during && tstzrange(CAST(:from AS timestamptz), CAST(:to AS timestamptz), '[)') ORDER BY start_at, end_at, id")
                .param("studio", Tenancy.currentStudioId())
                .param("from", utc(from))
                .param("to", utc(to))
                .query(Closures::map)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Closure> find(UUID id) {
        return stored(id, false);
    }

    @Transactional(readOnly = true)
    public Closure get(UUID id) {
        return find(id).orElseThrow(() -> RoomtoneException.notFound("exception", id));
    }

    @Transactional
    public Closure create(ClosureDraft draft) {
        Closure candidate =
                new Closure(null, draft.targetType(), draft.targetId(), draft.startAt(), draft.endAt(), draft.reason());
        Closure closure = write(check(candidate), null);
        audit.record("closure.created", "closure", closure.id(), null, closure);
        return closure;
    }

    /** Changes the fields present in {@code draft}; the result is checked as a whole. */
    @Transactional
    public Closure update(UUID id, ClosureDraft draft) {
        return update(id, draft, Set.of());
    }

    /**
     * Changes the fields present in {@code draft} and clears those named in {@code cleared} (JSON
     * names: {@code target_id}, {@code reason}); the result is checked as a whole.
     */
    @Transactional
    public Closure update(UUID id, ClosureDraft draft, Set<String> cleared) {
        Closure old = stored(id, true).orElseThrow(() -> RoomtoneException.notFound("exception", id));
        return change(old, draft, cleared);
    }

    /** The closures of one target (a staff member's own time off), earliest first. */
    @Transactional(readOnly = true)
    public List<Closure> ofTarget(TargetType type, UUID target) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedule_exception WHERE studio_id = :studio"
                        + " AND target_type = :type AND target_id = :target ORDER BY start_at, end_at, id")
                .param("studio", Tenancy.currentStudioId())
                .param("type", type.json())
                .param("target", target)
                .query(Closures::map)
                .list();
    }

    /**
     * Changes a closure only if it belongs to {@code target} (a staff member's own time off); the
     * target itself cannot change. Any other closure is a 404, as if it did not exist.
     */
    @Transactional
    public Closure updateOwn(TargetType type, UUID target, UUID id, ClosureDraft draft, Set<String> cleared) {
        Closure old = stored(id, true)
                .filter(c -> c.targetType() == type && target.equals(c.targetId()))
                .orElseThrow(() -> RoomtoneException.notFound("exception", id));
        return change(old, draft, cleared);
    }

    /** Deletes a closure of {@code target} only; any other is a 404, as if it did not exist. */
    @Transactional
    public void deleteOwn(TargetType type, UUID target, UUID id) {
        Closure closure = find(id).filter(c -> c.targetType() == type && target.equals(c.targetId()))
                .orElseThrow(() -> RoomtoneException.notFound("exception", id));
        delete(closure.id());
    }

    private Closure change(Closure old, ClosureDraft draft, Set<String> cleared) {
        UUID id = old.id();
        boolean retargeted = draft.targetType() != null && draft.targetType() != old.targetType();
        Closure candidate = new Closure(
                id,
                Objects.requireNonNullElse(draft.targetType(), old.targetType()),
                retargeted ? draft.targetId() : Patch.resolve(draft.targetId(), old.targetId(), cleared, "target_id"),
                or(draft.startAt(), old.startAt()),
                or(draft.endAt(), old.endAt()),
                Patch.resolve(draft.reason(), old.reason(), cleared, "reason"));
        Closure after = write(check(candidate), id);
        audit.record("closure.updated", "closure", id, old, after);
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        Closure before = get(id);
        jdbc.sql("DELETE FROM schedule_exception WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .update();
        audit.record("closure.deleted", "closure", id, before, null);
    }

    private Closure check(Closure closure) {
        Validation validation = new Validation();
        validation.require(closure.targetType(), "target_type");
        Checks.target(validation, catalog, closure.targetType(), closure.targetId());
        validation.period(closure.startAt(), "start_at", closure.endAt(), "end_at");
        if (closure.startAt() != null && closure.endAt() != null) {
            validation.check(
                    Duration.between(closure.startAt(), closure.endAt()).compareTo(MAX_SPAN) <= 0,
                    "end_at",
                    "must be at most 366 days after start_at");
        }
        validation.check(
                closure.reason() == null || closure.reason().length() <= 500,
                "reason",
                "must be at most 500 characters");
        validation.throwIfInvalid();
        String reason = closure.reason() == null || closure.reason().isBlank()
                ? null
                : closure.reason().strip();
        return new Closure(
                closure.id(), closure.targetType(), closure.targetId(), closure.startAt(), closure.endAt(), reason);
    }

    private Closure write(Closure closure, UUID id) {
        String sql = id == null
                ? """
                  INSERT INTO schedule_exception (studio_id, target_type, room_id, staff_id, start_at, end_at, reason)
                  VALUES (:studio, :type, :room, :staff, :start, :end, :reason)
                  RETURNING %s
                  """
                : """
                  UPDATE schedule_exception
                     SET target_type = :type, room_id = :room, staff_id = :staff, start_at = :start, end_at = :end,
                         reason = :reason, updated_at = now()
                   WHERE studio_id = :studio AND id = :id
                  RETURNING %s
                  """;
        return jdbc.sql(sql.formatted(COLUMNS))
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("type", closure.targetType().json())
                .param("room", closure.targetType() == TargetType.ROOM ? closure.targetId() : null)
                .param("staff", closure.targetType() == TargetType.STAFF ? closure.targetId() : null)
                .param("start", utc(closure.startAt()))
                .param("end", utc(closure.endAt()))
                .param("reason", closure.reason())
                .query(Closures::map)
                .single();
    }

    private Optional<Closure> stored(UUID id, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedule_exception WHERE studio_id = :studio AND id = :id"
                        + (lock ? " FOR UPDATE" : ""))
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(Closures::map)
                .optional();
    }

    /** The driver binds {@link OffsetDateTime} as timestamptz; it has no binding for {@link Instant}. */
    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Closure map(ResultSet rs, int row) throws SQLException {
        return new Closure(
                rs.getObject("id", UUID.class),
                TargetType.fromDatabase(rs.getString("target_type")),
                rs.getObject("target_id", UUID.class),
                rs.getObject("start_at", OffsetDateTime.class).toInstant(),
                rs.getObject("end_at", OffsetDateTime.class).toInstant(),
                rs.getString("reason"));
    }
}
