package io.roomtone.calendarsync;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A staff member's calendar at one provider, as their page and the studio desk show it.
 *
 * @param available whether the installation can connect this provider at all (its OAuth client and
 *     the encryption key are set); {@code unavailableReason} says what is missing
 */
public record StaffConnection(
        ExternalCalendar provider,
        State state,
        boolean available,
        Optional<String> unavailableReason,
        Optional<Instant> connectedAt,
        Optional<Instant> lastSuccessAt,
        Optional<String> lastError) {

    public enum State {
        CONNECTED,
        BROKEN,
        NOT_CONNECTED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
