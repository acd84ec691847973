package io.roomtone.booking.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.Accounts;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeBounds;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A staff member's own sessions for a day or a week, as {@code /staff} shows them: from the query
 * {@code GET /api/me/assignments} answers with ({@link BookingQueries#assignments}), grouped by
 * studio-time day, with the room, the session and the client named.
 */
@Component
class StaffSessions {

    static final String DAY = "day";
    static final String WEEK = "week";

    /** One session of the staff member. */
    record Session(ShownBookings.Shown shown, String client) {}

    /** One day of the view, with its sessions by start. */
    record Day(LocalDate date, List<Session> sessions) {}

    /**
     * The chosen view.
     *
     * @param first the first day shown (the Monday of a week view)
     * @param previous the {@code date} of the previous day or week, {@code next} of the next
     */
    record View(String view, LocalDate first, LocalDate last, LocalDate previous, LocalDate next, List<Day> days) {

        public boolean isEmpty() {
            return days.stream().allMatch(d -> d.sessions().isEmpty());
        }

        public boolean isWeek() {
            return WEEK.equals(view);
        }
    }

    private final BookingQueries queries;
    private final ShownBookings shown;
    private final Accounts accounts;

    StaffSessions(BookingQueries queries, ShownBookings shown, Accounts accounts) {
        this.queries = queries;
        this.shown = shown;
        this.accounts = accounts;
    }

    /** {@code view} is {@code day} (the default) or {@code week}; {@code date} defaults to {@code today}. */
    View of(UUID staffId, String view, String date, LocalDate today, ZoneId zone) {
        String chosen = view == null || view.isBlank() ? DAY : view.strip();
        if (!chosen.equals(DAY) && !chosen.equals(WEEK)) {
            throw RoomtoneException.invalid("view", "must be day or week");
        }
        LocalDate day = date(date, today);
        boolean week = chosen.equals(WEEK);
        LocalDate first = week ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
        int length = week ? 7 : 1;
        LocalDate last = first.plusDays(length - 1L);
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = last.plusDays(1).atStartOfDay(zone).toInstant();
        List<Booking> bookings = queries.assignments(staffId, from, to);
        Map<UUID, String> clients = new HashMap<>();
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            LocalDate on = first.plusDays(i);
            List<Session> sessions = new ArrayList<>();
            for (Booking booking : bookings) {
                // a session belongs to the day it starts on; one that began the day before still shows on the first day
                LocalDate starts = booking.startAt().atZone(zone).toLocalDate();
                if (starts.equals(on) || (i == 0 && starts.isBefore(on))) {
                    String client = clients.computeIfAbsent(
                            booking.clientId(),
                            id -> accounts.find(id).map(UserAccount::name).orElse(""));
                    sessions.add(new Session(shown.show(booking), client));
                }
            }
            days.add(new Day(on, sessions));
        }
        return new View(chosen, first, last, first.minusDays(length), first.plusDays(length), days);
    }

    private static LocalDate date(String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            return today;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            // a week around the edge of the calendar still needs its neighbours
            if (!TimeBounds.contains(date.minusDays(14)) || !TimeBounds.contains(date.plusDays(14))) {
                throw RoomtoneException.invalid("date", TimeBounds.MESSAGE);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw RoomtoneException.invalid("date", "must be a date as YYYY-MM-DD");
        }
    }
}
