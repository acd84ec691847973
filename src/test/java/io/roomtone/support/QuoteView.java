package io.roomtone.support;

/** A price computed on the server ({@code POST /api/quote}). */
public record QuoteView(
        long subtotalCents,
        long taxesCents,
        long totalCents,
        long depositCents,
        String currency,
        String policySummary) {}
