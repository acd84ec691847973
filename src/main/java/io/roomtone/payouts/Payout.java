package io.roomtone.payouts;

import java.time.Instant;
import java.util.UUID;

/**
 * Money paid to a staff member against the commissions they are owed.
 *
 * @param operationId the caller's id for the payout: recording it again records nothing new
 */
public record Payout(
        UUID id,
        UUID operationId,
        UUID staffId,
        long amountCents,
        String currency,
        PayoutMethod method,
        Instant paidAt,
        String note,
        Instant createdAt) {}
