package io.roomtone.booking.web;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The slot an artist chose on the availability page: a room, a bookable service, a start and an
 * end, and optionally the engineer or the engineer's skill they asked for (otherwise the engine
 * assigns one). It travels in the URL and in hidden form fields, so that signing in, holding and
 * holding again never make anyone choose again.
 *
 * @param staffId the engineer asked for, or null
 * @param skill the engineer's skill asked for (only narrows the alternatives offered), or null
 */
record BookChoice(Room room, Service service, Instant start, Instant end, UUID staffId, String skill) {

    public int minutes() {
        return (int) Duration.between(start, end).toMinutes();
    }

    public List<UUID> staffIds() {
        return staffId == null ? List.of() : List.of(staffId);
    }

    /** {@code /book?...} for this choice, with the add-ons chosen so far. */
    String link(AddOnChoice addOns) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/book");
        params(uri);
        addOns.params(uri);
        return uri.encode().build().toUriString();
    }

    /** Adds this choice's parameters, as the booking step reads them, to {@code uri}. */
    void params(UriComponentsBuilder uri) {
        uri.queryParam("room", room.id()).queryParam("service", service.id());
        uri.queryParam("start", start).queryParam("end", end);
        if (staffId != null) {
            uri.queryParam("staff", staffId);
        }
        if (skill != null) {
            uri.queryParam("skill", skill);
        }
    }
}
