package io.roomtone.availability;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A client's availability search.
 *
 * @param date the first local date searched, in the studio's time zone
 * @param durationMin the session length; with a service, at least its default duration and a
 *     multiple of it (left out: the service's default)
 * @param serviceId the service to book (optional)
 * @param roomId only this room (optional)
 * @param staffSkill an engineer with this skill is needed (optional)
 * @param days how many days from {@code date} (default 1, at most {@value #MAX_DAYS})
 * @param cursor the {@link SlotPage#next()} of the previous page of the same search (optional)
 */
public record SlotQuery(
        LocalDate date,
        Integer durationMin,
        UUID serviceId,
        UUID roomId,
        String staffSkill,
        Integer days,
        String cursor) {

    /** The most days one search covers: a longer range is asked as several searches. */
    public static final int MAX_DAYS = 14;
}
