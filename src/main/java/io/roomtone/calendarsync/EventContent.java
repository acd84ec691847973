package io.roomtone.calendarsync;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What goes into a staff member's calendar for a session: the booking code and the room (nothing
 * else personal), the times in the studio's zone, and the client as an optional guest only where the
 * studio allows it.
 */
record EventContent(
        String code, String roomName, Instant startAt, Instant endAt, ZoneId zone, Optional<String> guestEmail) {

    String summary() {
        return code + " · " + roomName;
    }

    String description() {
        return "Roomtone booking " + code;
    }
}
