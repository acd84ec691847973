package io.roomtone.calendar;

import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.BookedView;
import io.roomtone.support.Ics;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import io.roomtone.support.TestStudio.Engineer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Staff and room subscription feeds through the real server, parsed with ical4j: only the confirmed
 * sessions of that staff member (or room) inside the rolling window, validators that let calendar
 * apps poll cheaply without ever missing a change, links that die the moment they are replaced, and
 * a rate limit that refuses cleanly.
 */
@RoomtoneTest
class CalendarFeedTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private Response get(TestStudio studio, String path, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("X-Studio", studio.slug());
        return api.send("GET", path, null, null, all);
    }

    private Response get(TestStudio studio, String path) {
        return get(studio, path, Map.of());
    }

    private String staffLink(TestStudio studio, String staffId) {
        return api.post("/api/admin/staff/" + staffId + "/ics-token", null, studio.owner())
                .expect(201)
                .json()
                .get("ics_url")
                .asString();
    }

    private String roomLink(TestStudio studio, String roomId) {
        return api.post("/api/admin/rooms/" + roomId + "/ics-token", null, studio.owner())
                .expect(201)
                .json()
                .get("ics_url")
                .asString();
    }

    private static Set<String> uids(Ics feed) {
        return feed.events().stream().map(Ics::uid).collect(Collectors.toSet());
    }

    private static String uid(BookedView booked) {
        return booked.bookingId() + "@roomtone";
    }

    /** A studio that decides on requests, with a room and a service that needs an engineer. */
    private record Setup(TestStudio studio, String room, String service, String client, String clientId) {}

    private Setup setup() {
        TestStudio studio = new TestStudio(api).openWithApproval();
        String room = studio.room();
        String service = studio.service()
                .named("Tracking")
                .withEngineerSkilled("tracking")
                .create();
        String client = studio.client();
        return new Setup(studio, room, service, client, studio.userId(client));
    }

    private BookedView confirmed(Setup s, String room, String start, String end, String staffId) {
        BookedView booked =
                s.studio().book(booking(room, s.service(), start, end).withStaff(staffId), s.client());
        s.studio().approve(booked.bookingId(), "ok");
        return booked;
    }

    @Test
    void aStaffFeedShowsOnlyTheirConfirmedSessionsInsideTheWindow() {
        Setup s = setup();
        TestStudio studio = s.studio();
        Engineer sam = studio.engineer("tracking");
        Engineer kim = studio.engineer("tracking");
        BookedView samsSession = confirmed(s, s.room(), at(3, 10), at(3, 11), sam.id());
        BookedView kimsSession = confirmed(s, s.room(), at(3, 12), at(3, 13), kim.id());
        BookedView pending =
                studio.book(booking(s.room(), s.service(), at(4, 10), at(4, 11)).withStaff(sam.id()), s.client());
        BookedView canceled = confirmed(s, s.room(), at(4, 14), at(4, 15), sam.id());
        studio.cancel(canceled.bookingId(), "ill", s.client());
        // far beyond the window: booked by the studio outside its rules
        BookedView farAway = studio.book(
                booking(s.room(), s.service(), at(200, 10), at(200, 11))
                        .withStaff(sam.id())
                        .forClient(s.clientId())
                        .overridingRules(),
                studio.owner());
        if ("awaiting_approval".equals(farAway.status())) {
            studio.approve(farAway.bookingId(), "ok");
        }

        Response answer = get(studio, staffLink(studio, sam.id())).expect(200);
        assertThat(answer.contentType()).startsWith("text/calendar");
        Ics feed = Ics.parse(answer.body());

        assertThat(uids(feed)).containsExactly(uid(samsSession));
        assertThat(uids(feed)).doesNotContain(uid(kimsSession), uid(pending), uid(canceled), uid(farAway));
        VEvent event = feed.only();
        assertThat(Ics.status(event)).isEqualTo("CONFIRMED");
        assertThat(Ics.startZone(event)).contains(TestStudio.ZONE.getId());
        assertThat(Ics.value(event, Property.DESCRIPTION).orElseThrow()).contains(samsSession.code());
        assertThat(feed.timeZones()).containsExactly(TestStudio.ZONE.getId());
        assertThat(feed.property("X-WR-CALNAME"))
                .hasValueSatisfying(name -> assertThat(name).contains("Engineer"));

        // approving the pending request puts it in the feed at once
        studio.approve(pending.bookingId(), "ok");
        assertThat(uids(Ics.parse(
                        get(studio, staffLink(studio, sam.id())).expect(200).body())))
                .containsExactlyInAnyOrder(uid(samsSession), uid(pending));

        // the same staff member's link asked of another studio finds nothing there
        TestStudio other = new TestStudio(api);
        get(other, staffLink(studio, sam.id())).expect(404);
    }

    @Test
    void answers304UntilTheFeedChangesAndThenTheNewContent() throws Exception {
        Setup s = setup();
        TestStudio studio = s.studio();
        Engineer sam = studio.engineer("tracking");
        confirmed(s, s.room(), at(3, 10), at(3, 11), sam.id());
        String link = staffLink(studio, sam.id());

        Response first = get(studio, link).expect(200);
        String etag = first.header("ETag").orElseThrow();
        String lastModified = first.header("Last-Modified").orElseThrow();
        // kept by the app, but asked for again every time
        assertThat(first.header("Cache-Control"))
                .hasValueSatisfying(c -> assertThat(c).contains("no-cache").doesNotContain("no-store"));

        Response unchanged = get(studio, link, Map.of("If-None-Match", etag));
        unchanged.expect(304);
        assertThat(unchanged.body()).isEmpty();
        get(studio, link, Map.of("If-Modified-Since", lastModified)).expect(304);

        // a change in the last second must not hide behind the date the client already has
        BookedView added = confirmed(s, s.room(), at(5, 10), at(5, 11), sam.id());

        Response changed = get(studio, link, Map.of("If-None-Match", etag)).expect(200);
        assertThat(changed.header("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(uids(Ics.parse(changed.body()))).contains(uid(added));
        get(studio, link, Map.of("If-Modified-Since", lastModified)).expect(200);
        get(studio, link, Map.of("If-None-Match", changed.header("ETag").orElseThrow()))
                .expect(304);

        // an event that leaves the feed is a change too
        studio.cancel(added.bookingId(), "moved on", s.client());
        Response removed =
                get(studio, link, Map.of("If-None-Match", changed.header("ETag").orElseThrow()));
        removed.expect(200);
        assertThat(uids(Ics.parse(removed.body()))).doesNotContain(uid(added));
    }

    @Test
    void aNewLinkRevokesTheOldOneAtOnceAndWrongLinksFindNothing() {
        Setup s = setup();
        TestStudio studio = s.studio();
        Engineer sam = studio.engineer("tracking");
        Engineer kim = studio.engineer("tracking");
        String old = staffLink(studio, sam.id());
        get(studio, old).expect(200);

        String fresh = staffLink(studio, sam.id());
        Response revoked = get(studio, old);
        revoked.expect(404);
        assertThat(revoked.contentType()).startsWith("application/problem+json");
        assertThat(revoked.problem().code()).isEqualTo("not_found");
        get(studio, fresh).expect(200);

        String token = fresh.substring(fresh.indexOf("token=") + 6);
        // someone else's id with this token, no token, a wrong token, an unknown or malformed id
        get(studio, "/api/calendar/ics/staff/" + kim.id() + ".ics?token=" + token)
                .expect(404);
        get(studio, "/api/calendar/ics/staff/" + sam.id() + ".ics").expect(404);
        get(studio, "/api/calendar/ics/staff/" + sam.id() + ".ics?token=" + token + "x")
                .expect(404);
        get(studio, "/api/calendar/ics/staff/" + Api.UNKNOWN_ID + ".ics?token=" + token)
                .expect(404);
        get(studio, "/api/calendar/ics/staff/not-an-id.ics?token=" + token).expect(404);
        get(studio, "/api/calendar/ics/staff/" + sam.id() + ".ics?token=" + "a".repeat(5000))
                .expect(404);
        // a staff token is no room token
        get(studio, "/api/calendar/ics/room/" + s.room() + ".ics?token=" + token)
                .expect(404);
    }

    @Test
    void aDozenParallelRequestsForOneLinkHitItsLimitCleanly() {
        Setup s = setup();
        TestStudio studio = s.studio();
        Engineer sam = studio.engineer("tracking");
        String link = staffLink(studio, sam.id());

        long started = System.nanoTime();
        List<Response> answers = Parallel.send(12, i -> get(studio, link));
        long seconds = java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds();

        // the link's allowance: 10 a minute, given back one every 6 s (a burst slowed down by a busy
        // machine may meet one more)
        long allowed = Parallel.count(answers, 200);
        assertThat(allowed).as("the link's allowance: 10 a minute").isBetween(10L, 10L + seconds / 6);
        assertThat(Parallel.count(answers, 429)).isEqualTo(12 - allowed);
        Response refused =
                answers.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.problem().code()).isEqualTo("rate_limited");
        assertThat(refused.json().get("limit").asString()).isEqualTo("calendar_per_link");
        assertThat(refused.header("Retry-After")).isPresent();
        // another link of the same network is not held back by it
        get(studio, staffLink(studio, studio.engineer("tracking").id())).expect(200);
    }

    @Test
    void aRoomFeedFollowsTheSameRules() {
        Setup s = setup();
        TestStudio studio = s.studio();
        Engineer sam = studio.engineer("tracking");
        String otherRoom = studio.room();
        BookedView here = confirmed(s, s.room(), at(3, 10), at(3, 11), sam.id());
        BookedView elsewhere = confirmed(s, otherRoom, at(3, 12), at(3, 13), sam.id());
        BookedView pending =
                studio.book(booking(s.room(), s.service(), at(4, 10), at(4, 11)).withStaff(sam.id()), s.client());

        String link = roomLink(studio, s.room());
        Response answer = get(studio, link).expect(200);
        Ics feed = Ics.parse(answer.body());
        assertThat(uids(feed)).containsExactly(uid(here));
        assertThat(uids(feed)).doesNotContain(uid(elsewhere), uid(pending));
        get(studio, link, Map.of("If-None-Match", answer.header("ETag").orElseThrow()))
                .expect(304);

        String fresh = roomLink(studio, s.room());
        get(studio, link).expect(404);
        get(studio, fresh).expect(200);
        String token = fresh.substring(fresh.indexOf("token=") + 6);
        get(studio, "/api/calendar/ics/room/" + otherRoom + ".ics?token=" + token)
                .expect(404);
        get(studio, "/api/calendar/ics/staff/" + sam.id() + ".ics?token=" + token)
                .expect(404);

        // turned off: the link stops working
        api.delete("/api/admin/rooms/" + s.room() + "/ics-token", studio.owner())
                .expect(204);
        get(studio, fresh).expect(404);
    }

    @Test
    void aRoomLinkIsOnlyMadeForARoomOfTheStudio() {
        TestStudio studio = new TestStudio(api);
        TestStudio other = new TestStudio(api);
        String othersRoom = other.room();
        long before = feeds();

        api.post("/api/admin/rooms/" + othersRoom + "/ics-token", null, studio.owner())
                .expect(404);
        api.post("/api/admin/rooms/" + Api.UNKNOWN_ID + "/ics-token", null, studio.owner())
                .expect(404);
        api.post("/api/admin/rooms/not-a-room/ics-token", null, studio.owner()).expect(400);
        api.post("/api/admin/rooms/" + studio.room() + "/ics-token", null, studio.client())
                .expect(403);

        assertThat(feeds()).as("nothing written").isEqualTo(before);
    }

    private long feeds() {
        return jdbc.sql("SELECT count(*) FROM calendar_room_feed")
                .query(Long.class)
                .single();
    }
}
