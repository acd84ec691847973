package io.roomtone.payments;

import java.util.Locale;

/** How money reached the studio, or left it. */
public enum PaymentMethod {
    CASH,
    CARD_TERMINAL,
    BANK_TRANSFER,
    OTHER,
    /** A card online, through the processor. */
    CARD_ONLINE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentMethod of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The ledger account the money sits in once received this way. */
    LedgerAccount account() {
        return switch (this) {
            case CASH -> LedgerAccount.CASH;
            case CARD_ONLINE -> LedgerAccount.PROCESSOR_CLEARING;
            case CARD_TERMINAL, BANK_TRANSFER, OTHER -> LedgerAccount.BANK;
        };
    }
}
