package io.roomtone.availability.web;

import io.roomtone.availability.Availability;
import io.roomtone.availability.Slot;
import io.roomtone.availability.SlotQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Availability", description = "Free slots for a session")
@RestController
class AvailabilityController {

    record Slots(List<Slot> slots) {}

    private final Availability availability;

    AvailabilityController(Availability availability) {
        this.availability = availability;
    }

    @Operation(
            summary = "Free slots",
            description =
                    "`date` is a local date in the studio's time zone; `days` (default 1, at most 31) searches a range. "
                            + "Slots are sorted by start, then room; `staff_ids` lists every qualifying engineer who is free.")
    @PostMapping("/api/availability/search")
    Slots search(@RequestBody SlotQuery query) {
        return new Slots(availability.search(query));
    }
}
