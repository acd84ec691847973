package io.roomtone.payments;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One balanced ledger transaction: entries that sum to zero per currency (the database refuses it
 * at commit otherwise).
 *
 * @param reference the purchase (or other business object) it belongs to, if any
 * @param kind a short machine word: {@code invoice_issued}, {@code payment_received}, …
 */
public record LedgerPosting(UUID reference, String kind, String description, Instant occurredAt, List<Entry> entries) {

    public LedgerPosting {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(occurredAt, "occurredAt");
        entries = entries.stream().filter(e -> e.amountCents() != 0).toList();
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("A posting needs at least one entry that is not zero");
        }
    }

    /**
     * One line: {@code amountCents} positive for a debit, negative for a credit.
     *
     * @param party whom the entry concerns within its account (the staff member of a commission)
     */
    public record Entry(LedgerAccount account, long amountCents, String currency, UUID party) {

        public static Entry debit(LedgerAccount account, long cents, String currency) {
            return new Entry(account, cents, currency, null);
        }

        public static Entry credit(LedgerAccount account, long cents, String currency) {
            return new Entry(account, Math.negateExact(cents), currency, null);
        }
    }
}
