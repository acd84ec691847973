package io.roomtone.notifications;

import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Integration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SMTP server as an integration: configured when the studio stored its own server or Spring
 * Boot made the installation's mail sender, and saying which of the two the studio's e-mail goes
 * through; healthy when the studio's latest e-mail attempt went out. The figures come from the
 * delivery log itself, the studio's own (another studio's failing server is not this one's problem).
 */
@Component
class MailIntegration implements Integration {

    private final SmtpSender mail;
    private final DeliveryHealth health;

    MailIntegration(SmtpSender mail, DeliveryHealth health) {
        this.mail = mail;
        this.health = health;
    }

    @Override
    @Transactional(readOnly = true) // row-level security needs the studio a transaction sets
    public Status status() {
        String purpose = "E-mail to clients, staff and the studio (confirmations, reminders, receipts, sign-in links)";
        Optional<SmtpSender.Route> route = mail.route(Tenancy.currentStudioId());
        if (route.isEmpty()) {
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
                "On: sending through " + route.get().description() + " as "
                        + route.get().from());
    }
}
