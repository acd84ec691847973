package io.roomtone.notifications.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.notifications.Notices;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Notifications", description = "In-app notices for the studio's people, and the bell's count")
@RestController
class NoticeController {

    private final Notices notices;

    NoticeController(Notices notices) {
        this.notices = notices;
    }

    @Operation(
            summary = "My notices",
            description = "Newest first (only unread ones with `unread=true`), with how many are unread: new "
                    + "requests, cancellations, calendar sync failures and payments that need action.")
    @GetMapping("/api/me/notifications")
    Notices.Inbox mine(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "20") int limit) {
        return notices.of(user, unread, limit);
    }

    @Operation(summary = "Mark one of my notices read", description = "Someone else's notice is a 404.")
    @PostMapping("/api/me/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        notices.markRead(user, id);
    }

    @Operation(summary = "Mark all my notices read")
    @PostMapping("/api/me/notifications/read")
    Map<String, Integer> readAll(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("marked", notices.markAllRead(user));
    }
}
