package io.roomtone.booking.web;

import io.roomtone.availability.Availability;
import io.roomtone.availability.StudioCatalog;
import io.roomtone.availability.WorkingTimes;
import io.roomtone.booking.StudioCalendar;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Service;
import io.roomtone.identity.Clients;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The studio's calendar board, {@code /admin/calendar}: rooms (or staff) by time for a day or a
 * week, and a month overview. Server-rendered from {@link StudioCalendar#board} (one query for the
 * bookings and holds of the range), the catalog snapshot (hours, closures, services: one query for
 * its version) and the names of the clients on it (one query).
 */
@Controller
class BoardPage {

    /** Day view columns: half an hour, what a drag snaps to. */
    static final int DAY_STEP = 30;

    /** Week view columns: an hour, so a week of a long day still fits a laptop. */
    static final int WEEK_STEP = 60;

    /** One day of the month overview. */
    record MonthDay(LocalDate date, boolean inMonth, boolean today, long sessions, long requests, long holds) {}

    /** A service seen on the board, for the legend: its classes, and its own colour if it has one. */
    record Legend(String name, String classes, String ownColour) {}

    private final StudioCalendar calendar;
    private final Availability availability;
    private final Clients clients;
    private final Clock clock;

    BoardPage(StudioCalendar calendar, Availability availability, Clients clients, Clock clock) {
        this.calendar = calendar;
        this.availability = availability;
        this.clients = clients;
        this.clock = clock;
    }

    @GetMapping("/admin/calendar")
    String showBoard(
            @RequestParam(required = false) String view,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String group,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            Model model,
            HttpServletResponse response) {
        StudioCatalog catalog = availability.catalog();
        ZoneId zone = catalog.settings().timezone();
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        BoardQuery query = BoardQuery.parse(view, date, group, today);
        Instant from = query.from(zone);
        Instant to = query.to(zone);
        boolean month = query.view().equals(BoardQuery.MONTH);
        // the month counts each session once: by room, where every session has exactly one row
        StudioCalendar.Board board = calendar.board(from, to, month ? StudioCalendar.GroupBy.ROOM : query.group());

        model.addAttribute("query", query);
        // every block links to its details with the same way back: encoded once, not once per block
        model.addAttribute(
                "detailQuery",
                "?back=" + java.net.URLEncoder.encode(query.here(), java.nio.charset.StandardCharsets.UTF_8));
        model.addAttribute(
                "monthName",
                java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.ENGLISH)
                        .format(query.date()));
        model.addAttribute("today", today);
        model.addAttribute("zone", zone);
        model.addAttribute("empty", board.rows().isEmpty());
        model.addAttribute("liveTrigger", liveTrigger(query.shownDays()));
        if (month) {
            model.addAttribute("month", month(query, board, zone, today));
        } else {
            WorkingTimes working = availability.workingTimes(catalog, from, to);
            Map<UUID, String> names = clients.names(clientsOn(board));
            Map<String, Legend> legend = new LinkedHashMap<>();
            BoardLayout.Names lookup = names(catalog, names, legend);
            BoardLayout.Board laidOut = new BoardLayout(zone, now)
                    .layout(
                            board,
                            query.days(),
                            query.view().equals(BoardQuery.DAY) ? DAY_STEP : WEEK_STEP,
                            id -> query.byStaff() ? working.staffMember(id) : working.room(id),
                            lookup);
            model.addAttribute("board", laidOut);
            model.addAttribute("legend", legend.values());
            model.addAttribute(
                    "noHours",
                    !board.rows().isEmpty()
                            && board.rows().stream().allMatch(row -> (query.byStaff()
                                            ? working.staffMember(row.id())
                                            : working.room(row.id()))
                                    .open()
                                    .isEmpty()));
        }
        response.addHeader(HttpHeaders.VARY, "HX-Request");
        boolean fragment = htmx != null && historyRestore == null;
        return fragment ? "admin/board :: board" : "admin/board";
    }

    /**
     * The desk's live stream ({@code /api/admin/stream}) names each studio day a change touches: the
     * board refreshes on the days it shows, and on a {@code resync} (changes may have been missed).
     */
    static String liveTrigger(List<LocalDate> days) {
        StringBuilder trigger = new StringBuilder();
        days.forEach(day -> trigger.append("sse:day-").append(day).append(", "));
        return trigger.append("sse:resync").toString();
    }

    private static Set<UUID> clientsOn(StudioCalendar.Board board) {
        Set<UUID> ids = new HashSet<>();
        board.rows().forEach(row -> row.entries().forEach(e -> {
            if (e.clientId() != null) {
                ids.add(e.clientId());
            }
        }));
        return ids;
    }

    private static BoardLayout.Names names(
            StudioCatalog catalog, Map<UUID, String> clientNames, Map<String, Legend> legend) {
        return new BoardLayout.Names() {
            @Override
            public String client(UUID id) {
                return clientNames.getOrDefault(id, "");
            }

            @Override
            public String service(UUID id) {
                return catalog.service(id).map(Service::name).orElse("");
            }

            @Override
            public String room(UUID id) {
                return catalog.room(id).map(Room::name).orElse("");
            }

            @Override
            public String colour(UUID serviceId) {
                String own = ownColour(serviceId);
                String classes = ServiceColours.classesOf(serviceId, own);
                legend.computeIfAbsent(serviceId.toString(), key -> new Legend(service(serviceId), classes, own));
                return classes;
            }

            @Override
            public String ownColour(UUID serviceId) {
                return ServiceColours.ownColour(
                        catalog.service(serviceId).map(Service::color).orElse(null));
            }
        };
    }

    /** Per day of the month grid: confirmed sessions, requests awaiting approval, holds (each once). */
    private static List<MonthDay> month(BoardQuery query, StudioCalendar.Board board, ZoneId zone, LocalDate today) {
        Map<UUID, StudioCalendar.Entry> entries = new LinkedHashMap<>();
        board.rows().forEach(row -> row.entries().forEach(e -> entries.putIfAbsent(e.id(), e)));
        Map<LocalDate, long[]> counts = new LinkedHashMap<>();
        for (StudioCalendar.Entry entry : entries.values()) {
            long[] count = counts.computeIfAbsent(entry.startAt().atZone(zone).toLocalDate(), d -> new long[3]);
            count[entry.type().equals("hold") ? 2 : entry.status().equals("awaiting_approval") ? 1 : 0]++;
        }
        return query.monthDays().stream()
                .map(day -> {
                    long[] count = counts.getOrDefault(day, new long[3]);
                    return new MonthDay(
                            day,
                            day.getMonth() == query.date().getMonth(),
                            day.equals(today),
                            count[0],
                            count[1],
                            count[2]);
                })
                .toList();
    }
}
