package io.roomtone.availability.web;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The search endpoint over real HTTP: bounded (days, slots per answer with a cursor for the rest)
 * and never a 500, whatever the dates and lengths it is asked about.
 */
@RoomtoneTest
@TestPropertySource(properties = "roomtone.availability.slots-per-answer=" + AvailabilitySearchApiTests.PER_ANSWER)
class AvailabilitySearchApiTests {

    /** Odd, so that pages split the slots of one start between them. */
    static final int PER_ANSWER = 5;

    private static final ZoneId ZONE = ZoneId.of("America/Toronto");

    @Autowired
    Api api;

    private Api.OtherStudio studio;

    /** A studio open 08:00-22:00 every day on an hourly grid, with two rooms: 28 slots of an hour a day. */
    @BeforeEach
    void openStudio() {
        studio = api.newStudio();
        expect(
                api.put(
                        "/api/admin/settings",
                        json("timezone", ZONE.getId(), "slot_step_min", 60, "lead_time_min", 60),
                        studio.ownerToken()),
                200);
        expect(
                api.post(
                        "/api/admin/schedule-rules",
                        json(
                                "target_type",
                                "studio",
                                "byweekday",
                                List.of(0, 1, 2, 3, 4, 5, 6),
                                "start_time",
                                "08:00",
                                "end_time",
                                "22:00"),
                        studio.ownerToken()),
                201);
        for (int i = 0; i < 2; i++) {
            expect(api.post("/api/admin/rooms", json("name", Api.unique("Room")), studio.ownerToken()), 201);
        }
    }

    private Response search(String body) {
        return api.send("POST", "/api/availability/search", body, null, Map.of("X-Studio", studio.slug()));
    }

    private static String inThreeDays() {
        return LocalDate.now(ZONE).plusDays(3).toString();
    }

    @Test
    void aLongAnswerComesInPagesThatFollowTheirCursorsToTheEnd() {
        List<JsonNode> slots = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page =
                    expect(search(json("date", inThreeDays(), "duration_min", 60, "days", 1, "cursor", cursor)), 200);
            List<JsonNode> these = page.json().get("slots").valueStream().toList();
            assertThat(these).hasSizeLessThanOrEqualTo(PER_ANSWER).isNotEmpty();
            slots.addAll(these);
            JsonNode next = page.json().get("next");
            cursor = next == null || next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);

        assertThat(slots).hasSize(28);
        assertThat(pages).isEqualTo(6);
        Set<String> distinct = new HashSet<>();
        Instant previous = Instant.MIN;
        for (JsonNode slot : slots) {
            assertThat(distinct.add(slot.get("start_at").asString() + " "
                            + slot.get("room_id").asString()))
                    .as("no slot twice: %s", slot)
                    .isTrue();
            Instant start = Instant.parse(slot.get("start_at").asString());
            assertThat(start).isAfterOrEqualTo(previous);
            previous = start;
        }
    }

    @Test
    void anAnswerThatFitsOnePageHasNoCursor() {
        Response page = expect(search(json("date", inThreeDays(), "duration_min", 840)), 200);

        assertThat(page.json().get("slots").size()).isEqualTo(2);
        assertThat(page.json().get("next").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor", "MS54LjA", "Mi4xMjM0LjA", "MS4xMjM0LTE", "MS45OTk5OTk5OTk5OTk5OTk5OTkuMA"})
    void anUnknownCursorIsA400NamingIt(String cursor) {
        assertInvalid(search(json("date", inThreeDays(), "duration_min", 60, "cursor", cursor)), "cursor");
        assertInvalid(
                search(json(
                        "date",
                        inThreeDays(),
                        "duration_min",
                        60,
                        "cursor",
                        Base64.getUrlEncoder().encodeToString("1.60.-1".getBytes(StandardCharsets.US_ASCII)))),
                "cursor");
    }

    @Test
    void daysAreBetweenOneAndFourteen() {
        assertInvalid(search(json("date", inThreeDays(), "duration_min", 60, "days", 15)), "days");
        assertInvalid(search(json("date", inThreeDays(), "duration_min", 60, "days", 0)), "days");
        assertInvalid(search(json("date", inThreeDays(), "duration_min", 60, "days", -1)), "days");
        assertInvalid(search(json("date", inThreeDays(), "duration_min", 60, "days", Integer.MAX_VALUE)), "days");
        expect(search(json("date", inThreeDays(), "duration_min", 60, "days", 14)), 200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "-999999999-01-01", "1999-12-31", "+10000-01-01", "0000-01-01"})
    void datesAtTheEdgesOfTimeAreA400NamingTheDate(String date) {
        assertInvalid(search(json("date", date, "duration_min", 60, "days", 14)), "date");
    }

    @Test
    void aDateBeyondWhatJavaTimeCanHoldIsA400NamingTheDate() {
        assertInvalid(search(json("date", "+1000000000-01-01", "duration_min", 60)), "date");
    }

    @Test
    void theLastDatesSearchableGiveNoSlotsRatherThanAnOverflow() {
        Response last = expect(search(json("date", "9999-12-31", "duration_min", 60, "days", 14)), 200);
        Response beyondHorizon = expect(search(json("date", "3000-01-01", "duration_min", 60)), 200);
        Response past = expect(search(json("date", "2000-01-01", "duration_min", 60, "days", 14)), 200);

        assertThat(last.json().get("slots").size()).isZero();
        assertThat(beyondHorizon.json().get("slots").size()).isZero();
        assertThat(past.json().get("slots").size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -60, 1441, Integer.MAX_VALUE, Integer.MIN_VALUE, 2_147_483_648L})
    void durationsOutsideOneMinuteToOneDayAreA400NamingTheField(long minutes) {
        assertInvalid(search(json("date", inThreeDays(), "duration_min", minutes)), "duration_min");
    }

    private static void assertInvalid(Response response, String field) {
        response.expect(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problem().code()).isEqualTo("validation_failed");
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("field")
                        .asString()))
                .as(response.toString())
                .contains(field);
    }

    private static Response expect(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }
}
