package io.roomtone.invoicing;

import java.util.List;

/** An invoice or credit note as the API shows it. */
record InvoiceView(
        String id,
        String kind,
        String purpose,
        String status,
        String number,
        String bookingId,
        String bookingCode,
        String creditsInvoiceId,
        List<LineView> lines,
        long subtotalCents,
        long taxCents,
        long totalCents,
        long depositCents,
        long paidCents,
        long creditedCents,
        long dueCents,
        String currency,
        String clientId,
        String clientName,
        String clientEmail,
        String sellerName,
        String sellerAddress,
        String sellerTaxId,
        String issuedAt,
        String dueAt,
        boolean overdue) {

    record LineView(String name, int quantity, long unitPriceCents, long totalCents) {}
}
