package io.roomtone.notifications.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studios;
import io.roomtone.notifications.Notices;
import io.roomtone.shared.RoomtoneException;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The bell's page: the signed-in person's notices, newest first; opening one marks it read. */
@Controller
class NoticesPage {

    static final int LIMIT = 50;

    private final Notices notices;
    private final Studios studios;

    NoticesPage(Notices notices, Studios studios) {
        this.notices = notices;
        this.studios = studios;
    }

    @GetMapping("/staff/notifications")
    String show(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("inbox", notices.of(user, false, LIMIT));
        model.addAttribute("zone", studios.current().timezone());
        return "notifications/notices";
    }

    /** Marks the notice read and goes where it points (its booking), or back to the list. */
    @PostMapping("/staff/notifications/{id}/open")
    String open(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Notices.Notice notice = notices.markRead(user, parse(id));
        // a notice's link is written by Roomtone; still, only a path of this site is followed
        boolean local = notice.link() != null
                && notice.link().startsWith("/")
                && !notice.link().startsWith("//");
        return "redirect:" + (local ? notice.link() : "/staff/notifications");
    }

    @PostMapping("/staff/notifications/read")
    String readAll(@AuthenticationPrincipal CurrentUser user) {
        notices.markAllRead(user);
        return "redirect:/staff/notifications";
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw RoomtoneException.notFound("notice", id);
        }
    }
}
