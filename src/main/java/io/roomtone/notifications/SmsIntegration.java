package io.roomtone.notifications;

import io.roomtone.identity.PhoneNumbers;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Integration;
import io.roomtone.shared.PublicAddress;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Twilio as an integration: configured when the studio stored its own account or the installation's
 * account, token and sender are set, and phone numbers can be kept encrypted; saying which account
 * the studio's texts go through; healthy when the studio's latest text went out (from the delivery log).
 * It also says whether phone numbers are encrypted at rest, which they are not without the key.
 */
@Component
class SmsIntegration implements Integration {

    static final String NAME = "sms";

    private final SmsSender sms;
    private final PhoneNumbers phones;
    private final DeliveryHealth health;
    private final PublicAddress address;

    SmsIntegration(SmsSender sms, PhoneNumbers phones, DeliveryHealth health, PublicAddress address) {
        this.sms = sms;
        this.phones = phones;
        this.health = health;
        this.address = address;
    }

    @Override
    @Transactional(readOnly = true) // row-level security needs the studio a transaction sets
    public Status status() {
        String purpose = "Texts to clients who agreed to them (confirmed, reminder, moved, canceled), through Twilio";
        String numbers = phones.encrypted() ? "Phone numbers are stored encrypted." : phones.whyNotEncrypted();
        Optional<SmsSender.Route> route = sms.route(Tenancy.currentStudioId());
        if (!sms.configured(Tenancy.currentStudioId()) || route.isEmpty()) {
            return Status.of(
                    NAME, purpose, false, "Off: " + sms.offReason() + ". No texts are written or sent. " + numbers);
        }
        // where the number's replies must go for a client's STOP to turn their texts off here too
        String replies = "Set " + address.of(TwilioWebhooks.SMS_PATH)
                + " as the number's \"A message comes in\" webhook, so that a client's STOP reply turns their texts"
                + " off here too"
                + (address.configured()
                        ? "."
                        : " (and set ROOMTONE_PUBLIC_URL, so that Twilio reports each text's fate).");
        return health.of(
                Channel.SMS,
                NAME,
                purpose,
                "On: sending through " + route.get().description() + ". " + numbers + " " + replies);
    }
}
