package io.roomtone.support;

import java.util.List;

/** A service of the catalog. */
public record ServiceView(
        String id,
        String name,
        String description,
        int defaultDurationMin,
        long basePriceCents,
        String currency,
        String pricingModel,
        boolean requiresEngineer,
        List<String> roomTags,
        String staffSkillRequired,
        boolean isAddon,
        Integer maxPerDay,
        boolean active) {}
