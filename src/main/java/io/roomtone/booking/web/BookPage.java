package io.roomtone.booking.web;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.Services;
import io.roomtone.identity.Studios;
import io.roomtone.shared.Validation;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The booking step, so far a summary of the chosen slot: placing a hold and requesting the booking
 * come with the next increment of the web app. The slot is not re-checked here (no hold yet); the
 * request will be, by the same rules the API applies.
 */
@Controller
class BookPage {

    /** The chosen slot, as the page shows it. */
    record Choice(Room room, Service service, Instant start, Instant end, int minutes) {}

    private final Rooms rooms;
    private final Services services;
    private final Studios studios;

    BookPage(Rooms rooms, Services services, Studios studios) {
        this.rooms = rooms;
        this.services = services;
        this.studios = studios;
    }

    @GetMapping("/book")
    String showChoice(
            @RequestParam(required = false) String room,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end,
            Model model,
            HttpServletResponse response) {
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<Room> chosenRoom =
                parse(room, "room", UUID::fromString, problems).flatMap(rooms::find);
        Optional<Service> chosenService = parse(service, "service", UUID::fromString, problems)
                .flatMap(services::find)
                .filter(s -> !s.isAddon());
        Instant from = parse(start, "start", Instant::parse, problems).orElse(null);
        Instant to = parse(end, "end", Instant::parse, problems).orElse(null);
        if (room != null && !problems.containsKey("room") && chosenRoom.isEmpty()) {
            problems.put("room", "is not a room of this studio");
        }
        if (service != null && !service.isBlank() && !problems.containsKey("service") && chosenService.isEmpty()) {
            problems.put("service", "is not a service of this studio");
        }
        try {
            new Validation()
                    .require(room, "room")
                    .period(from, "start", to, "end")
                    .check(
                            from == null
                                    || to == null
                                    || Duration.between(from, to).toDays() <= 31,
                            "end",
                            "must be at most 31 days after start")
                    .throwIfInvalid();
        } catch (io.roomtone.shared.RoomtoneException e) {
            e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
        }
        model.addAttribute("studio", studios.current());
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problems", problems);
            return "book";
        }
        model.addAttribute("choice", new Choice(chosenRoom.orElseThrow(), chosenService.orElse(null), from, to, (int)
                Duration.between(from, to).toMinutes()));
        String here = UriComponentsBuilder.fromPath("/book")
                .queryParam("room", room)
                .queryParam("service", service == null ? "" : service)
                .queryParam("start", start)
                .queryParam("end", end)
                .encode()
                .build()
                .toUriString();
        model.addAttribute("here", here);
        return "book";
    }

    private static <T> Optional<T> parse(
            String text, String field, Function<String, T> parser, Map<String, String> problems) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.strip()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            problems.put(field, "'" + text + "' is not valid");
            return Optional.empty();
        }
    }
}
