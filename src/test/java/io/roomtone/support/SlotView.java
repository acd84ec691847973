package io.roomtone.support;

import java.util.List;

/** One free slot of an availability search. */
public record SlotView(String startAt, String endAt, String roomId, List<String> staffIds, long priceCents) {}
