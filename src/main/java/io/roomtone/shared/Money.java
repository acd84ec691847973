package io.roomtone.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money as integer minor units (cents) and an ISO 4217 currency. Never a double:
 * fractions of a cent only appear inside {@link #percent}, which rounds half-up.
 */
public record Money(long cents, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long cents, String currencyCode) {
        return new Money(cents, Currency.getInstance(currencyCode));
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(cents, other.cents), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(cents, factor), currency);
    }

    /** This amount scaled by {@code basisPoints}/10,000 (1 bp = 0.01 %), rounded half-up to the cent. */
    public Money basisPoints(long basisPoints) {
        long scaled = BigDecimal.valueOf(cents)
                .multiply(BigDecimal.valueOf(basisPoints))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
                .longValueExact();
        return new Money(scaled, currency);
    }

    /** This amount scaled by {@code percent}/100, rounded half-up to the cent. */
    public Money percent(long percent) {
        return basisPoints(percent * 100);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot add " + other.currency + " to " + currency);
        }
    }
}
