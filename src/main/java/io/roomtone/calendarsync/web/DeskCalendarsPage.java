package io.roomtone.calendarsync.web;

import io.roomtone.calendarsync.CalendarConnections;
import io.roomtone.calendarsync.CalendarSyncStatuses;
import io.roomtone.calendarsync.ExternalCalendar;
import io.roomtone.calendarsync.StaffConnection;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The studio desk's view of calendar sync: each staff member's connections (the desk staff page
 * loads this list into itself), the studio's one setting (clients as optional guests), and one
 * booking's sync status (the board's panel and the booking page load it).
 */
@Controller
class DeskCalendarsPage {

    /** One staff member's row of the overview. */
    record StaffRow(StaffMember member, List<StaffConnection> connections) {}

    private final CalendarConnections connections;
    private final CalendarSyncStatuses statuses;
    private final StaffMembers staff;

    DeskCalendarsPage(CalendarConnections connections, CalendarSyncStatuses statuses, StaffMembers staff) {
        this.connections = connections;
        this.statuses = statuses;
        this.staff = staff;
    }

    @GetMapping("/admin/calendars")
    String showOverview(@RequestParam(required = false) String done, Model model) {
        model.addAttribute(
                "rows",
                staff.list(true).stream()
                        .map(m -> new StaffRow(m, connections.of(m.id())))
                        .toList());
        model.addAttribute(
                "unavailable",
                java.util.Arrays.stream(ExternalCalendar.values())
                        .map(connections::unavailableReason)
                        .flatMap(java.util.Optional::stream)
                        .toList());
        model.addAttribute("inviteClients", statuses.invitesClients());
        model.addAttribute("done", "saved".equals(done) ? done : null);
        return "calendarsync/desk";
    }

    @PostMapping("/admin/calendars/settings")
    String saveSettings(@RequestParam(name = "invite_clients", required = false) String invite) {
        statuses.inviteClients("on".equals(invite) || "true".equals(invite));
        return "redirect:/admin/calendars?done=saved";
    }

    @GetMapping("/admin/bookings/{id}/calendar-sync")
    String showBookingSync(@PathVariable UUID id, Model model) {
        model.addAttribute("bookingId", id);
        model.addAttribute("events", statuses.ofBooking(id));
        return "calendarsync/booking";
    }
}
