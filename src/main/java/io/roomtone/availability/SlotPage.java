package io.roomtone.availability;

import java.util.List;
import java.util.Optional;

/**
 * One page of a search's free slots, in the order of the whole answer.
 *
 * @param next the opaque cursor that asks for the following page ({@link SlotQuery#cursor()});
 *     empty when this page ends the answer
 */
public record SlotPage(List<Slot> slots, Optional<String> next) {

    public SlotPage {
        slots = List.copyOf(slots);
    }
}
