package io.roomtone.booking.web;

import io.roomtone.availability.Availability;
import io.roomtone.availability.Slot;
import io.roomtone.availability.SlotQuery;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.shared.RoomtoneException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * When a chosen slot is gone, the free ones nearest to it, from the same search the availability
 * page uses: the same service, length and room first, then other rooms; the chosen day and the
 * following days. Nearest means closest in time to the start that was chosen.
 */
@Component
class NearestSlots {

    /** A free slot offered instead, with its room (for the label) and the link back into the step. */
    record Alternative(Slot slot, Room room, String link) {}

    static final int SAME_ROOM = 3;
    static final int IN_ALL = 6;
    private static final int DAYS = 3;

    private final Availability availability;
    private final Rooms rooms;

    NearestSlots(Availability availability, Rooms rooms) {
        this.availability = availability;
        this.rooms = rooms;
    }

    List<Alternative> near(BookChoice choice, ZoneId zone) {
        LocalDate day = choice.start().atZone(zone).toLocalDate();
        List<Slot> sameRoom = nearest(search(choice, day, choice.room().id()), choice, SAME_ROOM);
        List<Slot> offered = new ArrayList<>(sameRoom);
        List<Slot> elsewhere = search(choice, day, null).stream()
                .filter(s -> !s.roomId().equals(choice.room().id()))
                .toList();
        offered.addAll(nearest(elsewhere, choice, IN_ALL - offered.size()));
        Map<UUID, Room> byId = rooms.list(true).stream().collect(Collectors.toMap(Room::id, Function.identity()));
        return offered.stream()
                .filter(s -> byId.containsKey(s.roomId()))
                .map(s -> new Alternative(s, byId.get(s.roomId()), link(choice, s)))
                .toList();
    }

    private List<Slot> search(BookChoice choice, LocalDate day, UUID roomId) {
        try {
            return availability
                    .search(new SlotQuery(
                            day, choice.minutes(), choice.service().id(), roomId, choice.skill(), DAYS, null))
                    .slots();
        } catch (RoomtoneException e) {
            // a search the engine refuses (a day past its horizon, a length the service no longer
            // allows) simply has nothing to offer
            return List.of();
        }
    }

    private static List<Slot> nearest(List<Slot> slots, BookChoice choice, int count) {
        return slots.stream()
                .filter(s -> !(s.startAt().equals(choice.start())
                        && s.roomId().equals(choice.room().id())))
                .filter(s -> choice.staffId() == null || s.staffIds().contains(choice.staffId()))
                .sorted(Comparator.comparing((Slot s) ->
                        Duration.between(choice.start(), s.startAt()).abs()))
                .limit(Math.max(count, 0))
                .toList();
    }

    private static String link(BookChoice choice, Slot slot) {
        BookChoice other = new BookChoice(
                choice.room(), choice.service(), slot.startAt(), slot.endAt(), choice.staffId(), choice.skill());
        return org.springframework.web.util.UriComponentsBuilder.fromPath("/book")
                .queryParam("room", slot.roomId())
                .queryParam("service", other.service().id())
                .queryParam("start", other.start())
                .queryParam("end", other.end())
                .queryParamIfPresent("staff", java.util.Optional.ofNullable(other.staffId()))
                .queryParamIfPresent("skill", java.util.Optional.ofNullable(other.skill()))
                .encode()
                .build()
                .toUriString();
    }
}
