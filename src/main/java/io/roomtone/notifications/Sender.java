package io.roomtone.notifications;

import io.roomtone.identity.Studio;
import java.util.UUID;

/**
 * A channel's way out (SMTP, an SMS provider): the studio's own when it stored one, else the
 * installation's.
 */
interface Sender {

    Channel channel();

    /**
     * Whether it can send the studio's messages at all; when not, messages are kept {@code skipped}
     * with {@link #offReason()}.
     */
    boolean configured(UUID studio);

    /** What to set to turn it on. */
    String offReason();

    /**
     * Sends one message; called outside any database transaction. Throws when the message did not
     * go: it is tried again later.
     *
     * @return the provider's id of the message (Twilio's message SID), by which its later reports
     *     about it find it; null when there is none
     */
    String send(Outbox.Claimed message, Studio studio) throws Exception;
}
