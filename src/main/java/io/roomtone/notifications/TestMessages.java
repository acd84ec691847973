package io.roomtone.notifications;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
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
    private final Clock clock;

    TestMessages(
            Mailroom mailroom, Deliveries deliveries, Studios studios, InvoiceSettings invoiceSettings, Clock clock) {
        this.mailroom = mailroom;
        this.deliveries = deliveries;
        this.studios = studios;
        this.invoiceSettings = invoiceSettings;
        this.clock = clock;
    }

    @Transactional
    public Delivery send(CurrentUser admin, Channel channel) {
        if (channel != Channel.EMAIL) {
            throw RoomtoneException.invalid("channel", "SMS test messages are not available yet; use email");
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
}
