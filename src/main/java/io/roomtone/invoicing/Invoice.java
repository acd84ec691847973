package io.roomtone.invoicing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An invoice or a credit note as the studio and its client see it. Amounts in cents; what is
 * printed on it (lines, totals, client, seller, number) is frozen once it is issued.
 *
 * @param purpose {@code booking} (the session's own invoice), {@code fee} (a reschedule fee) or
 *     {@code credit} (a credit note)
 * @param bookingId the booking it bills (the purchase reference of its payments)
 * @param creditsInvoiceId a credit note's invoice
 * @param paidCents what the booking's payments settle of this invoice (allocated oldest first)
 * @param creditedCents what credit notes settle of it
 * @param dueCents what is still to pay: total − paid − credited (0 for a credit note)
 * @param overdue issued, not settled, and its due date has passed
 */
public record Invoice(
        UUID id,
        Kind kind,
        String purpose,
        Status status,
        String number,
        UUID bookingId,
        String bookingCode,
        UUID creditsInvoiceId,
        List<Line> lines,
        long subtotalCents,
        long taxCents,
        long totalCents,
        long depositCents,
        long paidCents,
        long creditedCents,
        long dueCents,
        String currency,
        UUID clientId,
        String clientName,
        String clientEmail,
        String clientPhone,
        String sellerName,
        String sellerAddress,
        String sellerTaxId,
        String footer,
        String reason,
        Instant sessionStartAt,
        Instant issuedAt,
        Instant dueAt,
        boolean overdue,
        Instant createdAt) {

    /** One line, as snapshotted from the booking's price. */
    public record Line(String name, int quantity, long unitPriceCents, long totalCents) {}

    public enum Kind {
        INVOICE,
        CREDIT_NOTE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * draft (no number) → issued (awaiting payment) → partially_paid → paid; credited: settled by
     * credit notes with nothing paid; void: a draft that was never issued. Credit notes are issued.
     */
    public enum Status {
        DRAFT,
        ISSUED,
        PARTIALLY_PAID,
        PAID,
        CREDITED,
        VOID;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** For pages and templates; the JSON says it with {@code kind}. */
    @JsonIgnore
    public boolean isCreditNote() {
        return kind == Kind.CREDIT_NOTE;
    }

    /** Whether it has a number (issued at some point); the JSON says it with {@code number}. */
    @JsonIgnore
    public boolean isIssued() {
        return number != null;
    }
}
