package io.roomtone.support;

import java.util.List;

/** One page of an availability search; {@code next} is null on the last. */
public record SlotsView(List<SlotView> slots, String next) {

    /** The start of every slot, as ISO instants. */
    public List<String> starts() {
        return slots.stream().map(SlotView::startAt).toList();
    }
}
