package io.roomtone.payments;

import java.util.Locale;

/**
 * The accounts of a studio's ledger. Debits are positive, credits negative; every transaction sums
 * to zero, so the balances of all accounts sum to zero too.
 */
public enum LedgerAccount {
    /** What clients owe the studio (negative: what they paid ahead). */
    CLIENT_RECEIVABLE,
    /** Cash in the till. */
    CASH,
    /** The studio's bank: transfers, card terminal payouts. */
    BANK,
    /** Money the processor holds for the studio until its payout. */
    PROCESSOR_CLEARING,
    REVENUE,
    TAX_PAYABLE,
    /** Revenue given back (credit notes): a contra-revenue account. */
    REFUNDS,
    PROCESSOR_FEES,
    COMMISSION_EXPENSE,
    /** What the studio owes its staff in commissions; the party of an entry is the staff member. */
    COMMISSION_PAYABLE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LedgerAccount of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
