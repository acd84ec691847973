package io.roomtone.payouts;

import io.roomtone.payments.LedgerAccount;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a staff member was paid: from the till, or from the studio's bank. */
public enum PayoutMethod {
    CASH,
    BANK_TRANSFER;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method named {@code code} ({@code cash}, {@code bank_transfer}), if it is one. */
    public static Optional<PayoutMethod> of(String code) {
        return Arrays.stream(values()).filter(m -> m.code().equals(code)).findFirst();
    }

    /** The ledger account the money leaves. */
    LedgerAccount account() {
        return this == CASH ? LedgerAccount.CASH : LedgerAccount.BANK;
    }
}
