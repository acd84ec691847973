package io.roomtone.scheduling;

import java.util.UUID;

/**
 * A buffer rule as a client sends it. On create, {@code scope} and {@code targetId} are required
 * and the minutes default to 0; on update, a field left out keeps its value.
 */
public record BufferRuleDraft(BufferScope scope, UUID targetId, Integer beforeMin, Integer afterMin) {}
