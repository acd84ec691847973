package io.roomtone.notifications;

import io.roomtone.shared.Integration;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How a channel that is on is doing, from the delivery log itself: when a message last went out,
 * and the latest error if it came after that. Shared by the integrations of every channel.
 */
@Component
class DeliveryHealth {

    private final JdbcClient jdbc;

    DeliveryHealth(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The status of {@code channel} for the current studio; call inside a (read-only) transaction. */
    Integration.Status of(Channel channel, String name, String purpose, String detail) {
        return jdbc.sql(
                        """
                        SELECT (SELECT max(sent_at) FROM delivery
                                 WHERE studio_id = current_studio_id() AND channel = :channel) AS last_success,
                               (SELECT last_error FROM delivery
                                 WHERE studio_id = current_studio_id() AND channel = :channel
                                   AND status IN ('pending', 'sending', 'failed') AND last_error IS NOT NULL
                                 ORDER BY updated_at DESC LIMIT 1) AS last_error,
                               (SELECT max(updated_at) FROM delivery
                                 WHERE studio_id = current_studio_id() AND channel = :channel
                                   AND status IN ('pending', 'sending', 'failed') AND last_error IS NOT NULL) AS last_error_at
                        """)
                .param("channel", channel.json())
                .query((rs, row) -> {
                    Timestamp success = rs.getTimestamp("last_success");
                    Timestamp errorAt = rs.getTimestamp("last_error_at");
                    // an error after the latest success is what the studio needs to see
                    boolean failing = errorAt != null && (success == null || errorAt.after(success));
                    Boolean healthy = success == null && errorAt == null ? null : !failing;
                    return new Integration.Status(
                            name,
                            purpose,
                            true,
                            detail,
                            healthy,
                            failing ? rs.getString("last_error") : null,
                            success == null ? null : success.toInstant());
                })
                .single();
    }
}
