package io.roomtone.catalog;

import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** The services and add-ons of the current studio. */
@org.springframework.stereotype.Service
public class Services {

    private static final String COLUMNS =
            """
            id, name, description, default_duration_min, base_price_cents, pricing_model, requires_engineer,
            room_tags, staff_skill_required, is_addon, max_per_day, active""";

    private final JdbcClient jdbc;
    private final Studios studios;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    Services(JdbcClient jdbc, Studios studios, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.studios = studios;
        this.audit = audit;
        this.events = events;
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
        check(draft, true);
        requireUniqueName(draft.name(), null);
        String skill = Labels.tag(draft.staffSkillRequired());
        Service service = jdbc.sql(
                        """
                        INSERT INTO service (studio_id, name, description, default_duration_min, base_price_cents,
                                             pricing_model, requires_engineer, room_tags, staff_skill_required,
                                             is_addon, max_per_day, active)
                        VALUES (:studio, :name, :description, :duration, :price, :pricing, coalesce(:engineer, false),
                                :roomTags, nullif(:skill, ''), coalesce(:addon, false), :maxPerDay,
                                coalesce(:active, true))
                        RETURNING\s"""
                                + COLUMNS)
                .param("studio", Tenancy.currentStudioId())
                .param("name", draft.name().strip())
                .param("description", draft.description())
                .param("duration", draft.defaultDurationMin())
                .param("price", draft.basePriceCents())
                .param("pricing", draft.pricingModel().json())
                .param("engineer", draft.requiresEngineer())
                .param("roomTags", Rows.textArray(Rows.orEmpty(Labels.tags(draft.roomTags()))))
                .param("skill", skill)
                .param("addon", draft.isAddon())
                .param("maxPerDay", draft.maxPerDay())
                .param("active", draft.active())
                .query(mapper())
                .single();
        audit.record("service.created", "service", service.id(), null, service);
        return service;
    }

    /** Changes the fields present in {@code draft}. */
    @Transactional
    public Service update(UUID id, ServiceDraft draft) {
        Service before = get(id);
        check(draft, false);
        if (draft.name() != null) {
            requireUniqueName(draft.name(), id);
        }
        Service after = jdbc.sql(
                        """
                        UPDATE service
                           SET name = coalesce(:name, name),
                               description = coalesce(:description, description),
                               default_duration_min = coalesce(:duration, default_duration_min),
                               base_price_cents = coalesce(:price, base_price_cents),
                               pricing_model = coalesce(:pricing, pricing_model),
                               requires_engineer = coalesce(:engineer, requires_engineer),
                               room_tags = coalesce(:roomTags, room_tags),
                               staff_skill_required = nullif(coalesce(:skill, staff_skill_required), ''),
                               is_addon = coalesce(:addon, is_addon),
                               max_per_day = coalesce(:maxPerDay, max_per_day),
                               active = coalesce(:active, active),
                               updated_at = now()
                         WHERE studio_id = :studio AND id = :id
                        RETURNING\s"""
                                + COLUMNS)
                .param("name", draft.name() == null ? null : draft.name().strip())
                .param("description", draft.description())
                .param("duration", draft.defaultDurationMin())
                .param("price", draft.basePriceCents())
                .param(
                        "pricing",
                        draft.pricingModel() == null
                                ? null
                                : draft.pricingModel().json())
                .param("engineer", draft.requiresEngineer())
                .param("roomTags", Rows.textArray(Labels.tags(draft.roomTags())))
                .param("skill", Labels.tag(draft.staffSkillRequired()))
                .param("addon", draft.isAddon())
                .param("maxPerDay", draft.maxPerDay())
                .param("active", draft.active())
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(mapper())
                .single();
        audit.record("service.updated", "service", id, before, after);
        return after;
    }

    /** Deletes a service; listeners of {@link CatalogRemoved} drop their rules about it first. */
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

    private static void check(ServiceDraft draft, boolean creating) {
        Validation validation = new Validation();
        if (creating) {
            validation
                    .require(draft.name(), "name")
                    .require(draft.defaultDurationMin(), "default_duration_min")
                    .require(draft.basePriceCents(), "base_price_cents")
                    .require(draft.pricingModel(), "pricing_model");
        }
        validation.check(draft.name() == null || !draft.name().isBlank(), "name", "must not be blank");
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
        validation.check(draft.maxPerDay() == null || draft.maxPerDay() >= 1, "max_per_day", "must be 1 or more");
        validation.throwIfInvalid();
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

    private static Service map(ResultSet rs, String currency) throws SQLException {
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
                rs.getBoolean("active"));
    }
}
