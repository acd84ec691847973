package io.roomtone.availability.engine;

import io.roomtone.shared.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything the slot engine needs for one search, already loaded and filtered by the caller.
 *
 * @param firstDate the first local date searched, in {@code studioZone}
 * @param days how many consecutive local dates are searched, at least 1 (a search asks for up to 14,
 *     the check of a session as many as the session touches)
 * @param studioHours the studio's weekly hours; none means the studio is closed
 * @param studioClosures blackouts of the whole studio
 * @param rooms the rooms that can host the session (active, with the service's tags), in the order
 *     in which slots of the same start are listed
 * @param engineerRequired whether a session needs one of {@code staff}
 * @param staff the active staff members with the required skill; ignored when no engineer is required
 * @param duration the session length
 * @param serviceBufferBefore the buffer rule of the service(s) before a session
 * @param serviceBufferAfter the buffer rule of the service(s) after a session
 * @param stepMinutes candidate starts are local times on multiples of this from local midnight
 * @param earliestStart no slot starts before this (now + lead time)
 * @param latestStart no slot starts after this (now + horizon)
 * @param priceCents the price of a slot, the same for all of them
 */
public record SearchInput(
        LocalDate firstDate,
        int days,
        ZoneId studioZone,
        List<WeeklyHours> studioHours,
        List<TimeRange> studioClosures,
        List<Resource> rooms,
        boolean engineerRequired,
        List<Resource> staff,
        Duration duration,
        Duration serviceBufferBefore,
        Duration serviceBufferAfter,
        int stepMinutes,
        Instant earliestStart,
        Instant latestStart,
        long priceCents) {}
