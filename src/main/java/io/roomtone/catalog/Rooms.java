package io.roomtone.catalog;

import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Patch;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The rooms of the current studio. */
@Service
public class Rooms {

    private static final String COLUMNS = "id, name, description, capacity, tags, equipment, color, active";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    Rooms(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<Room> list(boolean activeOnly) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM room WHERE studio_id = :studio AND (active OR NOT :activeOnly) ORDER BY lower(name)")
                .param("studio", Tenancy.currentStudioId())
                .param("activeOnly", activeOnly)
                .query(Rooms::map)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Room> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM room WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(Rooms::map)
                .optional();
    }

    @Transactional(readOnly = true)
    public Room get(UUID id) {
        return find(id).orElseThrow(() -> RoomtoneException.notFound("room", id));
    }

    @Transactional
    public Room create(RoomDraft draft) {
        check(draft, true);
        requireUniqueName(draft.name(), null);
        Room room = jdbc.sql(
                        """
                        INSERT INTO room (studio_id, name, description, capacity, tags, equipment, color, active)
                        VALUES (:studio, :name, :description, :capacity, :tags, :equipment, :color, coalesce(:active, true))
                        RETURNING id, name, description, capacity, tags, equipment, color, active
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("name", draft.name().strip())
                .param("description", draft.description())
                .param("capacity", draft.capacity())
                .param("tags", Rows.textArray(Rows.orEmpty(Labels.tags(draft.tags()))))
                .param("equipment", Rows.textArray(Rows.orEmpty(Labels.items(draft.equipment()))))
                // an empty colour means none, as on update (the table's CHECK refuses '')
                .param("color", draft.color() == null || draft.color().isEmpty() ? null : draft.color())
                .param("active", draft.active())
                .query(Rooms::map)
                .single();
        audit.record("room.created", "room", room.id(), null, room);
        return room;
    }

    /** Changes the fields present in {@code draft}. */
    @Transactional
    public Room update(UUID id, RoomDraft draft) {
        return update(id, draft, Set.of());
    }

    /**
     * Changes the fields present in {@code draft} and clears those named in {@code cleared} (JSON
     * names: {@code description}, {@code capacity}, {@code tags}, {@code equipment}, {@code color}).
     */
    @Transactional
    public Room update(UUID id, RoomDraft draft, Set<String> cleared) {
        // locked, so that concurrent partial updates each start from the other's result
        Room before = jdbc.sql("SELECT " + COLUMNS + " FROM room WHERE studio_id = :studio AND id = :id FOR UPDATE")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(Rooms::map)
                .optional()
                .orElseThrow(() -> RoomtoneException.notFound("room", id));
        RoomDraft candidate = new RoomDraft(
                Patch.resolve(draft.name(), before.name(), cleared, "name"),
                Patch.resolve(draft.description(), before.description(), cleared, "description"),
                Patch.resolve(draft.capacity(), before.capacity(), cleared, "capacity"),
                Patch.resolve(draft.tags(), before.tags(), cleared, "tags"),
                Patch.resolve(draft.equipment(), before.equipment(), cleared, "equipment"),
                Patch.resolve(draft.color(), before.color(), cleared, "color"),
                Patch.resolve(draft.active(), before.active(), cleared, "active"));
        check(candidate, true);
        if (draft.name() != null) {
            requireUniqueName(candidate.name(), id);
        }
        Room after = jdbc.sql(
                        """
                        UPDATE room
                           SET name = :name, description = :description, capacity = :capacity, tags = :tags,
                               equipment = :equipment, color = :color, active = :active, updated_at = now()
                         WHERE studio_id = :studio AND id = :id
                        RETURNING id, name, description, capacity, tags, equipment, color, active
                        """)
                .param("name", candidate.name().strip())
                .param("description", candidate.description())
                .param("capacity", candidate.capacity())
                .param("tags", Rows.textArray(Rows.orEmpty(Labels.tags(candidate.tags()))))
                .param("equipment", Rows.textArray(Rows.orEmpty(Labels.items(candidate.equipment()))))
                .param("color", candidate.color() == null || candidate.color().isEmpty() ? null : candidate.color())
                .param("active", candidate.active())
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(Rooms::map)
                .single();
        audit.record("room.updated", "room", id, before, after);
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        Room before = get(id);
        // its schedule rules, closures and buffer go with it: their foreign keys cascade
        events.publishEvent(new CatalogRemoved(CatalogRemoved.Kind.ROOM, id));
        jdbc.sql("DELETE FROM room WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .update();
        audit.record("room.deleted", "room", id, before, null);
    }

    private static void check(RoomDraft draft, boolean creating) {
        Validation validation = new Validation();
        if (creating) {
            validation.require(draft.name(), "name");
        }
        validation.check(draft.name() == null || !draft.name().isBlank(), "name", "must not be blank");
        Labels.checkText(validation, draft.name(), "name", 100);
        Labels.checkText(validation, draft.description(), "description", 2000);
        validation.check(
                draft.capacity() == null || (draft.capacity() >= 1 && draft.capacity() <= 1000),
                "capacity",
                "must be between 1 and 1000");
        Labels.checkList(validation, draft.tags(), "tags");
        Labels.checkList(validation, draft.equipment(), "equipment");
        Labels.checkColor(validation, draft.color());
        validation.throwIfInvalid();
    }

    private void requireUniqueName(String name, UUID except) {
        boolean taken = jdbc.sql(
                        """
                        SELECT EXISTS (SELECT 1 FROM room
                                        WHERE studio_id = :studio AND lower(name) = lower(:name)
                                          AND id IS DISTINCT FROM :except)
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("name", name.strip())
                .param("except", except)
                .query(Boolean.class)
                .single();
        if (taken) {
            throw RoomtoneException.conflict("A room named '" + name.strip() + "' already exists.");
        }
    }

    static Room map(ResultSet rs, int row) throws SQLException {
        return new Room(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                Rows.integer(rs, "capacity"),
                Rows.strings(rs, "tags"),
                Rows.strings(rs, "equipment"),
                rs.getString("color"),
                rs.getBoolean("active"));
    }
}
