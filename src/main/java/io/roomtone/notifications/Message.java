package io.roomtone.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rendered message to put in the outbox.
 *
 * @param dueAt when to send it (now, or later for a reminder)
 * @param sensitive it carries a secret (a sign-in link): its body is erased once sent
 */
record Message(
        String eventKey,
        Channel channel,
        String recipient,
        byte[] recipientSealed,
        String template,
        UUID bookingId,
        Rendered content,
        List<Attachment> attachments,
        Instant dueAt,
        boolean sensitive) {

    Message {
        attachments = List.copyOf(attachments);
    }

    /** A message's text in its forms: the subject, plain text and (for e-mail) HTML. */
    record Rendered(String subject, String text, String html) {}

    /** A file sent with an e-mail. */
    record Attachment(String filename, String contentType, byte[] content) {}
}
