package io.roomtone.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Something a client books: a recording session, a mixing hour, or an add-on to another service.
 *
 * @param currency the studio's currency, which every price of the studio is in
 * @param roomTags a room must carry all of these tags to host the service
 * @param staffSkillRequired the skill the assigned engineer must have, if any
 * @param maxPerDay how many times a day the service can be booked, if limited
 * @param customFields what a booking of the service must or may answer, in the order asked
 * @param color the colour of its sessions on the calendar board ({@code #rrggbb}), if the studio
 *     chose one
 */
public record Service(
        UUID id,
        String name,
        String description,
        int defaultDurationMin,
        long basePriceCents,
        String currency,
        PricingModel pricingModel,
        boolean requiresEngineer,
        List<String> roomTags,
        String staffSkillRequired,
        boolean isAddon,
        Integer maxPerDay,
        boolean active,
        List<CustomField> customFields,
        @io.swagger.v3.oas.annotations.media.Schema(
                        pattern = COLOR_PATTERN,
                        nullable = true,
                        example = "#3366ff",
                        description = "the colour of its sessions on the calendar board; null: the board picks one")
                String color) {

    /** What {@code color} must match: {@code #rrggbb}. */
    public static final String COLOR_PATTERN = "^#[0-9a-fA-F]{6}$";

    public Service {
        customFields = customFields == null ? List.of() : List.copyOf(customFields);
    }

    /** A service without a colour (the shape before colours existed). */
    public Service(
            UUID id,
            String name,
            String description,
            int defaultDurationMin,
            long basePriceCents,
            String currency,
            PricingModel pricingModel,
            boolean requiresEngineer,
            List<String> roomTags,
            String staffSkillRequired,
            boolean isAddon,
            Integer maxPerDay,
            boolean active,
            List<CustomField> customFields) {
        this(
                id,
                name,
                description,
                defaultDurationMin,
                basePriceCents,
                currency,
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

    /** A service without custom fields (the shape before they existed). */
    public Service(
            UUID id,
            String name,
            String description,
            int defaultDurationMin,
            long basePriceCents,
            String currency,
            PricingModel pricingModel,
            boolean requiresEngineer,
            List<String> roomTags,
            String staffSkillRequired,
            boolean isAddon,
            Integer maxPerDay,
            boolean active) {
        this(
                id,
                name,
                description,
                defaultDurationMin,
                basePriceCents,
                currency,
                pricingModel,
                requiresEngineer,
                roomTags,
                staffSkillRequired,
                isAddon,
                maxPerDay,
                active,
                List.of(),
                null);
    }

    /**
     * The length of a session of this service when {@code requested} minutes are asked for (null:
     * the default): at least the default duration and a whole number of it, else a problem naming
     * {@code field}.
     */
    public int sessionMinutes(Integer requested, String field) {
        int minutes = requested == null ? defaultDurationMin : Math.max(defaultDurationMin, requested);
        if (minutes % defaultDurationMin != 0) {
            throw io.roomtone.shared.RoomtoneException.invalid(
                    field, "the session must last a multiple of " + defaultDurationMin + " minutes for " + name);
        }
        return minutes;
    }

    /**
     * The most bookings a day a service may be limited to: a limit is for scarce sessions (two
     * mastering slots a day); past a thousand it limits nothing a studio can sell.
     */
    public static final int MAX_PER_DAY = 1000;

    /**
     * The highest price a service may have (100,000,000.00): far above any studio's, and low enough
     * that no session of at most 31 days, no basket of add-ons and no tax can overflow a {@code long}
     * of cents, so a price never needs to be refused at booking time.
     */
    public static final long MAX_PRICE_CENTS = 10_000_000_000L;

    /**
     * The price of this service for a session of {@code minutes}, before tax: {@code per_block}
     * charges the base price per default duration, {@code fixed} the base price whatever the length.
     */
    public long priceCentsFor(int minutes) {
        return switch (pricingModel) {
            case FIXED -> basePriceCents;
            case PER_BLOCK -> Math.multiplyExact(basePriceCents, (long) minutes) / defaultDurationMin;
        };
    }
}
