package io.roomtone.calendarsync.web;

import io.roomtone.calendarsync.CalendarConnections;
import io.roomtone.calendarsync.CallbackAddress;
import io.roomtone.calendarsync.ExternalCalendar;
import io.roomtone.catalog.StaffMember;
import io.roomtone.identity.CurrentUser;
import io.roomtone.shared.RoomtoneException;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A staff member's own calendars: connect Google Calendar or Microsoft 365 (the provider's consent
 * page, then back to the callback), see whether each is connected, broken or not connected, and
 * disconnect. Always the caller's own staff profile. The staff page loads this page's list into
 * itself (htmx) and links here without JavaScript.
 */
@Controller
class StaffCalendarsPage {

    static final Set<String> DONE = Set.of("connected", "disconnected");

    private final CalendarConnections connections;
    private final CallbackAddress callback;

    StaffCalendarsPage(CalendarConnections connections, CallbackAddress callback) {
        this.connections = connections;
        this.callback = callback;
    }

    @GetMapping("/staff/calendars")
    String showCalendars(
            @RequestParam(required = false) String done, @AuthenticationPrincipal CurrentUser viewer, Model model) {
        StaffMember me;
        try {
            me = connections.me(viewer);
        } catch (RoomtoneException e) {
            model.addAttribute("connections", null);
            return "calendarsync/staff";
        }
        model.addAttribute("connections", connections.of(me.id()));
        model.addAttribute("done", done != null && DONE.contains(done) ? done : null);
        return "calendarsync/staff";
    }

    @PostMapping("/staff/calendars/{provider}/connect")
    String connect(@PathVariable String provider, @AuthenticationPrincipal CurrentUser viewer) {
        ExternalCalendar calendar = provider(provider);
        return "redirect:" + connections.begin(calendar, viewer, callback.of(calendar));
    }

    @GetMapping("/staff/calendars/{provider}/callback")
    String callback(
            @PathVariable String provider,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String error,
            @AuthenticationPrincipal CurrentUser viewer) {
        ExternalCalendar calendar = provider(provider);
        connections.complete(calendar, state, code, error, viewer, callback.of(calendar));
        return "redirect:/staff/calendars?done=connected";
    }

    @PostMapping("/staff/calendars/{provider}/disconnect")
    String disconnect(@PathVariable String provider, @AuthenticationPrincipal CurrentUser viewer) {
        connections.disconnect(provider(provider), viewer);
        return "redirect:/staff/calendars?done=disconnected";
    }

    static ExternalCalendar provider(String name) {
        return ExternalCalendar.of(name).orElseThrow(() -> RoomtoneException.notFound("calendar provider", name));
    }
}
