package io.roomtone.notifications;

import io.roomtone.shared.Integration;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SMTP server as an integration: configured when Spring Boot made a mail sender; healthy when
 * the studio's latest e-mail attempt went out. The figures come from the delivery log itself.
 */
@Component
class MailIntegration implements Integration {

    private final SmtpSender mail;
    private final JdbcClient jdbc;
    private final NotificationProperties properties;

    MailIntegration(SmtpSender mail, JdbcClient jdbc, NotificationProperties properties) {
        this.mail = mail;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    @Transactional(readOnly = true) // row-level security needs the studio a transaction sets
    public Status status() {
        String purpose = "E-mail to clients, staff and the studio (confirmations, reminders, receipts, sign-in links)";
        if (!mail.configured()) {
            return Status.of(
                    "smtp",
                    purpose,
                    false,
                    "Off: " + mail.offReason() + ". E-mails are kept in the " + "delivery log as skipped.");
        }
        return jdbc.sql(
                        """
                        SELECT (SELECT max(sent_at) FROM delivery
                                 WHERE studio_id = current_studio_id() AND channel = 'email') AS last_success,
                               (SELECT last_error FROM delivery
                                 WHERE studio_id = current_studio_id() AND channel = 'email'
                                   AND status IN ('pending', 'sending', 'failed') AND last_error IS NOT NULL
                                 ORDER BY updated_at DESC LIMIT 1) AS last_error,
                               (SELECT max(updated_at) FROM delivery
                                 WHERE studio_id = current_studio_id() AND channel = 'email'
                                   AND status IN ('pending', 'sending', 'failed') AND last_error IS NOT NULL) AS last_error_at
                        """)
                .query((rs, row) -> {
                    Timestamp success = rs.getTimestamp("last_success");
                    Timestamp errorAt = rs.getTimestamp("last_error_at");
                    // an error after the latest success is what the studio needs to see
                    boolean failing = errorAt != null && (success == null || errorAt.after(success));
                    Boolean healthy = success == null && errorAt == null ? null : !failing;
                    return new Status(
                            "smtp",
                            purpose,
                            true,
                            "On: sending as " + properties.mail().from(),
                            healthy,
                            failing ? rs.getString("last_error") : null,
                            success == null ? null : success.toInstant());
                })
                .single();
    }
}
