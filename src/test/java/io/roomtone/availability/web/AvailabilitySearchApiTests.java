package io.roomtone.availability.web;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Api.Response;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SlotView;
import io.roomtone.support.SlotsView;
import io.roomtone.support.TestStudio;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The search endpoint over real HTTP: bounded (days, slots per answer with a cursor for the rest)
 * and never a 500, whatever the dates and lengths it is asked about.
 */
@RoomtoneTest
@TestPropertySource(properties = "roomtone.availability.slots-per-answer=" + AvailabilitySearchApiTests.PER_ANSWER)
class AvailabilitySearchApiTests {

    /** Odd, so that pages split the slots of one start between them. */
    static final int PER_ANSWER = 5;

    @Autowired
    Api api;

    private TestStudio studio;

    /** A studio open 08:00-22:00 every day on an hourly grid, with two rooms: 28 slots of an hour a day. */
    @BeforeEach
    void openStudio() {
        studio = new TestStudio(api).openWithoutApproval().updateSettings("slot_step_min", 60);
        studio.room();
        studio.room();
    }

    private Response search(String body) {
        return studio.anonymous("/api/availability/search", body);
    }

    private static String inThreeDays() {
        return LocalDate.now(TestStudio.ZONE).plusDays(3).toString();
    }

    @Test
    void aLongAnswerComesInPagesThatFollowTheirCursorsToTheEnd() {
        List<SlotView> slots = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            SlotsView page = search(json("date", inThreeDays(), "duration_min", 60, "days", 1, "cursor", cursor))
                    .expect(200)
                    .as(SlotsView.class);
            assertThat(page.slots()).hasSizeLessThanOrEqualTo(PER_ANSWER).isNotEmpty();
            slots.addAll(page.slots());
            cursor = page.next();
            pages++;
        } while (cursor != null);

        assertThat(slots).hasSize(28);
        assertThat(pages).isEqualTo(6);
        Set<String> distinct = new HashSet<>();
        Instant previous = Instant.MIN;
        for (SlotView slot : slots) {
            assertThat(distinct.add(slot.startAt() + " " + slot.roomId()))
                    .as("no slot twice: %s", slot)
                    .isTrue();
            Instant start = Instant.parse(slot.startAt());
            assertThat(start).isAfterOrEqualTo(previous);
            previous = start;
        }
    }

    @Test
    void anAnswerThatFitsOnePageHasNoCursor() {
        SlotsView page = search(json("date", inThreeDays(), "duration_min", 840))
                .expect(200)
                .as(SlotsView.class);

        assertThat(page.slots()).hasSize(2);
        assertThat(page.next()).isNull();
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
        search(json("date", inThreeDays(), "duration_min", 60, "days", 14)).expect(200);
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
        SlotsView last = search(json("date", "9999-12-31", "duration_min", 60, "days", 14))
                .expect(200)
                .as(SlotsView.class);
        SlotsView beyondHorizon = search(json("date", "3000-01-01", "duration_min", 60))
                .expect(200)
                .as(SlotsView.class);
        SlotsView past = search(json("date", "2000-01-01", "duration_min", 60, "days", 14))
                .expect(200)
                .as(SlotsView.class);

        assertThat(last.slots()).isEmpty();
        assertThat(beyondHorizon.slots()).isEmpty();
        assertThat(past.slots()).isEmpty();
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
        assertThat(response.problem().fields()).as(response.toString()).contains(field);
    }
}
