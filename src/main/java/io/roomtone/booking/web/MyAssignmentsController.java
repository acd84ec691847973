package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sessions a signed-in staff member works: their own, never a colleague's. */
@Tag(name = "My schedule (staff)", description = "A staff member's own weekly hours and time off")
@RestController
class MyAssignmentsController {

    private final BookingQueries queries;
    private final StaffMembers staff;

    MyAssignmentsController(BookingQueries queries, StaffMembers staff) {
        this.queries = queries;
        this.staff = staff;
    }

    @Operation(
            summary = "My sessions",
            description = "The sessions the caller is assigned to that overlap `[from, to)` (ISO-8601 instants;"
                    + " `from` defaults to now, `to` to a week after `from`, at most 62 days after it), by start:"
                    + " awaiting approval, confirmed, completed and no-show ones. Refused with 403 `forbidden`"
                    + " when the caller has no staff profile.")
    @GetMapping("/api/me/assignments")
    List<Booking> assignments(
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @AuthenticationPrincipal CurrentUser user) {
        StaffMember me = staff.ofUser(user.id())
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.FORBIDDEN,
                        "You have no staff profile in this studio, so no sessions are assigned to you;"
                                + " an owner or admin can add you as staff."));
        return queries.assignments(me.id(), from, to);
    }
}
