package io.roomtone.scheduling;

import java.util.Locale;
import java.util.Optional;

/** What a client pays by card when booking online, as the studio chooses. */
public enum OnlinePayment {
    /** The deposit ({@code deposit_percent} of the price); the rest is the balance. */
    DEPOSIT,
    /** The whole price: nothing is left to collect. */
    FULL;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of {@code code}, if it names one. */
    public static Optional<OnlinePayment> of(String code) {
        for (OnlinePayment value : values()) {
            if (value.code().equals(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
