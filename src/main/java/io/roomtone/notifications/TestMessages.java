package io.roomtone.notifications;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.PhoneNumbers;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.invoicing.InvoiceSettings;
import io.roomtone.shared.RoomtoneException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A test message to the admin who asks, to check a channel end to end. At most one per person,
 * channel and minute: asking again within the minute answers the same message (the outbox key
 * serializes parallel asks), so the button cannot be used to flood a mail server.
 */
@Service
public class TestMessages {

    private final Mailroom mailroom;
    private final Deliveries deliveries;
    private final Studios studios;
    private final InvoiceSettings invoiceSettings;
    private final Accounts accounts;
    private final SmsSender sms;
    private final Clock clock;

    TestMessages(
            Mailroom mailroom,
            Deliveries deliveries,
            Studios studios,
            InvoiceSettings invoiceSettings,
            Accounts accounts,
            SmsSender sms,
            Clock clock) {
        this.mailroom = mailroom;
        this.deliveries = deliveries;
        this.studios = studios;
        this.invoiceSettings = invoiceSettings;
        this.accounts = accounts;
        this.sms = sms;
        this.clock = clock;
    }

    @Transactional
    public Delivery send(CurrentUser admin, Channel channel) {
        if (channel == Channel.SMS) {
            return text(admin);
        }
        if (admin.email() == null) {
            throw RoomtoneException.invalid("channel", "your account has no e-mail address to send to");
        }
        Studio studio = studios.current();
        Map<String, Object> variables = new HashMap<>();
        variables.put("studio", studio);
        variables.put("address", invoiceSettings.current().address());
        variables.put("recipient", admin.email());
        String key = "test:" + admin.id() + ":" + clock.instant().getEpochSecond() / 60;
        mailroom.post(
                key, "test-message", admin.email(), () -> Mailroom.Letter.of(key, admin.email(), "test-message", null)
                        .with(variables, studio.name()));
        UUID id = deliveries.idOf(key + "#test-message", admin.email(), channel);
        return deliveries.find(id).orElseThrow();
    }

    /** A test text to the admin's own phone (their profile's), whether or not they opted in to texts. */
    private Delivery text(CurrentUser admin) {
        if (!sms.configured(Tenancy.currentStudioId())) {
            throw RoomtoneException.invalid("channel", "SMS is off: " + sms.offReason());
        }
        String phone = accounts.find(admin.id()).map(UserAccount::phone).orElse(null);
        if (!PhoneNumbers.dialable(phone)) {
            throw RoomtoneException.invalid(
                    "channel",
                    "your account has no international phone number to text: add one on your profile (/me/profile)");
        }
        Studio studio = studios.current();
        Map<String, Object> variables = new HashMap<>();
        variables.put("studio", studio);
        String key = "test:" + admin.id() + ":" + clock.instant().getEpochSecond() / 60;
        mailroom.text(Mailroom.Letter.of(key, phone, "test-message", null).with(variables));
        UUID id = deliveries.idOf(key + "#test-message", Mailroom.smsRecipient(phone), Channel.SMS);
        return deliveries.find(id).orElseThrow();
    }
}
