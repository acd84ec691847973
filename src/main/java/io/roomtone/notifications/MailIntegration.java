package io.roomtone.notifications;

import io.roomtone.shared.Integration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SMTP server as an integration: configured when Spring Boot made a mail sender; healthy when
 * the studio's latest e-mail attempt went out. The figures come from the delivery log itself.
 */
@Component
class MailIntegration implements Integration {

    private final SmtpSender mail;
    private final DeliveryHealth health;
    private final NotificationProperties properties;

    MailIntegration(SmtpSender mail, DeliveryHealth health, NotificationProperties properties) {
        this.mail = mail;
        this.health = health;
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
        return health.of(
                Channel.EMAIL,
                "smtp",
                purpose,
                "On: sending as " + properties.mail().from());
    }
}
