package io.roomtone.notifications;

import io.roomtone.identity.Tenancy;
import org.springframework.stereotype.Service;

/**
 * Which way the current studio's e-mail and texts go out: through its own SMTP server and Twilio
 * account ({@link StudioMailServer}, {@link StudioSmsAccount}), through the installation's, or not
 * at all. What the settings page and API show next to the studio's own settings.
 */
@Service
public class StudioSenders {

    /** Whose server or account a channel uses. */
    public enum Source {
        STUDIO,
        INSTALLATION,
        NONE;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final SmtpSender mail;
    private final SmsSender sms;

    StudioSenders(SmtpSender mail, SmsSender sms) {
        this.mail = mail;
        this.sms = sms;
    }

    public Source mail() {
        return mail.route(Tenancy.currentStudioId())
                .map(route -> route.own() ? Source.STUDIO : Source.INSTALLATION)
                .orElse(Source.NONE);
    }

    /** {@code NONE} also while phone numbers cannot be kept encrypted: no text is written then. */
    public Source sms() {
        if (!sms.configured(Tenancy.currentStudioId())) {
            return Source.NONE;
        }
        return sms.route(Tenancy.currentStudioId())
                .map(route -> route.own() ? Source.STUDIO : Source.INSTALLATION)
                .orElse(Source.NONE);
    }
}
