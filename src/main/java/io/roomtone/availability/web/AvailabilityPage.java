package io.roomtone.availability.web;

import io.roomtone.availability.Availability;
import io.roomtone.availability.Slot;
import io.roomtone.availability.SlotPage;
import io.roomtone.availability.SlotQuery;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.Services;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.shared.FieldProblem;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The free slots of one day, per room, from the same {@link Availability#search} the API answers
 * with. A plain GET form; htmx asks for the {@code finder} fragment only and swaps it in place.
 * Parameters arrive as text so that a mistyped one is shown next to its field, never a 500.
 */
@Controller
class AvailabilityPage {

    /** The slots of one room, in the order the engine returned them. */
    record RoomSlots(Room room, List<Slot> slots) {}

    /** What the visitor typed, echoed back into the form as typed. */
    record Filters(String date, String service, String duration, String room) {}

    private static final int DEFAULT_MINUTES_WITHOUT_SERVICE = 60;
    private static final int WEEK = 7;

    private final Availability availability;
    private final Rooms rooms;
    private final Services services;
    private final Studios studios;

    AvailabilityPage(Availability availability, Rooms rooms, Services services, Studios studios) {
        this.availability = availability;
        this.rooms = rooms;
        this.services = services;
        this.studios = studios;
    }

    @GetMapping("/availability")
    String showAvailability(
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String duration,
            @RequestParam(required = false) String room,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            Model model,
            HttpServletResponse response) {
        Studio studio = studios.current();
        List<Room> roomList = rooms.list(true);
        List<Service> offered =
                services.list(true).stream().filter(s -> !s.isAddon()).toList();
        SearchForm form = new SearchForm(studio.timezone(), date, service, duration, room);
        // a first visit picks the first service, so that the page shows times at once
        UUID serviceId = form.serviceId()
                .orElse(service == null && !offered.isEmpty() ? offered.get(0).id() : null);
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        LocalDate day = form.date();

        List<RoomSlots> groups = List.of();
        boolean more = false;
        String refusal = null;
        if (problems.isEmpty() && !offered.isEmpty()) {
            try {
                Integer minutes = form.minutes().orElse(serviceId == null ? DEFAULT_MINUTES_WITHOUT_SERVICE : null);
                SlotPage page = availability.search(
                        new SlotQuery(day, minutes, serviceId, form.roomId().orElse(null), null, 1, null));
                groups = byRoom(roomList, page.slots());
                more = page.next().isPresent();
            } catch (RoomtoneException e) {
                if (e.fieldProblems().isEmpty()) {
                    refusal = e.getMessage();
                }
                for (FieldProblem problem : e.fieldProblems()) {
                    problems.putIfAbsent(SearchForm.pageField(problem.field()), problem.message());
                }
            }
        }
        if (!problems.isEmpty() || refusal != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        // the same URL answers a whole page or, to htmx, a fragment: caches must keep them apart
        response.addHeader(HttpHeaders.VARY, "HX-Request");

        model.addAttribute("studio", studio);
        model.addAttribute("services", offered);
        model.addAttribute("rooms", roomList);
        model.addAttribute(
                "filters",
                new Filters(
                        date == null ? day.toString() : date,
                        serviceId == null ? "" : serviceId.toString(),
                        duration == null ? "" : duration,
                        room == null ? "" : room));
        model.addAttribute("problems", problems);
        model.addAttribute("refusal", refusal);
        model.addAttribute("day", day);
        model.addAttribute(
                "week",
                IntStream.range(0, WEEK).mapToObj(form.weekStart()::plusDays).toList());
        model.addAttribute("groups", groups);
        model.addAttribute(
                "count", groups.stream().mapToInt(g -> g.slots().size()).sum());
        model.addAttribute("more", more);
        boolean fragment = htmx != null && historyRestore == null;
        return fragment ? "availability :: finder" : "availability";
    }

    /** Slots grouped per room, rooms in the studio's order; rooms without a free slot are left out. */
    private static List<RoomSlots> byRoom(List<Room> rooms, List<Slot> slots) {
        return rooms.stream()
                .map(r -> new RoomSlots(
                        r, slots.stream().filter(s -> s.roomId().equals(r.id())).toList()))
                .filter(g -> !g.slots().isEmpty())
                .toList();
    }
}
