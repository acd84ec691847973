package io.roomtone.booking.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.availability.WorkingTimes;
import io.roomtone.booking.StudioCalendar;
import io.roomtone.shared.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Where the board puts things: plain values in, columns out. */
class BoardLayoutTests {

    private static final ZoneId ZONE = ZoneId.of("America/Toronto");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    @Test
    void everyServiceColourHasTextThatPassesAa() {
        for (String colour : ServiceColours.PALETTE) {
            assertThat(ServiceColours.bestContrast(colour)).as(colour).isGreaterThanOrEqualTo(4.5);
        }
        assertThat(ServiceColours.whiteReads("#000000")).isTrue();
        assertThat(ServiceColours.whiteReads("#ffffff")).isFalse();
    }

    @Test
    void aSessionIsPlacedAtItsColumnsAndTheHoursAroundTheOpeningAreShaded() {
        UUID room = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        StudioCalendar.Entry session = new StudioCalendar.Entry(
                "booking",
                id,
                "ABCD-EFGH",
                "confirmed",
                at(10, 30),
                at(12, 0),
                at(10, 30),
                at(12, 0),
                false,
                room,
                UUID.randomUUID(),
                UUID.randomUUID(),
                List.of());
        StudioCalendar.Board board = new StudioCalendar.Board(
                StudioCalendar.GroupBy.ROOM,
                at(0, 0),
                at(24, 0),
                List.of(new StudioCalendar.Row(room, "A", List.of(session))));
        WorkingTimes.Times open = new WorkingTimes.Times(
                List.of(new TimeRange(at(9, 0), at(18, 0))), List.of(new TimeRange(at(13, 0), at(14, 0))));

        BoardLayout.Board laidOut =
                new BoardLayout(ZONE, at(11, 10)).layout(board, List.of(DAY), 30, r -> open, names());

        // 09:00-18:00 in half hours: 18 columns; 10:30 is the 4th, the session spans 3
        assertThat(laidOut.frame().cols()).isEqualTo(18);
        assertThat(laidOut.frame().hours().get(0).text()).isEqualTo("09:00");
        BoardLayout.Lane lane = laidOut.rows().get(0).lanes().get(0);
        BoardLayout.Block block = lane.blocks().get(0);
        assertThat(block.col()).isEqualTo(4);
        assertThat(block.span()).isEqualTo(3);
        assertThat(block.time()).isEqualTo("10:30–12:00");
        assertThat(lane.nowCol()).isEqualTo(5);
        assertThat(lane.shades())
                .extracting(BoardLayout.Shade::kind, BoardLayout.Shade::col, BoardLayout.Shade::span)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("closed", 9, 2));
    }

    private static Instant at(int hour, int minute) {
        return DAY.atStartOfDay(ZONE).plusHours(hour).plusMinutes(minute).toInstant();
    }

    private static BoardLayout.Names names() {
        return new BoardLayout.Names() {
            @Override
            public String client(UUID id) {
                return "Ada";
            }

            @Override
            public String service(UUID id) {
                return "Recording";
            }

            @Override
            public String room(UUID id) {
                return "A";
            }

            @Override
            public String colour(UUID serviceId) {
                return ServiceColours.classesOf(serviceId);
            }
        };
    }
}
