package io.roomtone.catalog;

import java.util.List;

/**
 * The fields of a service as a client sends them. On create, {@code name}, {@code
 * default_duration_min} and {@code base_price_cents} are required and {@code pricing_model} defaults
 * to {@code per_block}; on update, a field left out (null) keeps its current value. An empty {@code
 * staff_skill_required} clears it. {@code color} is {@code #rrggbb}; a merge patch clears it with null.
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
        List<CustomField> customFields,
        @io.swagger.v3.oas.annotations.media.Schema(
                        pattern = Service.COLOR_PATTERN,
                        nullable = true,
                        example = "#3366ff",
                        description = "the colour of its sessions on the calendar board; null clears it")
                String color) {

    /** A draft that leaves the colour alone (the shape before colours existed). */
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
            Boolean active,
            List<CustomField> customFields) {
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
                customFields,
                null);
    }

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
                null,
                null);
    }
}
