package io.roomtone.calendar.web;

import io.roomtone.calendar.BookingCalendarFiles;
import io.roomtone.calendar.CalendarFeeds;
import io.roomtone.calendar.CalendarFeeds.Feed;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calendar files and feeds, public behind their tokens. A wrong token, a token of another
 * booking, staff member or room, an unknown id and an id of another studio all answer the same
 * 404, so that nothing about what exists leaks. Feeds answer 304 to a calendar app that already
 * has the current content (ETag / If-None-Match, Last-Modified / If-Modified-Since); nothing is
 * cached beyond that, so a change shows on the next poll. Rate limited per token and per network
 * (see {@code RateLimitRules}).
 */
@Tag(name = "Calendar files and feeds", description = "RFC 5545 files and subscription feeds behind secret links")
@RestController
@RequestMapping("/api/calendar/ics")
class CalendarFileController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final BookingCalendarFiles files;
    private final CalendarFeeds feeds;

    CalendarFileController(BookingCalendarFiles files, CalendarFeeds feeds) {
        this.files = files;
        this.feeds = feeds;
    }

    @Operation(
            summary = "A booking's calendar file",
            description = "One VEVENT with the studio's time zone; METHOD:CANCEL and STATUS:CANCELLED once the"
                    + " booking is canceled, rejected or expired. The link comes in the booking's mails.",
            responses = {
                @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/calendar")),
                @ApiResponse(responseCode = "404", description = "No booking with this code and token")
            })
    @GetMapping(value = "/booking/{code}.ics", produces = "text/calendar")
    ResponseEntity<byte[]> bookingFile(
            @PathVariable String code,
            @Parameter(description = "the link's token") @RequestParam(required = false) String token) {
        byte[] file = files.fileByCode(code, token).orElseThrow(CalendarFileController::noCalendar);
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename("booking-" + code.toUpperCase(java.util.Locale.ROOT) + ".ics")
                                .build()
                                .toString())
                .body(file);
    }

    @Operation(
            summary = "A staff member's calendar feed",
            description = "Their confirmed sessions from 180 days ago to 180 days ahead. The link is made on the"
                    + " staff page (`POST /api/admin/staff/{id}/ics-token`); a new one revokes the old at once.",
            responses = {
                @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/calendar")),
                @ApiResponse(responseCode = "304", description = "Unchanged since the ETag or date the client sent"),
                @ApiResponse(responseCode = "404", description = "No feed with this id and token")
            })
    @GetMapping(value = "/staff/{id}.ics", produces = "text/calendar")
    ResponseEntity<byte[]> staffFeed(@PathVariable String id, @RequestParam(required = false) String token) {
        return answer(uuid(id).flatMap(staffId -> feeds.staffFeed(staffId, token)));
    }

    @Operation(
            summary = "A room's calendar feed",
            description = "The room's confirmed sessions from 180 days ago to 180 days ahead. The link is made on"
                    + " the rooms page (`POST /api/admin/rooms/{id}/ics-token`); a new one revokes the old at once.",
            responses = {
                @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/calendar")),
                @ApiResponse(responseCode = "304", description = "Unchanged since the ETag or date the client sent"),
                @ApiResponse(responseCode = "404", description = "No feed with this id and token")
            })
    @GetMapping(value = "/room/{id}.ics", produces = "text/calendar")
    ResponseEntity<byte[]> roomFeed(@PathVariable String id, @RequestParam(required = false) String token) {
        return answer(uuid(id).flatMap(roomId -> feeds.roomFeed(roomId, token)));
    }

    /**
     * The feed with its validators: Spring answers 304 without the body when the request's
     * If-None-Match names the ETag, or (without If-None-Match) its If-Modified-Since is not before
     * Last-Modified.
     */
    private static ResponseEntity<byte[]> answer(Optional<Feed> found) {
        Feed feed = found.orElseThrow(CalendarFileController::noCalendar);
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .eTag(feed.etag())
                .lastModified(feed.lastModified())
                // calendar apps may keep it, but must ask again every time: changes show at once
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(feed.body());
    }

    /** Not a UUID is as unknown as an unknown one. */
    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static RoomtoneException noCalendar() {
        return new RoomtoneException(
                ProblemCode.NOT_FOUND,
                "There is no calendar at this address. The link may have been replaced by a new one.");
    }
}
