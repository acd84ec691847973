package io.roomtone.booking;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.HoldView;
import io.roomtone.support.MovableClock;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SlotsView;
import io.roomtone.support.TestStudio;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A hold's expiry is set by the application clock, so search, hold and booking all judge it by that
 * clock. These tests move the application clock away from PostgreSQL's {@code now()}: whichever of
 * the two a piece of SQL trusted, one of them fails.
 */
@RoomtoneTest
class BookingHoldClockTests {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    Api api;

    @Autowired
    MovableClock clock;

    TestStudio studio;
    String room;
    String service;

    @BeforeEach
    void openStudio() {
        clock.reset();
        studio = new TestStudio(api).openWithApproval();
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aHoldExpiredByTheApplicationClockNoLongerBlocksABooking() {
        String holder = studio.client();
        Response hold = hold(holder, at(4, 14), at(4, 15));
        assertThat(free(4, at(4, 14))).isFalse();

        // the hold is over for the application; the database's now() still sees 15 minutes left
        clock.moveTo(expiresAt(hold).plusSeconds(1));

        assertThat(free(4, at(4, 14))).isTrue();
        Response late =
                studio.request(booking(room, service, at(4, 14), at(4, 15)).withHold(holdId(hold)), holder);
        late.expect(409);
        assertThat(late.problem().code()).isEqualTo("conflict");
        studio.request(booking(room, service, at(4, 14), at(4, 15)), studio.client())
                .expect(201);
        assertThat(free(4, at(4, 14))).isFalse();
    }

    @Test
    void holdsExpiredByTheApplicationClockNoLongerCountAgainstTheLimit() {
        String client = studio.client();
        Instant lastExpiry = null;
        for (int hour = 9; hour < 9 + Holds.MAX_ACTIVE_HOLDS; hour++) {
            lastExpiry = expiresAt(hold(client, at(6, hour), at(6, hour + 1)));
        }
        api.post("/api/holds", holdBody(at(6, 15), at(6, 16)), client).expect(409);

        clock.moveTo(lastExpiry.plusSeconds(1));

        hold(client, at(6, 15), at(6, 16));
    }

    @Test
    void aHoldValidByTheApplicationClockKeepsItsSlotWhateverTheDatabaseClockSays() {
        // the application runs an hour behind the database: holds it places are already "expired"
        // for PostgreSQL's now(), and valid for the application, which set their expiry
        clock.shift(Duration.ofHours(-1));
        String holder = studio.client();
        Response hold = hold(holder, at(5, 10), at(5, 11));
        assertThat(expiresAt(hold)).isBefore(Instant.now());

        assertThat(free(5, at(5, 10))).isFalse();
        assertThat(api.get("/api/admin/calendar?from=" + at(5, 0) + "&to=" + at(6, 0) + "&groupBy=room", studio.owner())
                        .json()
                        .findValuesAsString("id"))
                .contains(holdId(hold));
        Response stolen = studio.request(booking(room, service, at(5, 10), at(5, 11)), studio.client());
        stolen.expect(409);
        assertThat(stolen.problem().code()).isEqualTo("slot_unavailable");
        studio.request(booking(room, service, at(5, 10), at(5, 11)).withHold(holdId(hold)), holder)
                .expect(201);
    }

    private Response hold(String token, String start, String end) {
        return api.post("/api/holds", holdBody(start, end), token).expect(201);
    }

    private String holdBody(String start, String end) {
        return json("room_id", room, "start_at", start, "end_at", end, "service_id", service);
    }

    private static String holdId(Response hold) {
        return hold.as(HoldView.class).holdId();
    }

    private static Instant expiresAt(Response hold) {
        return Instant.parse(hold.as(HoldView.class).expiresAt());
    }

    /** Whether a search of the day {@code daysAhead} offers the room at {@code start}. */
    private boolean free(int daysAhead, String start) {
        String date = LocalDate.now(TestStudio.ZONE).plusDays(daysAhead).toString();
        Response response = studio.anonymous(
                "/api/availability/search",
                json("date", date, "duration_min", 60, "service_id", service, "room_id", room));
        response.expect(200);
        List<String> starts = response.as(SlotsView.class).starts();
        return starts.contains(start);
    }
}
