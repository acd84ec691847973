package io.roomtone.scheduling;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A closure as a client sends it. On create, {@code targetType}, {@code startAt} and {@code endAt}
 * are required; on update, a field left out keeps its value, except that a new {@code targetType}
 * takes {@code targetId} from the same request.
 */
public record ClosureDraft(
        TargetType targetType,
        UUID targetId,
        @JsonDeserialize(using = TimeInputs.Moment.class) Instant startAt,
        @JsonDeserialize(using = TimeInputs.Moment.class) Instant endAt,
        String reason) {}
