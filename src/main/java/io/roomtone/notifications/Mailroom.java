package io.roomtone.notifications;

import io.roomtone.identity.PhoneNumbers;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.PublicAddress;
import io.roomtone.shared.SealedSecrets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Renders messages and puts them in the outbox: what every listener of this module calls. An
 * e-mail for a channel that is off is still rendered and kept, as {@code skipped}, so the log (and
 * the outbox viewer in development) shows what would have gone.
 */
@Component
class Mailroom {

    static final Locale LOCALE = Locale.ENGLISH;

    private final MailTemplates templates;
    private final Outbox outbox;
    private final SmtpSender mail;
    private final SmsSender sms;
    private final SealedSecrets secrets;
    private final PublicAddress publicAddress;

    Mailroom(
            MailTemplates templates,
            Outbox outbox,
            SmtpSender mail,
            SmsSender sms,
            SealedSecrets secrets,
            PublicAddress publicAddress) {
        this.templates = templates;
        this.outbox = outbox;
        this.mail = mail;
        this.sms = sms;
        this.secrets = secrets;
        this.publicAddress = publicAddress;
    }

    /** An e-mail to write: to whom, from which template, about what. */
    record Letter(
            String eventKey,
            String recipient,
            String template,
            UUID bookingId,
            Map<String, Object> variables,
            Object[] subject,
            List<Message.Attachment> attachments,
            Instant dueAt,
            boolean sensitive) {

        static Letter of(String eventKey, String recipient, String template, UUID bookingId) {
            return new Letter(
                    eventKey, recipient, template, bookingId, Map.of(), new Object[0], List.of(), null, false);
        }

        Letter with(Map<String, Object> variables, Object... subject) {
            return new Letter(
                    eventKey, recipient, template, bookingId, variables, subject, attachments, dueAt, sensitive);
        }

        Letter attaching(List<Message.Attachment> files) {
            return new Letter(eventKey, recipient, template, bookingId, variables, subject, files, dueAt, sensitive);
        }

        Letter dueAt(Instant due) {
            return new Letter(
                    eventKey, recipient, template, bookingId, variables, subject, attachments, due, sensitive);
        }

        Letter secret() {
            return new Letter(eventKey, recipient, template, bookingId, variables, subject, attachments, dueAt, true);
        }
    }

    /**
     * Writes the letter of {@code eventKey} and {@code template} to {@code recipient} once: when the
     * outbox has it already, {@code write} is not even called. That matters for letters that carry a
     * link secret issued as they are written (a sign-in link, an invitation that ends the previous
     * one, a manage link): a redelivered event must not issue a second secret that no mail carries.
     * Two nodes handling the same event wait for each other on an advisory lock of the key, in the
     * listener's transaction.
     *
     * @return the new message's id, or empty when it was written before (or has no recipient)
     */
    Optional<UUID> post(String eventKey, String template, String recipient, Supplier<Letter> write) {
        if (recipient == null || recipient.isBlank()) {
            return Optional.empty();
        }
        String key = eventKey + "#" + template;
        if (outbox.holds(key, recipient, Channel.EMAIL)) {
            return Optional.empty();
        }
        return post(write.get());
    }

    private Optional<UUID> post(Letter letter) {
        Map<String, Object> variables = new HashMap<>(letter.variables());
        variables.putIfAbsent("publicUrl", publicAddress.base());
        Message message = new Message(
                // the same event can mean two letters to one person (a client who is also the owner)
                letter.eventKey() + "#" + letter.template(),
                Channel.EMAIL,
                letter.recipient(),
                null,
                letter.template(),
                letter.bookingId(),
                templates.email(letter.template(), variables, letter.subject(), LOCALE),
                letter.attachments(),
                letter.dueAt(),
                letter.sensitive());
        return outbox.put(message, mail.configured(Tenancy.currentStudioId()) ? null : mail.offReason());
    }

    /**
     * Puts {@code letter} in the outbox once as an SMS to the phone number that is its recipient,
     * rendered from {@code templates/mail/sms/<template>.txt}. The log shows the number's last four
     * digits ({@link #smsRecipient}); the number itself is sealed for the studio, opened only to
     * send. While SMS is off (no provider, or no key to seal numbers with) nothing is written: there
     * is no number to keep, and nothing would be sent.
     */
    Optional<UUID> text(Letter letter) {
        if (!sms.configured(Tenancy.currentStudioId())
                || letter.recipient() == null
                || letter.recipient().isBlank()) {
            return Optional.empty();
        }
        Map<String, Object> variables = new HashMap<>(letter.variables());
        variables.putIfAbsent("publicUrl", publicAddress.base());
        Message message = new Message(
                letter.eventKey() + "#" + letter.template(),
                Channel.SMS,
                smsRecipient(letter.recipient()),
                secrets.seal(letter.recipient(), SmsSender.recipientContext(Tenancy.currentStudioId())),
                letter.template(),
                letter.bookingId(),
                templates.sms(letter.template(), variables, LOCALE),
                List.of(),
                letter.dueAt(),
                letter.sensitive());
        return outbox.put(message, null);
    }

    /** What the delivery log shows of a phone number: its last four digits. */
    static String smsRecipient(String phone) {
        return "…" + PhoneNumbers.hint(phone);
    }
}
