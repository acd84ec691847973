package io.roomtone.availability.web;

import io.roomtone.availability.Availability;
import io.roomtone.availability.StudioCatalog;
import io.roomtone.availability.internal.LiveStreams;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates as server-sent events: a page that shows a room's free times, or the studio's desk,
 * keeps one stream open and refreshes itself when it is told that something changed. The events
 * name a room and a date, never a booking or a person: the public stream is as public as the
 * search. Everything is checked before the stream opens, so bad input is a problem response.
 */
@Tag(name = "Availability", description = "Free slots for a session")
@RestController
class LiveStreamController {

    /** The dates the search accepts (see {@code SlotSearches}): the stream watches no other. */
    private static final LocalDate FIRST_DATE = LocalDate.of(2000, 1, 1);

    private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    private final Availability availability;
    private final LiveStreams streams;

    LiveStreamController(Availability availability, LiveStreams streams) {
        this.availability = availability;
        this.streams = streams;
    }

    @Operation(
            summary = "Live changes of a room's day",
            description = "A `text/event-stream` that sends `event: availability` with data "
                    + "`{\"room_id\": …, \"date\": …}` whenever a hold or booking touching that room (or, with "
                    + "`room_id` left out, any room of the studio) on that studio date is placed, moved, decided, "
                    + "released or lapses; search again to see the new slots. `event: resync` asks the same "
                    + "after the server may have missed changes. Comments keep the stream alive; it ends after "
                    + "`roomtone.live.timeout` (30 min) and browsers reconnect by themselves. At most "
                    + "`roomtone.live.streams-per-client` (8) streams per client address and "
                    + "`roomtone.live.streams` (2000) per server: beyond, 429 `rate_limited` with `Retry-After`.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the stream",
                        content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE)),
                @ApiResponse(responseCode = "400", description = "`room_id` or `date` unreadable or out of range"),
                @ApiResponse(responseCode = "404", description = "no such room in this studio"),
                @ApiResponse(responseCode = "429", description = "too many streams open")
            })
    @GetMapping("/api/availability/stream")
    SseEmitter availability(
            @Parameter(description = "a room of the studio; every room when absent")
                    @RequestParam(name = "room_id", required = false)
                    String roomId,
            @Parameter(description = "a studio date, 2000-01-01 to 9999-12-31", required = true)
                    @RequestParam(required = false)
                    String date,
            HttpServletRequest request) {
        StudioCatalog catalog = availability.catalog();
        LocalDate day = day(date);
        UUID room = null;
        if (roomId != null && !roomId.isBlank()) {
            room = id(roomId);
            if (catalog.room(room).isEmpty()) {
                throw RoomtoneException.notFound("room", room);
            }
        }
        return streams.open(
                new LiveStreams.Interest(
                        Tenancy.currentStudioId(),
                        room,
                        day,
                        catalog.settings().timezone(),
                        LiveStreams.Audience.PUBLIC),
                request.getRemoteAddr());
    }

    @Operation(
            summary = "Live changes of the whole studio, for its desk",
            description = "For owners and admins: a `text/event-stream` that sends, for every change of a hold "
                    + "or booking in any room, `event: changed` (data `{\"room_id\": …, \"date\": …}`, the first "
                    + "studio date touched) and one `event: day-YYYY-MM-DD` per studio date touched (at most 62), "
                    + "so that a board showing some days listens to those days only. `event: resync` after the "
                    + "server may have missed changes. Same limits as `/api/availability/stream`.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the stream",
                        content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE)),
                @ApiResponse(responseCode = "429", description = "too many streams open")
            })
    @GetMapping("/api/admin/stream")
    SseEmitter desk(HttpServletRequest request) {
        StudioCatalog catalog = availability.catalog();
        return streams.open(
                new LiveStreams.Interest(
                        Tenancy.currentStudioId(),
                        null,
                        null,
                        catalog.settings().timezone(),
                        LiveStreams.Audience.DESK),
                request.getRemoteAddr());
    }

    private static LocalDate day(String date) {
        if (date == null || date.isBlank()) {
            throw RoomtoneException.invalid("date", "is required (a studio date, YYYY-MM-DD)");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw RoomtoneException.invalid("date", "must be a date (YYYY-MM-DD)");
        }
        if (day.isBefore(FIRST_DATE) || day.isAfter(LAST_DATE)) {
            throw RoomtoneException.invalid("date", "must be between " + FIRST_DATE + " and " + LAST_DATE);
        }
        return day;
    }

    private static UUID id(String text) {
        String id = text.strip();
        try {
            // UUID.fromString also reads shortened forms such as 1-2-3-4-5
            if (id.length() != 36) {
                throw new IllegalArgumentException(id);
            }
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw RoomtoneException.invalid("room_id", "must be a room id");
        }
    }
}
