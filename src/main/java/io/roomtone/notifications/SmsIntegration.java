package io.roomtone.notifications;

import io.roomtone.identity.PhoneNumbers;
import io.roomtone.shared.Integration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Twilio as an integration: configured when its account, token and sender are set and phone numbers
 * can be kept encrypted; healthy when the studio's latest text went out (from the delivery log).
 * It also says whether phone numbers are encrypted at rest, which they are not without the key.
 */
@Component
class SmsIntegration implements Integration {

    static final String NAME = "sms";

    private final SmsSender sms;
    private final PhoneNumbers phones;
    private final DeliveryHealth health;

    SmsIntegration(SmsSender sms, PhoneNumbers phones, DeliveryHealth health) {
        this.sms = sms;
        this.phones = phones;
        this.health = health;
    }

    @Override
    @Transactional(readOnly = true) // row-level security needs the studio a transaction sets
    public Status status() {
        String purpose = "Texts to clients who agreed to them (confirmed, reminder, moved, canceled), through Twilio";
        String numbers = phones.encrypted() ? "Phone numbers are stored encrypted." : phones.whyNotEncrypted();
        if (!sms.configured()) {
            return Status.of(
                    NAME, purpose, false, "Off: " + sms.offReason() + ". No texts are written or sent. " + numbers);
        }
        return health.of(Channel.SMS, NAME, purpose, "On: sending from " + sms.from() + ". " + numbers);
    }
}
