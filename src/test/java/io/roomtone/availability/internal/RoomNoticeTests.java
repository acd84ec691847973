package io.roomtone.availability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.availability.internal.LiveStreams.Audience;
import io.roomtone.availability.internal.LiveStreams.Interest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a notice carries between nodes, and which streams it reaches: no Spring, no database. */
class RoomNoticeTests {

    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static final UUID STUDIO = UUID.randomUUID();
    static final UUID ROOM = UUID.randomUUID();
    static final UUID OTHER_ROOM = UUID.randomUUID();
    static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    static RoomNotice notice(UUID room, String from, String to, boolean staff) {
        return new RoomNotice(STUDIO, room, Instant.parse(from), Instant.parse(to), staff, null);
    }

    @Test
    void aNoticeSurvivesItsPayload() {
        RoomNotice held = new RoomNotice(
                STUDIO,
                ROOM,
                Instant.parse("2026-12-03T15:00:00Z"),
                Instant.parse("2026-12-03T16:00:00Z"),
                true,
                Instant.parse("2026-12-01T12:10:00.123Z"));
        RoomNotice plain = notice(OTHER_ROOM, "2026-12-03T15:00:00Z", "2026-12-03T16:00:00Z", false);

        assertThat(RoomNotice.read(String.join("\n", RoomNotice.payloads(List.of(held, plain)))))
                .containsExactly(held, plain);
        assertThat(RoomNotice.read("garbage\n" + plain.encode() + "\na b c d e f"))
                .containsExactly(plain);
    }

    @Test
    void aThousandNoticesTravelInPayloadsUnderPostgresLimit() {
        List<RoomNotice> notices = IntStream.range(0, 1000)
                .mapToObj(i -> notice(UUID.randomUUID(), "2026-12-03T15:00:00Z", "2026-12-03T16:00:00Z", i % 2 == 0))
                .toList();

        List<String> payloads = RoomNotice.payloads(notices);

        assertThat(payloads).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length)
                .isLessThan(8000));
        assertThat(payloads.stream().flatMap(p -> RoomNotice.read(p).stream()).toList())
                .isEqualTo(notices);
    }

    @Test
    void daysAreStudioDatesAndAnEndAtMidnightTouchesNoMore() {
        // 23:00 to 01:00 in Toronto (UTC-5): two studio days
        assertThat(notice(ROOM, "2026-12-04T04:00:00Z", "2026-12-04T06:00:00Z", false)
                        .days(TORONTO))
                .containsExactly(DAY, DAY.plusDays(1));
        // 22:00 to midnight: one
        assertThat(notice(ROOM, "2026-12-04T03:00:00Z", "2026-12-04T05:00:00Z", false)
                        .days(TORONTO))
                .containsExactly(DAY);
        // a closure of a year: capped
        assertThat(notice(ROOM, "2026-01-01T05:00:00Z", "2027-01-01T05:00:00Z", false)
                        .days(TORONTO))
                .hasSize(RoomNotice.MOST_DAYS);
    }

    @Test
    void aPublicStreamHearsOnlyItsStudioRoomAndDay() {
        Interest watching = new Interest(STUDIO, ROOM, DAY, TORONTO, Audience.PUBLIC);
        RoomNotice here = notice(ROOM, "2026-12-03T15:00:00Z", "2026-12-03T16:00:00Z", false);

        assertThat(LiveStreams.eventsFor(watching, here))
                .containsExactly(new LiveStreams.Event(
                        "availability", "{\"room_id\":\"" + ROOM + "\",\"date\":\"2026-12-03\"}"));
        assertThat(LiveStreams.eventsFor(watching, notice(ROOM, "2026-12-04T15:00:00Z", "2026-12-04T16:00:00Z", false)))
                .as("another day")
                .isEmpty();
        assertThat(LiveStreams.eventsFor(
                        watching, notice(OTHER_ROOM, "2026-12-03T15:00:00Z", "2026-12-03T16:00:00Z", false)))
                .as("another room")
                .isEmpty();
        assertThat(LiveStreams.eventsFor(
                        watching, new RoomNotice(UUID.randomUUID(), ROOM, here.from(), here.to(), false, null)))
                .as("another studio")
                .isEmpty();
        assertThat(LiveStreams.eventsFor(
                        watching, notice(OTHER_ROOM, "2026-12-03T15:00:00Z", "2026-12-03T16:00:00Z", true)))
                .as("another room, but its engineer may have been needed here")
                .hasSize(1);
        assertThat(LiveStreams.eventsFor(new Interest(STUDIO, null, DAY, TORONTO, Audience.PUBLIC), here))
                .as("every room")
                .hasSize(1);
    }

    @Test
    void theDeskHearsEveryRoomWithTheDaysNamed() {
        Interest desk = new Interest(STUDIO, null, null, TORONTO, Audience.DESK);

        assertThat(
                        LiveStreams.eventsFor(
                                        desk, notice(OTHER_ROOM, "2026-12-04T04:00:00Z", "2026-12-04T06:00:00Z", false))
                                .stream()
                                .map(LiveStreams.Event::name))
                .containsExactly("changed", "day-2026-12-03", "day-2026-12-04");
    }
}
