package io.roomtone.scheduling;

import java.time.Instant;
import java.util.UUID;

/**
 * A closure as a client sends it. On create, {@code targetType}, {@code startAt} and {@code endAt}
 * are required; on update, a field left out keeps its value, except that a new {@code targetType}
 * takes {@code targetId} from the same request.
 */
public record ClosureDraft(TargetType targetType, UUID targetId, Instant startAt, Instant endAt, String reason) {}
