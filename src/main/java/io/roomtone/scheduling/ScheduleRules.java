package io.roomtone.scheduling;

import io.roomtone.catalog.Catalog;
import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Patch;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The weekly opening hours of the current studio, its rooms and its staff. */
@Service
public class ScheduleRules {

    private static final String COLUMNS =
            "id, target_type, target_id, byweekday, start_time, end_time, timezone, effective_from, effective_to";

    /** A rule as stored: {@code timezone} is null when the rule follows the studio's zone. */
    private record Stored(
            UUID id,
            TargetType targetType,
            UUID targetId,
            List<Integer> byweekday,
            LocalTime startTime,
            LocalTime endTime,
            String timezone,
            LocalDate effectiveFrom,
            LocalDate effectiveTo) {

        ScheduleRule toRule(ZoneId studioZone) {
            return new ScheduleRule(
                    id,
                    targetType,
                    targetId,
                    byweekday,
                    startTime,
                    endTime,
                    timezone == null ? studioZone : ZoneId.of(timezone),
                    timezone == null,
                    effectiveFrom,
                    effectiveTo);
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Catalog catalog;
    private final Studios studios;

    ScheduleRules(JdbcClient jdbc, AuditTrail audit, Catalog catalog, Studios studios) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.catalog = catalog;
        this.studios = studios;
    }

    /** Every rule of the studio. */
    @Transactional(readOnly = true)
    public List<ScheduleRule> list() {
        return list(null, null);
    }

    /** The rules matching both filters; a {@code null} filter matches anything. */
    @Transactional(readOnly = true)
    public List<ScheduleRule> list(TargetType targetType, UUID targetId) {
        return select(
                """
                AND (CAST(:type AS text) IS NULL OR target_type = :type)
                AND (CAST(:target AS uuid) IS NULL OR target_id = :target)
                """,
                targetType,
                targetId);
    }

    /** The rules of exactly one target: the studio itself ({@code targetId} null), a room or a staff member. */
    @Transactional(readOnly = true)
    public List<ScheduleRule> forTarget(TargetType targetType, UUID targetId) {
        Objects.requireNonNull(targetType, "targetType");
        return select(
                "AND target_type = :type AND target_id IS NOT DISTINCT FROM CAST(:target AS uuid)",
                targetType,
                targetId);
    }

    @Transactional(readOnly = true)
    public Optional<ScheduleRule> find(UUID id) {
        return stored(id, false).map(s -> s.toRule(studios.current().timezone()));
    }

    @Transactional(readOnly = true)
    public ScheduleRule get(UUID id) {
        return find(id).orElseThrow(() -> RoomtoneException.notFound("schedule rule", id));
    }

    @Transactional
    public ScheduleRule create(ScheduleRuleDraft draft) {
        Stored candidate = new Stored(
                null,
                draft.targetType(),
                draft.targetId(),
                draft.byweekday(),
                draft.startTime(),
                draft.endTime(),
                draft.timezone(),
                draft.effectiveFrom(),
                draft.effectiveTo());
        Stored saved = write(check(candidate), null);
        ScheduleRule rule = saved.toRule(studios.current().timezone());
        audit.record("schedule_rule.created", "schedule_rule", rule.id(), null, rule);
        return rule;
    }

    /** Changes the fields present in {@code draft}; the result is checked as a whole. */
    @Transactional
    public ScheduleRule update(UUID id, ScheduleRuleDraft draft) {
        return update(id, draft, Set.of());
    }

    /**
     * Changes the fields present in {@code draft} and clears those named in {@code cleared} (JSON
     * names: {@code target_id}, {@code timezone}, {@code effective_from}, {@code effective_to}); the
     * result is checked as a whole.
     */
    @Transactional
    public ScheduleRule update(UUID id, ScheduleRuleDraft draft, Set<String> cleared) {
        // locked, so that two partial updates cannot each validate against a state the other replaces
        Stored old = stored(id, true).orElseThrow(() -> RoomtoneException.notFound("schedule rule", id));
        return change(id, old, draft, cleared);
    }

    /**
     * Changes a rule only if {@code owner} may: the rule must belong to {@code owner}'s target and
     * stay there (a staff member editing their own hours). Anything else is a 404, as if the rule did
     * not exist.
     */
    @Transactional
    public ScheduleRule updateOwn(TargetType type, UUID target, UUID id, ScheduleRuleDraft draft, Set<String> cleared) {
        Stored old = stored(id, true)
                .filter(s -> s.targetType() == type && target.equals(s.targetId()))
                .orElseThrow(() -> RoomtoneException.notFound("schedule rule", id));
        return change(id, old, draft, cleared);
    }

    private ScheduleRule change(UUID id, Stored old, ScheduleRuleDraft draft, Set<String> cleared) {
        boolean retargeted = draft.targetType() != null && draft.targetType() != old.targetType();
        Stored candidate = new Stored(
                id,
                or(draft.targetType(), old.targetType()),
                retargeted ? draft.targetId() : Patch.resolve(draft.targetId(), old.targetId(), cleared, "target_id"),
                or(draft.byweekday(), old.byweekday()),
                or(draft.startTime(), old.startTime()),
                or(draft.endTime(), old.endTime()),
                Patch.resolve(draft.timezone(), old.timezone(), cleared, "timezone"),
                Patch.resolve(draft.effectiveFrom(), old.effectiveFrom(), cleared, "effective_from"),
                Patch.resolve(draft.effectiveTo(), old.effectiveTo(), cleared, "effective_to"));
        Stored saved = write(check(candidate), id);
        ZoneId studioZone = studios.current().timezone();
        ScheduleRule after = saved.toRule(studioZone);
        audit.record("schedule_rule.updated", "schedule_rule", id, old.toRule(studioZone), after);
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        remove(get(id));
    }

    /** Deletes a rule of {@code owner}'s target only; any other rule is a 404, as if it did not exist. */
    @Transactional
    public void deleteOwn(TargetType type, UUID target, UUID id) {
        remove(find(id).filter(r -> r.targetType() == type && target.equals(r.targetId()))
                .orElseThrow(() -> RoomtoneException.notFound("schedule rule", id)));
    }

    private void remove(ScheduleRule before) {
        UUID id = before.id();
        jdbc.sql("DELETE FROM schedule_rule WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .update();
        audit.record("schedule_rule.deleted", "schedule_rule", id, before, null);
    }

    /** Validates a complete rule and returns it normalized: weekdays sorted, zone in its canonical id. */
    private Stored check(Stored rule) {
        Validation validation = new Validation();
        validation.require(rule.targetType(), "target_type");
        Checks.target(validation, catalog, rule.targetType(), rule.targetId());
        List<Integer> days = rule.byweekday();
        validation.require(days, "byweekday");
        if (days != null) {
            validation.check(!days.isEmpty(), "byweekday", "must name at least one day");
            validation.check(
                    days.stream().allMatch(d -> d != null && d >= 0 && d <= 6),
                    "byweekday",
                    "days must be 0 (Sunday) to 6 (Saturday)");
            validation.check(new HashSet<>(days).size() == days.size(), "byweekday", "must not repeat a day");
        }
        validation.require(rule.startTime(), "start_time");
        validation.require(rule.endTime(), "end_time");
        validation.check(wholeMinutes(rule.startTime()), "start_time", "must be whole minutes (HH:mm)");
        validation.check(wholeMinutes(rule.endTime()), "end_time", "must be whole minutes (HH:mm)");
        // an end before the start is on the next day: 22:00-02:00 belongs to the day it starts
        validation.check(
                rule.startTime() == null
                        || rule.endTime() == null
                        || !rule.endTime().equals(rule.startTime()),
                "end_time",
                "must differ from start_time (an end before the start is on the next day)");
        ZoneId zone = Checks.zone(validation, rule.timezone(), "timezone");
        validation.check(
                rule.effectiveFrom() == null
                        || rule.effectiveTo() == null
                        || !rule.effectiveTo().isBefore(rule.effectiveFrom()),
                "effective_to",
                "must not be before effective_from");
        validation.throwIfInvalid();
        return new Stored(
                rule.id(),
                rule.targetType(),
                rule.targetId(),
                days.stream().sorted().toList(),
                rule.startTime(),
                rule.endTime(),
                zone == null ? null : zone.getId(),
                rule.effectiveFrom(),
                rule.effectiveTo());
    }

    private Stored write(Stored rule, UUID id) {
        String sql = id == null
                ? """
                  INSERT INTO schedule_rule (studio_id, target_type, room_id, staff_id, byweekday, start_time,
                                             end_time, timezone, effective_from, effective_to)
                  VALUES (:studio, :type, :room, :staff, CAST(:days AS smallint[]), :start, :end, :zone, :from, :to)
                  RETURNING %s
                  """
                : """
                  UPDATE schedule_rule
                     SET target_type = :type, room_id = :room, staff_id = :staff,
                         byweekday = CAST(:days AS smallint[]),
                         start_time = :start, end_time = :end, timezone = :zone,
                         effective_from = :from, effective_to = :to, updated_at = now()
                   WHERE studio_id = :studio AND id = :id
                  RETURNING %s
                  """;
        return jdbc.sql(sql.formatted(COLUMNS))
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("type", rule.targetType().json())
                .param("room", rule.targetType() == TargetType.ROOM ? rule.targetId() : null)
                .param("staff", rule.targetType() == TargetType.STAFF ? rule.targetId() : null)
                .param("days", rule.byweekday().toArray(Integer[]::new))
                .param("start", rule.startTime())
                .param("end", rule.endTime())
                .param("zone", rule.timezone())
                .param("from", rule.effectiveFrom())
                .param("to", rule.effectiveTo())
                .query(ScheduleRules::map)
                .single();
    }

    private Optional<Stored> stored(UUID id, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedule_rule WHERE studio_id = :studio AND id = :id"
                        + (lock ? " FOR UPDATE" : ""))
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(ScheduleRules::map)
                .optional();
    }

    private List<ScheduleRule> select(String filter, TargetType targetType, UUID targetId) {
        ZoneId studioZone = studios.current().timezone();
        return jdbc
                .sql("SELECT " + COLUMNS + " FROM schedule_rule WHERE studio_id = :studio " + filter
                        + " ORDER BY target_type, target_id NULLS FIRST, byweekday, start_time, id")
                .param("studio", Tenancy.currentStudioId())
                .param("type", targetType == null ? null : targetType.json())
                .param("target", targetId)
                .query(ScheduleRules::map)
                .stream()
                .map(s -> s.toRule(studioZone))
                .toList();
    }

    private static boolean wholeMinutes(LocalTime time) {
        return time == null || (time.getSecond() == 0 && time.getNano() == 0);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        Short[] days = (Short[]) rs.getArray("byweekday").getArray();
        return new Stored(
                rs.getObject("id", UUID.class),
                TargetType.fromDatabase(rs.getString("target_type")),
                rs.getObject("target_id", UUID.class),
                Arrays.stream(days).map(Short::intValue).toList(),
                rs.getObject("start_time", LocalTime.class),
                rs.getObject("end_time", LocalTime.class),
                rs.getString("timezone"),
                rs.getObject("effective_from", LocalDate.class),
                rs.getObject("effective_to", LocalDate.class));
    }
}
