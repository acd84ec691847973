package io.roomtone.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a provider reports about a message it accepted, found by the id it gave it ({@code
 * provider_id}, kept when the message was sent). Only a message still {@code sent} and not yet
 * delivered takes a report: a report arriving twice, late or out of order changes nothing more, and
 * a report about an earlier attempt of a message sent again names an id it no longer has.
 */
@Component
class ProviderReports {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NotificationProperties properties;

    ProviderReports(JdbcClient jdbc, Clock clock, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** The message reached the handset; how many of the current studio's deliveries took it. */
    int delivered(String providerId) {
        Instant now = clock.instant();
        return jdbc.sql(
                        """
                        UPDATE delivery SET delivered_at = :now, updated_at = :now
                         WHERE studio_id = current_studio_id() AND provider_id = :provider
                           AND status = 'sent' AND delivered_at IS NULL
                        """)
                .param("now", Timestamp.from(now))
                .param("provider", providerId)
                .update();
    }

    /**
     * The message did not reach the handset. For good when {@code permanent} (or after the last
     * attempt): {@code failed}, until someone retries it from the log; otherwise it is sent again
     * after the outbox's usual backoff, as when the provider refused it for the time being.
     */
    int undelivered(String providerId, String error, boolean permanent) {
        Instant now = clock.instant();
        record Sent(UUID id, int attempts) {}
        List<Sent> sent = jdbc.sql(
                        """
                        SELECT id, attempts FROM delivery
                         WHERE studio_id = current_studio_id() AND provider_id = :provider
                           AND status = 'sent' AND delivered_at IS NULL
                         ORDER BY id FOR UPDATE
                        """)
                .param("provider", providerId)
                .query((rs, n) -> new Sent(rs.getObject("id", UUID.class), rs.getInt("attempts")))
                .list();
        for (Sent message : sent) {
            boolean last = permanent
                    || message.attempts() >= properties.notifications().maxAttempts();
            jdbc.sql(
                            """
                            UPDATE delivery SET status = :status, next_attempt_at = :next, last_error = :error,
                                   updated_at = :now
                             WHERE studio_id = current_studio_id() AND id = :id
                            """)
                    .param("status", last ? "failed" : "pending")
                    .param("next", Timestamp.from(now.plus(properties.backoff(message.attempts()))))
                    .param("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                    .param("now", Timestamp.from(now))
                    .param("id", message.id())
                    .update();
        }
        return sent.size();
    }
}
