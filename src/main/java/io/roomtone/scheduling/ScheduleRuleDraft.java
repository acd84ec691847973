package io.roomtone.scheduling;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A schedule rule as a client sends it. On create, {@code targetType}, {@code byweekday},
 * {@code startTime} and {@code endTime} are required; on update, a field left out keeps its value,
 * except that a new {@code targetType} takes {@code targetId} from the same request.
 *
 * @param timezone an IANA zone; left out on create, or an empty string on update, to follow the
 *     studio's zone
 */
public record ScheduleRuleDraft(
        TargetType targetType,
        UUID targetId,
        List<Integer> byweekday,
        LocalTime startTime,
        LocalTime endTime,
        String timezone,
        LocalDate effectiveFrom,
        LocalDate effectiveTo) {}
