package io.roomtone.booking.web;

import io.roomtone.booking.StudioCalendar;
import io.roomtone.shared.RoomtoneException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the board shows, read from its query parameters ({@code ?view=week&date=2026-12-01&group=staff}):
 * anything that cannot be read is a 400 naming the parameter, never a 500 and never a guess.
 */
record BoardQuery(String view, LocalDate date, StudioCalendar.GroupBy group) {

    static final String DAY = "day";
    static final String WEEK = "week";
    static final String MONTH = "month";

    /** Dates the board shows: the years a studio works in, far from where time arithmetic overflows. */
    private static final LocalDate FIRST = LocalDate.of(2000, 1, 1);

    private static final LocalDate LAST = LocalDate.of(2999, 12, 31);

    static BoardQuery parse(String view, String date, String group, LocalDate today) {
        String shown = view == null || view.isBlank() ? DAY : view.strip();
        if (!List.of(DAY, WEEK, MONTH).contains(shown)) {
            throw RoomtoneException.invalid("view", "must be day, week or month");
        }
        LocalDate day = today;
        if (date != null && !date.isBlank()) {
            try {
                day = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                throw RoomtoneException.invalid("date", "must be a date like 2026-12-01");
            }
        }
        if (day.isBefore(FIRST) || day.isAfter(LAST)) {
            throw RoomtoneException.invalid("date", "must be between " + FIRST + " and " + LAST);
        }
        StudioCalendar.GroupBy by;
        if (group == null || group.isBlank() || group.strip().equals("room")) {
            by = StudioCalendar.GroupBy.ROOM;
        } else if (group.strip().equals("staff")) {
            by = StudioCalendar.GroupBy.STAFF;
        } else {
            throw RoomtoneException.invalid("group", "must be room or staff");
        }
        return new BoardQuery(shown, day, by);
    }

    /** The days of the lanes: the date, or its week from Monday. */
    public List<LocalDate> days() {
        if (view.equals(DAY)) {
            return List.of(date);
        }
        LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return Stream.iterate(monday, d -> d.plusDays(1)).limit(7).toList();
    }

    /** The month overview's days: whole weeks from the Monday on or before the 1st to the Sunday on or after the last. */
    public List<LocalDate> monthDays() {
        LocalDate first = date.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate last =
                date.with(TemporalAdjusters.lastDayOfMonth()).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        return first.datesUntil(last.plusDays(1)).toList();
    }

    public List<LocalDate> shownDays() {
        return view.equals(MONTH) ? monthDays() : days();
    }

    Instant from(ZoneId zone) {
        return shownDays().get(0).atStartOfDay(zone).toInstant();
    }

    Instant to(ZoneId zone) {
        List<LocalDate> days = shownDays();
        return days.get(days.size() - 1).plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean byStaff() {
        return group == StudioCalendar.GroupBy.STAFF;
    }

    /** The date one step back ({@code -1}) or forward ({@code 1}) in this view. */
    public LocalDate step(int direction) {
        return switch (view) {
            case WEEK -> date.plusWeeks(direction);
            case MONTH -> date.plusMonths(direction);
            default -> date.plusDays(direction);
        };
    }

    /** This board's address with some of its parameters changed; the default group is left out. */
    public String url(String toView, LocalDate toDate, StudioCalendar.GroupBy toGroup) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/admin/calendar")
                .queryParam("view", toView)
                .queryParam("date", toDate);
        if (toGroup == StudioCalendar.GroupBy.STAFF) {
            url.queryParam("group", "staff");
        }
        return url.build().toUriString();
    }

    public String here() {
        return url(view, date, group);
    }

    public String withDate(LocalDate to) {
        return url(view, to, group);
    }

    public String withView(String to) {
        return url(to, date, group);
    }

    public String withGroup(StudioCalendar.GroupBy to) {
        return url(view, date, to);
    }

    public String byRoom() {
        return withGroup(StudioCalendar.GroupBy.ROOM);
    }

    public String byStaffMember() {
        return withGroup(StudioCalendar.GroupBy.STAFF);
    }

    public String dayOf(LocalDate day) {
        return url(DAY, day, group);
    }
}
