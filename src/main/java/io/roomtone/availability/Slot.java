package io.roomtone.availability;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A free session: a room from {@code startAt} to {@code endAt}, with the ids of every qualifying
 * staff member who is free for it (sorted; empty when no engineer is required).
 */
public record Slot(Instant startAt, Instant endAt, UUID roomId, List<UUID> staffIds, long priceCents) {}
