package io.roomtone.booking.web;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.Services;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Texts;
import io.roomtone.shared.Validation;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reads a {@link BookChoice} from the text of a request. Only what cannot even be read, or names
 * something this studio does not have, is refused here; whether the slot can be booked (hours, lead
 * time, horizon, limits) is decided by the hold and the booking, with the API's words.
 */
@Component
class ChoiceForm {

    /** What a request asked for, as typed. */
    record Typed(String room, String service, String start, String end, String staff, String skill) {}

    /** The choice, or the problems of the request keyed by field. */
    record Read(Optional<BookChoice> choice, Map<String, String> problems) {}

    // the dates the availability page offers: nothing else is a slot anyone chose
    private static final Instant FIRST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T00:00:00Z");
    private static final int MAX_SKILL_LENGTH = 100;

    private final Rooms rooms;
    private final Services services;
    private final StaffMembers staff;

    ChoiceForm(Rooms rooms, Services services, StaffMembers staff) {
        this.rooms = rooms;
        this.services = services;
        this.staff = staff;
    }

    Read read(Typed typed) {
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<Room> room =
                id(typed.room(), "room", problems).flatMap(rooms::find).filter(Room::active);
        Optional<Service> service = id(typed.service(), "service", problems)
                .flatMap(services::find)
                .filter(s -> s.active() && !s.isAddon());
        if (!blank(typed.room()) && !problems.containsKey("room") && room.isEmpty()) {
            problems.put("room", "is not a room of this studio");
        }
        if (!blank(typed.service()) && !problems.containsKey("service") && service.isEmpty()) {
            problems.put("service", "is not a service of this studio");
        }
        Instant start = instant(typed.start(), "start", problems);
        Instant end = instant(typed.end(), "end", problems);
        Optional<UUID> staffId = id(typed.staff(), "staff", problems);
        if (staffId.isPresent()
                && staff.find(staffId.get()).filter(StaffMember::active).isEmpty()) {
            problems.put("staff", "is not an engineer of this studio");
        }
        String skill = blank(typed.skill()) ? null : typed.skill().strip();
        if (skill != null && (skill.length() > MAX_SKILL_LENGTH || Texts.hasInvisible(skill))) {
            problems.put("skill", "is not a skill");
        }
        try {
            new Validation()
                    .require(typed.room(), "room")
                    .require(typed.service(), "service")
                    .period(start, "start", end, "end")
                    .check(
                            start == null
                                    || end == null
                                    || Duration.between(start, end).toDays() < 1,
                            "end",
                            "must be less than a day after start")
                    .throwIfInvalid();
        } catch (RoomtoneException e) {
            e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
        }
        if (!problems.isEmpty()) {
            return new Read(Optional.empty(), problems);
        }
        return new Read(
                Optional.of(new BookChoice(
                        room.orElseThrow(), service.orElseThrow(), start, end, staffId.orElse(null), skill)),
                problems);
    }

    private static Optional<UUID> id(String text, String field, Map<String, String> problems) {
        if (blank(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            problems.put(field, "'" + text + "' is not valid");
            return Optional.empty();
        }
    }

    private static Instant instant(String text, String field, Map<String, String> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            Instant value = Instant.parse(text.strip());
            if (value.isBefore(FIRST) || value.isAfter(LAST)) {
                problems.put(field, "must be between 2000-01-01 and 9999-12-31");
                return null;
            }
            return value;
        } catch (DateTimeParseException e) {
            problems.put(field, "'" + text + "' is not valid");
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
