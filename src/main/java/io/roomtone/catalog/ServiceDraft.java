package io.roomtone.catalog;

import java.util.List;

/**
 * The fields of a service as a client sends them. On create, {@code name}, {@code
 * default_duration_min}, {@code base_price_cents} and {@code pricing_model} are required; on update,
 * a field left out (null) keeps its current value. An empty {@code staff_skill_required} clears it.
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
        Boolean active) {}
