package io.roomtone.payments;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a purchase's money, published in the transaction that recorded it; the module
 * that owns the reference (booking, invoicing) listens.
 */
public final class PaymentEvents {

    private PaymentEvents() {}

    /** Money came in (received, charged or captured) and is recorded as succeeded. */
    public record PaymentReceived(
            UUID studioId,
            UUID reference,
            UUID operationId,
            long amountCents,
            String currency,
            PaymentOperation.Gateway gateway,
            PaymentMethod method,
            Instant receivedAt) {}

    /** Money went back to the client. */
    public record PaymentRefunded(
            UUID studioId,
            UUID reference,
            UUID operationId,
            long amountCents,
            String currency,
            String reason,
            Instant refundedAt) {}

    /** A refund through a provider was asked for; it is carried out after the asking transaction commits. */
    public record RefundRequested(UUID studioId, UUID reference, UUID operationId, long amountCents, String currency) {}

    /**
     * The client's card was declined while they paid (a deposit or payment at booking, or what they
     * owe): the operation stays open, and they may pay again with another card. Published once per
     * operation and reason ({@code failure}, the provider's words).
     */
    public record PaymentDeclined(
            UUID studioId,
            UUID reference,
            UUID operationId,
            PaymentOperation.Kind kind,
            long amountCents,
            String currency,
            String failure) {}

    /** A provider declined an operation; {@code failure} says why. */
    public record PaymentFailed(
            UUID studioId,
            UUID reference,
            UUID operationId,
            PaymentOperation.Kind kind,
            long amountCents,
            String currency,
            String failure) {}
}
