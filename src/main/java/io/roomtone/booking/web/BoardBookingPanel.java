package io.roomtone.booking.web;

import io.roomtone.availability.Availability;
import io.roomtone.availability.StudioCatalog;
import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Clients;
import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A block's details, {@code /admin/calendar/booking/{id}}: a page of its own without JavaScript, the
 * board's side panel with htmx. Its actions are forms posting to the booking pages' routes
 * ({@code /admin/bookings/{id}/approve} …) with {@code back} set to the board the admin came from.
 */
@Controller
class BoardBookingPanel {

    private final BookingQueries queries;
    private final Clients clients;
    private final StaffMembers staff;
    private final Availability availability;
    private final Clock clock;

    BoardBookingPanel(
            BookingQueries queries, Clients clients, StaffMembers staff, Availability availability, Clock clock) {
        this.queries = queries;
        this.clients = clients;
        this.staff = staff;
        this.availability = availability;
        this.clock = clock;
    }

    @GetMapping("/admin/calendar/booking/{id}")
    String showBooking(
            @PathVariable String id,
            @RequestParam(required = false) String back,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        UUID bookingId;
        try {
            bookingId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw RoomtoneException.notFound("booking", id);
        }
        Booking booking = queries.get(bookingId, viewer);
        StudioCatalog catalog = availability.catalog();
        List<StaffMember> team = staff.list(false);
        model.addAttribute("booking", booking);
        model.addAttribute("client", clients.find(booking.clientId()).orElse(null));
        model.addAttribute(
                "room", catalog.room(booking.roomId()).map(Room::name).orElse(""));
        model.addAttribute(
                "staffNames",
                team.stream()
                        .filter(m -> booking.staffIds().contains(m.id()))
                        .map(StaffMember::name)
                        .toList());
        model.addAttribute("team", team.stream().filter(StaffMember::active).toList());
        model.addAttribute("zone", catalog.settings().timezone());
        model.addAttribute("actions", actions(booking));
        model.addAttribute("back", boardAddress(back));
        response.addHeader(HttpHeaders.VARY, "HX-Request");
        boolean fragment = htmx != null && historyRestore == null;
        return fragment ? "admin/board-booking :: detail" : "admin/board-booking";
    }

    /** What the booking's status allows, in the order the panel offers it. */
    private List<String> actions(Booking booking) {
        List<String> actions = new ArrayList<>();
        BookingStatus status = booking.status();
        if (status == BookingStatus.AWAITING_APPROVAL) {
            actions.add("approve");
            actions.add("reject");
        }
        if (status.holdsItsSlot()) {
            actions.add("assign-staff");
            actions.add("reschedule");
            actions.add("cancel");
        }
        boolean started = !booking.startAt().isAfter(clock.instant());
        if (started && (status == BookingStatus.CONFIRMED || status == BookingStatus.COMPLETED)) {
            actions.add("no-show");
        }
        return actions;
    }

    /** Back to a board only: anything else (another site, another page) falls back to today's board. */
    static String boardAddress(String back) {
        if (back != null
                && back.startsWith("/admin/calendar")
                && !back.startsWith("/admin/calendar/")
                && !back.contains("//")
                && !back.contains("\\")
                && back.chars().noneMatch(c -> c < 0x21 || c == 0x7f)) {
            return back;
        }
        return "/admin/calendar";
    }
}
