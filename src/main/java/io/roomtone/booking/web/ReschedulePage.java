package io.roomtone.booking.web;

import io.roomtone.availability.Availability;
import io.roomtone.availability.Slot;
import io.roomtone.availability.SlotQuery;
import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingChanges;
import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studios;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.TimeBounds;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Moving a booking in three steps, each a real page: pick a day and one of its free times (the
 * same {@link Availability#search} the availability page asks, for the booking's own room, session
 * and length), see what the move costs under the booking's snapshotted policy, confirm. The
 * confirmation carries the fee that was shown; if it changed meanwhile nothing moves and the new
 * fee is shown. A refused time (taken, too soon, beyond the horizon) brings back the day's free
 * times with the problem named and the nearest alternatives, and writes nothing.
 */
@Controller
class ReschedulePage {

    private static final int WEEK = 7;
    private static final int ALTERNATIVES = 3;
    /** The dates the slot search accepts (availability's own bounds). */
    private static final LocalDate FIRST = LocalDate.of(2000, 1, 1);

    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    private final BookingQueries queries;
    private final BookingChanges changes;
    private final Availability availability;
    private final ShownBookings shown;
    private final Studios studios;
    private final Clock clock;

    ReschedulePage(
            BookingQueries queries,
            BookingChanges changes,
            Availability availability,
            ShownBookings shown,
            Studios studios,
            Clock clock) {
        this.queries = queries;
        this.changes = changes;
        this.availability = availability;
        this.shown = shown;
        this.studios = studios;
        this.clock = clock;
    }

    @GetMapping("/me/bookings/{code}/reschedule")
    String showTimes(
            @PathVariable String code,
            @RequestParam(required = false) String date,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        BookingQueries.Detail detail = movable(code, viewer);
        ZoneId zone = studios.current().timezone();
        Map<String, String> problems = new LinkedHashMap<>();
        LocalDate day = defaultDay(detail.booking(), zone);
        if (date != null && !date.isBlank()) {
            try {
                LocalDate parsed = LocalDate.parse(date.strip());
                if (!TimeBounds.contains(parsed)) {
                    throw new DateTimeException(TimeBounds.MESSAGE);
                }
                day = parsed;
            } catch (DateTimeException e) {
                problems.put(
                        "date",
                        e.getMessage().equals(TimeBounds.MESSAGE)
                                ? TimeBounds.MESSAGE
                                : "'" + date + "' is not a date (YYYY-MM-DD)");
            }
        }
        return times(detail, day, date, problems, null, null, model, response, viewer);
    }

    @GetMapping("/me/bookings/{code}/reschedule/confirm")
    String confirmTime(
            @PathVariable String code,
            @RequestParam(required = false) String start,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        BookingQueries.Detail detail = movable(code, viewer);
        Booking booking = detail.booking();
        Instant newStart = parseStart(start);
        Instant newEnd = endOf(booking, newStart);
        try {
            BookingChanges.ReschedulePreview preview =
                    changes.previewReschedule(booking.id(), newStart, newEnd, viewer);
            return confirmation(detail, preview, false, model);
        } catch (RoomtoneException e) {
            return refused(detail, newStart, e, model, response, viewer);
        }
    }

    @PostMapping("/me/bookings/{code}/reschedule")
    String move(
            @PathVariable String code,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String fee,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        BookingQueries.Detail detail = queries.ownByCode(code, viewer);
        Booking booking = detail.booking();
        Instant newStart = parseStart(start);
        Instant newEnd = endOf(booking, newStart);
        long shownFee = parseFee(fee);
        try {
            changes.reschedule(booking.id(), newStart, newEnd, shownFee, viewer);
        } catch (RoomtoneException e) {
            if (e.code() == ProblemCode.CONFLICT) {
                // the fee changed since it was shown: show the fee that applies now, move nothing
                response.setStatus(e.code().status());
                return confirmation(
                        detail, changes.previewReschedule(booking.id(), newStart, newEnd, viewer), true, model);
            }
            return refused(detail, newStart, e, model, response, viewer);
        }
        return "redirect:/me/bookings/" + booking.code() + "?done=rescheduled";
    }

    /** The booking, if it can still be moved; a 409 page naming its status otherwise. */
    private BookingQueries.Detail movable(String code, CurrentUser viewer) {
        BookingQueries.Detail detail = queries.ownByCode(code, viewer);
        if (!detail.mayReschedule()) {
            throw new RoomtoneException(
                    ProblemCode.INVALID_TRANSITION,
                    "Booking " + detail.booking().code() + " is "
                            + detail.booking().status().json() + " and cannot be rescheduled online.");
        }
        return detail;
    }

    String confirmation(
            BookingQueries.Detail detail, BookingChanges.ReschedulePreview preview, boolean changed, Model model) {
        model.addAttribute("detail", detail);
        model.addAttribute("shown", shown.show(detail.booking()));
        model.addAttribute("preview", preview);
        model.addAttribute("changed", changed);
        return "me/reschedule-confirm";
    }

    /**
     * A time the engine (or the rules of a move) refused: the day's free times again with the
     * problem, and the nearest free times first when the slot was taken. Other refusals (the
     * booking's status, someone else's booking) are the error page.
     */
    String refused(
            BookingQueries.Detail detail,
            Instant asked,
            RoomtoneException e,
            Model model,
            HttpServletResponse response,
            CurrentUser viewer) {
        if (e.code() != ProblemCode.SLOT_UNAVAILABLE && e.code() != ProblemCode.VALIDATION_FAILED) {
            throw e;
        }
        ZoneId zone = studios.current().timezone();
        LocalDate day = defaultDay(detail.booking(), zone);
        try {
            LocalDate askedDay = asked.atZone(zone).toLocalDate();
            if (!askedDay.isBefore(today(zone)) && !askedDay.isAfter(LAST)) {
                day = askedDay;
            }
        } catch (DateTimeException outsideCalendar) {
            // a start beyond the years java.time can show: stay on the default day
        }
        String refusal = describe(e);
        String view =
                times(detail, day, day.toString(), new LinkedHashMap<>(), refusal, asked, model, response, viewer);
        response.setStatus(e.code().status());
        return view;
    }

    private String times(
            BookingQueries.Detail detail,
            LocalDate day,
            String typed,
            Map<String, String> problems,
            String refusal,
            Instant asked,
            Model model,
            HttpServletResponse response,
            CurrentUser viewer) {
        ShownBookings.Shown booking = shown.show(detail.booking());
        ZoneId zone = studios.current().timezone();
        List<Slot> slots = List.of();
        String searchRefusal = null;
        if (problems.isEmpty()) {
            try {
                slots = freeTimes(booking, day);
            } catch (RoomtoneException e) {
                if (e.fieldProblems().stream().anyMatch(p -> p.field().equals("date"))) {
                    problems.put("date", e.fieldProblems().get(0).message());
                } else {
                    searchRefusal = describe(e);
                }
            }
        }
        if (!problems.isEmpty() || searchRefusal != null) {
            response.setStatus(400);
        }
        List<Slot> alternatives = asked == null
                ? List.of()
                : slots.stream()
                        .sorted(Comparator.comparing(
                                (Slot s) -> Duration.between(asked, s.startAt()).abs()))
                        .limit(ALTERNATIVES)
                        .sorted(Comparator.comparing(Slot::startAt))
                        .toList();
        LocalDate weekStart = day.minusDays(3).isBefore(today(zone)) ? today(zone) : day.minusDays(3);
        if (weekStart.isAfter(LAST.minusDays(WEEK - 1))) {
            weekStart = LAST.minusDays(WEEK - 1);
        }
        model.addAttribute("detail", detail);
        model.addAttribute("shown", booking);
        model.addAttribute("day", day);
        model.addAttribute("typedDate", typed == null || typed.isBlank() ? day.toString() : typed);
        model.addAttribute(
                "week", IntStream.range(0, WEEK).mapToObj(weekStart::plusDays).toList());
        model.addAttribute("slots", slots);
        model.addAttribute("problems", problems);
        model.addAttribute("refusal", refusal != null ? refusal : searchRefusal);
        model.addAttribute("taken", asked != null && refusal != null && !alternatives.isEmpty());
        model.addAttribute("alternatives", alternatives);
        model.addAttribute("feeNow", changes.rescheduleFeeNow(detail.booking().id(), viewer));
        return "me/reschedule";
    }

    /** The day's free times for the booking's room, session and length, with its staff free too. */
    private List<Slot> freeTimes(ShownBookings.Shown booking, LocalDate day) {
        Booking b = booking.booking();
        List<Slot> all = availability
                .search(new SlotQuery(day, booking.minutes(), booking.sessionServiceId(), b.roomId(), null, 1, null))
                .slots();
        return all.stream()
                .filter(s -> s.roomId().equals(b.roomId()))
                .filter(s -> s.staffIds().isEmpty() || s.staffIds().containsAll(b.staffIds()))
                .filter(s -> !s.startAt().equals(b.startAt()))
                .toList();
    }

    /** The day the picker opens on: the booking's own day while it is still ahead, else today. */
    private LocalDate defaultDay(Booking booking, ZoneId zone) {
        LocalDate own = booking.startAt().atZone(zone).toLocalDate();
        LocalDate today = today(zone);
        return own.isBefore(today) ? today : own;
    }

    private LocalDate today(ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return today.isBefore(FIRST) ? FIRST : today;
    }

    static Instant parseStart(String start) {
        if (start == null || start.isBlank()) {
            throw RoomtoneException.invalid("start", "is required: pick one of the free times");
        }
        Instant parsed;
        try {
            parsed = Instant.parse(start.strip());
        } catch (DateTimeException e) {
            throw RoomtoneException.invalid("start", "'" + start + "' is not a valid time");
        }
        if (!TimeBounds.contains(parsed)) {
            throw RoomtoneException.invalid("start", TimeBounds.MESSAGE);
        }
        return parsed;
    }

    static Instant endOf(Booking booking, Instant newStart) {
        try {
            return newStart.plus(Duration.between(booking.startAt(), booking.endAt()));
        } catch (DateTimeException | ArithmeticException e) {
            throw RoomtoneException.invalid("start", "is too far in the future");
        }
    }

    static long parseFee(String fee) {
        try {
            long cents = Long.parseLong(fee == null ? "" : fee.strip());
            if (cents >= 0) {
                return cents;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw RoomtoneException.invalid("fee", "must be the fee you were shown, in cents");
    }

    /** The problem in the page's words: the API names the new slot's fields start_at and new_start_at. */
    static String describe(RoomtoneException e) {
        if (e.fieldProblems().isEmpty()) {
            return e.getMessage();
        }
        return e.fieldProblems().stream()
                .map(p -> pageField(p.field()) + ": " + p.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse(e.getMessage());
    }

    private static String pageField(String field) {
        return switch (field) {
            case "start_at", "new_start_at" -> "start";
            case "end_at", "new_end_at" -> "end";
            case "duration_min" -> "length";
            case "service_id" -> "service";
            case "room_id" -> "room";
            default -> field;
        };
    }
}
