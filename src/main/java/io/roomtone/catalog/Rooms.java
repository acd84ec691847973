package io.roomtone.catalog;

import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
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
                .param("color", draft.color())
                .param("active", draft.active())
                .query(Rooms::map)
                .single();
        audit.record("room.created", "room", room.id(), null, room);
        return room;
    }

    /** Changes the fields present in {@code draft}. */
    @Transactional
    public Room update(UUID id, RoomDraft draft) {
        Room before = get(id);
        check(draft, false);
        if (draft.name() != null) {
            requireUniqueName(draft.name(), id);
        }
        Room after = jdbc.sql(
                        """
                        UPDATE room
                           SET name = coalesce(:name, name),
                               description = coalesce(:description, description),
                               capacity = coalesce(:capacity, capacity),
                               tags = coalesce(:tags, tags),
                               equipment = coalesce(:equipment, equipment),
                               color = coalesce(:color, color),
                               active = coalesce(:active, active),
                               updated_at = now()
                         WHERE studio_id = :studio AND id = :id
                        RETURNING id, name, description, capacity, tags, equipment, color, active
                        """)
                .param("name", draft.name() == null ? null : draft.name().strip())
                .param("description", draft.description())
                .param("capacity", draft.capacity())
                .param("tags", Rows.textArray(Labels.tags(draft.tags())))
                .param("equipment", Rows.textArray(Labels.items(draft.equipment())))
                .param("color", draft.color())
                .param("active", draft.active())
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
