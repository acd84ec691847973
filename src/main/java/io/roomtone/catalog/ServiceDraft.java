package io.roomtone.catalog;

import java.util.List;

/**
 * The fields of a service as a client sends them. On create, {@code name}, {@code
 * default_duration_min} and {@code base_price_cents} are required and {@code pricing_model} defaults
 * to {@code per_block}; on update, a field left out (null) keeps its current value. An empty {@code
 * staff_skill_required} clears it.
 */
public record ServiceDraft(
        String name,
        String description,
        Integer defaultDurationMin,
        Long basePriceCents,
        PricingModel pricingModel,
        Boolean requiresEngineer,
        List<String> roomTags,
        String staffSkillRequired,
        Boolean isAddon,
        Integer maxPerDay,
        Boolean active,
        List<CustomField> customFields) {

    /** A draft that leaves the custom fields alone (the shape before they existed). */
    public ServiceDraft(
            String name,
            String description,
            Integer defaultDurationMin,
            Long basePriceCents,
            PricingModel pricingModel,
            Boolean requiresEngineer,
            List<String> roomTags,
            String staffSkillRequired,
            Boolean isAddon,
            Integer maxPerDay,
            Boolean active) {
        this(
                name,
                description,
                defaultDurationMin,
                basePriceCents,
                pricingModel,
                requiresEngineer,
                roomTags,
                staffSkillRequired,
                isAddon,
                maxPerDay,
                active,
                null);
    }
}
