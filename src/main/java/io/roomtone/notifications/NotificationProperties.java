package io.roomtone.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages are sent ({@code ROOMTONE_NOTIFICATIONS_*}, {@code ROOMTONE_MAIL_FROM}); the SMTP
 * server itself is Spring Boot's {@code spring.mail.*}, and the start of every link in a message is
 * {@link io.roomtone.shared.PublicAddress} ({@code ROOMTONE_PUBLIC_URL}).
 *
 * @param mailFrom the sender of every e-mail (the studio's name is shown with it)
 * @param retryBase the wait after a first failed attempt; it doubles after each further failure
 * @param retryCap the longest wait between two attempts
 * @param maxAttempts after this many failed attempts a message is {@code failed} until retried
 * @param dispatchInterval how often each node looks for due messages (new messages are sent at once)
 * @param reminderLead how long before a confirmed session its client is reminded
 * @param claimLease how long a node holds a message it is sending before another node may take it
 * @param studioPrivateHosts whether, with several studios, a studio's own SMTP server may be on a
 *     private, loopback or link-local address (off: one studio must not reach the installation's
 *     own network through it; {@code ROOMTONE_NOTIFICATIONS_STUDIO_PRIVATE_HOSTS})
 */
@ConfigurationProperties("roomtone")
record NotificationProperties(Mail mail, @DefaultValue Notifications notifications) {

    record Mail(@DefaultValue("roomtone@localhost") String from) {}

    record Notifications(
            @DefaultValue("PT30S") Duration retryBase,
            @DefaultValue("PT1H") Duration retryCap,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("PT5S") Duration dispatchInterval,
            @DefaultValue("PT24H") Duration reminderLead,
            @DefaultValue("PT2M") Duration claimLease,
            @DefaultValue("false") boolean studioPrivateHosts) {}

    NotificationProperties {
        mail = mail == null ? new Mail("roomtone@localhost") : mail;
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failed ones. */
    Duration backoff(int attempts) {
        Duration wait = notifications.retryBase().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(notifications.retryCap()) > 0 ? notifications.retryCap() : wait;
    }
}
