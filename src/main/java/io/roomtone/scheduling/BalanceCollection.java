package io.roomtone.scheduling;

import java.util.Locale;
import java.util.Optional;

/** How the rest of a booking's price (what the online payment left) is collected. */
public enum BalanceCollection {
    /** The client pays it at the studio (the default). */
    AT_STUDIO,
    /**
     * Charged to the card saved at booking {@code balance_charge_hours} before the session, by a job;
     * a declined charge marks the booking "payment action needed".
     */
    AUTO_CHARGE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of {@code code}, if it names one. */
    public static Optional<BalanceCollection> of(String code) {
        for (BalanceCollection value : values()) {
            if (value.code().equals(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
