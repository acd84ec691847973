package io.roomtone.catalog;

import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Studios;
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
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The services and add-ons of the current studio. */
@org.springframework.stereotype.Service
public class Services {

    private static final String COLUMNS =
            """
            id, name, description, default_duration_min, base_price_cents, pricing_model, requires_engineer,
            room_tags, staff_skill_required, is_addon, max_per_day, active, custom_fields::text AS custom_fields, color""";

    private final JdbcClient jdbc;
    private final Studios studios;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    Services(JdbcClient jdbc, Studios studios, AuditTrail audit, ApplicationEventPublisher events, JsonMapper json) {
        this.jdbc = jdbc;
        this.studios = studios;
        this.audit = audit;
        this.events = events;
        this.json = json;
    }

    /** All services by name; {@code activeOnly} for what clients may book. */
    @Transactional(readOnly = true)
    public List<Service> list(boolean activeOnly) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + " FROM service WHERE studio_id = :studio AND (active OR NOT :activeOnly) ORDER BY lower(name)")
                .param("studio", Tenancy.currentStudioId())
                .param("activeOnly", activeOnly)
                .query(mapper())
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Service> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(mapper())
                .optional();
    }

    /** The service {@code id}; a 404 problem when the current studio has none. */
    @Transactional(readOnly = true)
    public Service get(UUID id) {
        return find(id).orElseThrow(() -> RoomtoneException.notFound("service", id));
    }

    @Transactional
    public Service create(ServiceDraft draft) {
        ServiceDraft candidate = new ServiceDraft(
                draft.name(),
                draft.description(),
                draft.defaultDurationMin(),
                draft.basePriceCents(),
                draft.pricingModel() == null ? PricingModel.PER_BLOCK : draft.pricingModel(),
                draft.requiresEngineer() == null ? Boolean.FALSE : draft.requiresEngineer(),
                draft.roomTags(),
                draft.staffSkillRequired(),
                draft.isAddon() == null ? Boolean.FALSE : draft.isAddon(),
                draft.maxPerDay(),
                draft.active() == null ? Boolean.TRUE : draft.active(),
                draft.customFields(),
                draft.color());
        ServiceDraft checked = check(candidate);
        requireUniqueName(checked.name(), null);
        Service service = write(checked, null);
        audit.record("service.created", "service", service.id(), null, service);
        return service;
    }

    /** Changes the fields present in {@code draft}. */
    @Transactional
    public Service update(UUID id, ServiceDraft draft) {
        return update(id, draft, Set.of());
    }

    /**
     * Changes the fields present in {@code draft} and clears those named in {@code cleared} (JSON
     * names: {@code description}, {@code room_tags}, {@code staff_skill_required}, {@code
     * max_per_day}, {@code custom_fields}, {@code color}); the result is checked as a whole.
     */
    @Transactional
    public Service update(UUID id, ServiceDraft draft, Set<String> cleared) {
        // locked, so that concurrent partial updates each start from the other's result
        Service before = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM service WHERE studio_id = :studio AND id = :id FOR UPDATE")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(mapper())
                .optional()
                .orElseThrow(() -> RoomtoneException.notFound("service", id));
        ServiceDraft candidate = new ServiceDraft(
                Patch.resolve(draft.name(), before.name(), cleared, "name"),
                Patch.resolve(draft.description(), before.description(), cleared, "description"),
                Patch.resolve(draft.defaultDurationMin(), before.defaultDurationMin(), cleared, "default_duration_min"),
                Patch.resolve(draft.basePriceCents(), before.basePriceCents(), cleared, "base_price_cents"),
                Patch.resolve(draft.pricingModel(), before.pricingModel(), cleared, "pricing_model"),
                Patch.resolve(draft.requiresEngineer(), before.requiresEngineer(), cleared, "requires_engineer"),
                Patch.resolve(draft.roomTags(), before.roomTags(), cleared, "room_tags"),
                Patch.resolve(draft.staffSkillRequired(), before.staffSkillRequired(), cleared, "staff_skill_required"),
                Patch.resolve(draft.isAddon(), before.isAddon(), cleared, "is_addon"),
                Patch.resolve(draft.maxPerDay(), before.maxPerDay(), cleared, "max_per_day"),
                Patch.resolve(draft.active(), before.active(), cleared, "active"),
                Patch.resolve(draft.customFields(), before.customFields(), cleared, "custom_fields"),
                Patch.resolve(draft.color(), before.color(), cleared, "color"));
        ServiceDraft checked = check(candidate);
        if (draft.name() != null) {
            requireUniqueName(checked.name(), id);
        }
        Service after = write(checked, id);
        audit.record("service.updated", "service", id, before, after);
        return after;
    }

    /** Inserts ({@code id} null) or overwrites a complete, checked service. */
    private Service write(ServiceDraft service, UUID id) {
        String sql = id == null
                ? """
                  INSERT INTO service (studio_id, name, description, default_duration_min, base_price_cents,
                                       pricing_model, requires_engineer, room_tags, staff_skill_required,
                                       is_addon, max_per_day, active, custom_fields, color)
                  VALUES (:studio, :name, :description, :duration, :price, :pricing, :engineer, :roomTags,
                          :skill, :addon, :maxPerDay, :active, CAST(:fields AS jsonb), :color)
                  RETURNING\s"""
                : """
                  UPDATE service
                     SET name = :name, description = :description, default_duration_min = :duration,
                         base_price_cents = :price, pricing_model = :pricing, requires_engineer = :engineer,
                         room_tags = :roomTags, staff_skill_required = :skill, is_addon = :addon,
                         max_per_day = :maxPerDay, active = :active, custom_fields = CAST(:fields AS jsonb),
                         color = :color, updated_at = now()
                   WHERE studio_id = :studio AND id = :id
                  RETURNING\s""";
        return jdbc.sql(sql + COLUMNS)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("name", service.name())
                .param("description", service.description())
                .param("duration", service.defaultDurationMin())
                .param("price", service.basePriceCents())
                .param("pricing", service.pricingModel().json())
                .param("engineer", service.requiresEngineer())
                .param("roomTags", Rows.textArray(service.roomTags()))
                .param("skill", service.staffSkillRequired())
                .param("addon", service.isAddon())
                .param("maxPerDay", service.maxPerDay())
                .param("active", service.active())
                .param("fields", json.writeValueAsString(service.customFields()))
                .param("color", service.color())
                .query(mapper())
                .single();
    }

    /** Deletes a service; its buffer rules go with it (their foreign key cascades). */
    @Transactional
    public void delete(UUID id) {
        Service before = get(id);
        events.publishEvent(new CatalogRemoved(CatalogRemoved.Kind.SERVICE, id));
        jdbc.sql("DELETE FROM service WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .update();
        audit.record("service.deleted", "service", id, before, null);
    }

    /** Checks a complete service and returns it normalized (trimmed, tags lower-cased, lists never null). */
    private static ServiceDraft check(ServiceDraft draft) {
        Validation validation = new Validation();
        validation
                .require(draft.name(), "name")
                .require(draft.defaultDurationMin(), "default_duration_min")
                .require(draft.basePriceCents(), "base_price_cents")
                .require(draft.pricingModel(), "pricing_model");
        Labels.checkText(validation, draft.name(), "name", 100);
        Labels.checkText(validation, draft.description(), "description", 2000);
        validation.check(
                draft.defaultDurationMin() == null
                        || (draft.defaultDurationMin() >= 1 && draft.defaultDurationMin() <= 1440),
                "default_duration_min",
                "must be between 1 and 1440");
        validation.check(
                draft.basePriceCents() == null
                        || (draft.basePriceCents() >= 0 && draft.basePriceCents() <= Service.MAX_PRICE_CENTS),
                "base_price_cents",
                "must be between 0 and " + Service.MAX_PRICE_CENTS);
        Labels.checkList(validation, draft.roomTags(), "room_tags");
        Labels.checkText(validation, draft.staffSkillRequired(), "staff_skill_required", 100);
        validation.check(
                draft.maxPerDay() == null || (draft.maxPerDay() >= 1 && draft.maxPerDay() <= Service.MAX_PER_DAY),
                "max_per_day",
                "must be between 1 and " + Service.MAX_PER_DAY);
        // only #rrggbb: the board paints it and computes its ink from it; null (not "") means none
        validation.check(
                draft.color() == null || Labels.isColor(draft.color()),
                "color",
                "must be a colour code as #rrggbb, like #3366ff");
        List<CustomField> fields = CustomFields.check(validation, draft.customFields());
        validation.throwIfInvalid();
        String skill = Labels.tag(draft.staffSkillRequired());
        return new ServiceDraft(
                draft.name().strip(),
                draft.description(),
                draft.defaultDurationMin(),
                draft.basePriceCents(),
                draft.pricingModel(),
                draft.requiresEngineer(),
                Rows.orEmpty(Labels.tags(draft.roomTags())),
                skill == null || skill.isEmpty() ? null : skill,
                draft.isAddon(),
                draft.maxPerDay(),
                draft.active(),
                fields == null ? List.of() : fields,
                draft.color() == null ? null : draft.color().toLowerCase(java.util.Locale.ROOT));
    }

    private void requireUniqueName(String name, UUID except) {
        boolean taken = jdbc.sql(
                        """
                        SELECT EXISTS (SELECT 1 FROM service
                                        WHERE studio_id = :studio AND lower(name) = lower(:name)
                                          AND id IS DISTINCT FROM :except)
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("name", name.strip())
                .param("except", except)
                .query(Boolean.class)
                .single();
        if (taken) {
            throw RoomtoneException.conflict("A service named '" + name.strip() + "' already exists.");
        }
    }

    /** Maps rows of the current studio, whose currency every price is in. */
    private RowMapper<Service> mapper() {
        String currency = studios.current().currency();
        return (ResultSet rs, int row) -> map(rs, currency);
    }

    private Service map(ResultSet rs, String currency) throws SQLException {
        return new Service(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getInt("default_duration_min"),
                rs.getLong("base_price_cents"),
                currency,
                PricingModel.fromColumn(rs.getString("pricing_model")),
                rs.getBoolean("requires_engineer"),
                Rows.strings(rs, "room_tags"),
                rs.getString("staff_skill_required"),
                rs.getBoolean("is_addon"),
                Rows.integer(rs, "max_per_day"),
                rs.getBoolean("active"),
                List.of(json.readValue(rs.getString("custom_fields"), CustomField[].class)),
                rs.getString("color"));
    }
}
