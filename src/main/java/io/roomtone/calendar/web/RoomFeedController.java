package io.roomtone.calendar.web;

import io.roomtone.calendar.CalendarFeeds;
import io.roomtone.calendar.CalendarFeeds.FeedLink;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The owner's and admins' control over the rooms' calendar feeds. */
@Tag(name = "Rooms (admin)", description = "Rooms and their calendar feeds")
@RestController
@RequestMapping("/api/admin/rooms/{id}/ics-token")
class RoomFeedController {

    /** The new token and the feed's path with it; shown once. */
    record RoomFeedAccess(String icsToken, String icsUrl) {}

    private final CalendarFeeds feeds;

    RoomFeedController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @Operation(
            summary = "A new ICS feed token for a room",
            description = "Shown once; the previous feed URL stops working. The feed lists the room's confirmed"
                    + " sessions, 180 days back and ahead.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RoomFeedAccess rotate(@PathVariable UUID id) {
        FeedLink link = feeds.rotateRoomToken(id);
        return new RoomFeedAccess(link.token(), link.path());
    }

    @Operation(summary = "Turn a room's ICS feed off", description = "Its URL stops working.")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id) {
        feeds.removeRoomFeed(id);
    }
}
