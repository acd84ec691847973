package io.roomtone.booking.web;

import io.roomtone.booking.StudioCalendar;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Calendar (admin)", description = "The board of bookings and holds by room or staff")
@RestController
class AdminCalendarController {

    private final StudioCalendar calendar;

    AdminCalendarController(StudioCalendar calendar) {
        this.calendar = calendar;
    }

    @Operation(summary = "Bookings and holds per room or staff member between from and to (at most 62 days)")
    @GetMapping("/api/admin/calendar")
    StudioCalendar.Board board(
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(name = "groupBy", required = false) String groupBy) {
        StudioCalendar.GroupBy group;
        if (groupBy == null || groupBy.equals("room")) {
            group = StudioCalendar.GroupBy.ROOM;
        } else if (groupBy.equals("staff")) {
            group = StudioCalendar.GroupBy.STAFF;
        } else {
            throw RoomtoneException.invalid("groupBy", "must be room or staff");
        }
        return calendar.board(from, to, group);
    }
}
