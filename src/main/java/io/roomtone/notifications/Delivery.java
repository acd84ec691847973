package io.roomtone.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * One message in the delivery log.
 *
 * @param eventKey what caused it (the event and its subject), the key that makes it happen once
 * @param recipient the e-mail address, or for SMS the phone number's last digits (the number is
 *     kept sealed)
 * @param nextAttemptAt while pending: when it is (next) due — a reminder waits here until its time
 * @param deliveredAt when the provider reported it reached the recipient (texts, when Twilio's
 *     status callback is set up); null otherwise
 */
public record Delivery(
        UUID id,
        String eventKey,
        Channel channel,
        String recipient,
        String template,
        UUID bookingId,
        String subject,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant sentAt,
        Instant createdAt,
        Instant deliveredAt) {}
