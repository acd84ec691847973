package io.roomtone.calendar.web;

import io.roomtone.calendar.CalendarFeeds;
import io.roomtone.calendar.CalendarFeeds.FeedLink;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.PublicAddress;
import io.roomtone.shared.RoomtoneException;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * New calendar feed links, from the pages: a room's (owners and admins, from the rooms page) and a
 * staff member's own (from their page). Each POST replaces the previous link, which stops working
 * at once, and answers with the new link and how to subscribe to it: shown this once, since only
 * its digest is kept (no redirect could carry it).
 */
@Controller
class CalendarLinkPages {

    private final CalendarFeeds feeds;
    private final Rooms rooms;
    private final StaffMembers staff;
    private final PublicAddress address;

    CalendarLinkPages(CalendarFeeds feeds, Rooms rooms, StaffMembers staff, PublicAddress address) {
        this.feeds = feeds;
        this.rooms = rooms;
        this.staff = staff;
        this.address = address;
    }

    @PostMapping("/admin/rooms/{id}/calendar-link")
    String rotateRoomLink(@PathVariable String id, Model model) {
        UUID roomId = id(id);
        FeedLink link = feeds.rotateRoomToken(roomId);
        model.addAttribute("kind", "room");
        model.addAttribute("name", rooms.get(roomId).name());
        return shown(link, model);
    }

    @PostMapping("/staff/calendar-link")
    String rotateOwnLink(@AuthenticationPrincipal CurrentUser viewer, Model model) {
        StaffMember me = staff.ofUser(viewer.id())
                .orElseThrow(() -> new RoomtoneException(
                        ProblemCode.NOT_FOUND,
                        "You have no staff profile in this studio; an owner or admin can add you as staff."));
        FeedLink link = feeds.rotateStaffToken(me.id());
        model.addAttribute("kind", "staff");
        model.addAttribute("name", me.name());
        return shown(link, model);
    }

    private String shown(FeedLink link, Model model) {
        model.addAttribute("calendarLink", address.of(link.path()));
        return "calendar/link";
    }

    /** An id that is not one names no room: the same 404 as an unknown one. */
    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new RoomtoneException(ProblemCode.NOT_FOUND, "No room with id " + id + ".");
        }
    }
}
