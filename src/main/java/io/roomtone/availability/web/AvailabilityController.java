package io.roomtone.availability.web;

import io.roomtone.availability.Availability;
import io.roomtone.availability.Slot;
import io.roomtone.availability.SlotPage;
import io.roomtone.availability.SlotQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Availability", description = "Free slots for a session")
@RestController
class AvailabilityController {

    /** One page of slots; {@code next} is absent when it is the last. */
    record Slots(
            List<Slot> slots,
            @Schema(description = "send it back as `cursor` (with the same search) for the following page") @Nullable
                    String next) {

        static Slots of(SlotPage page) {
            return new Slots(page.slots(), page.next().orElse(null));
        }
    }

    private final Availability availability;

    AvailabilityController(Availability availability) {
        this.availability = availability;
    }

    @Operation(
            summary = "Free slots",
            description = "`date` is a local date in the studio's time zone (2000-01-01 to 9999-12-31); "
                    + "`days` (default 1, at most 14) searches a range. Slots are sorted by start, then room; "
                    + "`staff_ids` lists every qualifying engineer who is free. "
                    + "An answer carries at most `roomtone.availability.slots-per-answer` slots (500 by default): "
                    + "when more remain, `next` is an opaque cursor; send the same search again with "
                    + "`cursor` set to it for the following page (an unknown cursor is a 400 naming `cursor`). "
                    + "Anonymous searches whose answer is not already cached are rate limited per client "
                    + "address (`roomtone.rate-limits.search-per-ip`, 600/1m by default): "
                    + "429 `rate_limited` with `Retry-After`. Signed-in callers are not limited.")
    @PostMapping("/api/availability/search")
    Slots search(@RequestBody SlotQuery query) {
        return Slots.of(availability.search(query));
    }
}
