package io.roomtone.calendar;

import io.roomtone.booking.CalendarEntries;
import io.roomtone.booking.CalendarEntries.Entry;
import io.roomtone.calendar.internal.CalendarEvents;
import io.roomtone.calendar.internal.FeedVersions;
import io.roomtone.calendar.internal.IcsWriter;
import io.roomtone.calendar.internal.RoomFeedTokens;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.StaffCalendarFeeds;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Studio;
import io.roomtone.shared.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subscription feeds: one per staff member (the sessions they work) and one per room (the sessions
 * in it), each behind a secret link. A feed holds the confirmed sessions (completed and no-shows
 * included) from {@value #WINDOW_DAYS} days ago to {@value #WINDOW_DAYS} days ahead, read afresh on
 * every request: a change shows on the next poll. Requests awaiting approval and canceled bookings
 * are left out. A new token replaces the old one, whose link stops working at once.
 */
@Service
public class CalendarFeeds {

    /** A feed's content with its validators: the ETag is a digest of the content. */
    public record Feed(byte[] body, String etag, Instant lastModified) {}

    /** A feed link, shown once: the token and the path with it. */
    public record FeedLink(String token, String path) {}

    public static final int WINDOW_DAYS = 180;
    private static final Duration WINDOW = Duration.ofDays(WINDOW_DAYS);

    private final CalendarEntries entries;
    private final CalendarEvents events;
    private final FeedVersions versions;
    private final RoomFeedTokens roomTokens;
    private final StaffCalendarFeeds staffTokens;
    private final StaffMembers staff;
    private final Rooms rooms;
    private final AuditTrail audit;
    private final Clock clock;

    CalendarFeeds(
            CalendarEntries entries,
            CalendarEvents events,
            FeedVersions versions,
            RoomFeedTokens roomTokens,
            StaffCalendarFeeds staffTokens,
            StaffMembers staff,
            Rooms rooms,
            AuditTrail audit,
            Clock clock) {
        this.entries = entries;
        this.events = events;
        this.versions = versions;
        this.roomTokens = roomTokens;
        this.staffTokens = staffTokens;
        this.staff = staff;
        this.rooms = rooms;
        this.audit = audit;
        this.clock = clock;
    }

    /** Staff member {@code staffId}'s feed, if {@code token} is its current token; empty otherwise. */
    @Transactional
    public Optional<Feed> staffFeed(UUID staffId, String token) {
        if (!staffTokens.opens(staffId, token)) {
            return Optional.empty();
        }
        StaffMember member = staff.get(staffId);
        Instant now = clock.instant();
        List<Entry> sessions = entries.sessionsOfStaff(staffId, now.minus(WINDOW), now.plus(WINDOW));
        return Optional.of(feed("staff:" + staffId, member.name(), sessions));
    }

    /** Room {@code roomId}'s feed, if {@code token} is its current token; empty otherwise. */
    @Transactional
    public Optional<Feed> roomFeed(UUID roomId, String token) {
        if (!roomTokens.opens(roomId, token)) {
            return Optional.empty();
        }
        Room room = rooms.get(roomId);
        Instant now = clock.instant();
        List<Entry> sessions = entries.sessionsInRoom(roomId, now.minus(WINDOW), now.plus(WINDOW));
        return Optional.of(feed("room:" + roomId, room.name(), sessions));
    }

    /** A new link for room {@code roomId}'s feed (a 404 problem for no such room); the old one stops working. */
    @Transactional
    public FeedLink rotateRoomToken(UUID roomId) {
        Room room = rooms.get(roomId);
        String token = roomTokens.rotate(room.id());
        // the entry names the room, never the token
        audit.record("room.ics_token_rotated", "room", room.id(), null, null);
        return new FeedLink(token, "/api/calendar/ics/room/" + room.id() + ".ics?token=" + token);
    }

    /** Turns room {@code roomId}'s feed off: its link stops working. */
    @Transactional
    public void removeRoomFeed(UUID roomId) {
        Room room = rooms.get(roomId);
        if (roomTokens.remove(room.id())) {
            audit.record("room.ics_feed_removed", "room", room.id(), null, null);
        }
    }

    /** The studio's rooms that have a feed. */
    @Transactional(readOnly = true)
    public Set<UUID> roomsWithFeeds() {
        return roomTokens.roomsWithFeeds();
    }

    /** A new link for staff member {@code staffId}'s own feed; the old one stops working. */
    @Transactional
    public FeedLink rotateStaffToken(UUID staffId) {
        String path = staffTokens.rotate(staffId);
        return new FeedLink(path.substring(path.indexOf("token=") + "token=".length()), path);
    }

    private Feed feed(String key, String name, List<Entry> sessions) {
        Studio studio = events.studio();
        byte[] body = IcsWriter.feed(studio.timezone(), studio.name() + " · " + name, events.feedEvents(sessions));
        String etag = "\"" + Secrets.sha256(body).substring(0, 32) + "\"";
        return new Feed(body, etag, versions.changedAt(key, etag));
    }
}
