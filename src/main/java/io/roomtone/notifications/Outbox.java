package io.roomtone.notifications;

import io.roomtone.identity.Tenancy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code delivery} table: messages put in by event listeners, claimed and settled by the
 * {@link Dispatcher}. Putting a message in twice (a redelivered event, two nodes handling it) keeps
 * the first: the key is (event, recipient, channel).
 */
@Component
class Outbox {

    /** A message claimed for sending, with what the channel needs. */
    record Claimed(
            UUID id,
            Channel channel,
            String recipient,
            byte[] recipientSealed,
            String template,
            String subject,
            String text,
            String html,
            int attempts,
            List<Message.Attachment> attachments) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    // the dispatcher claims from the outbox; it is looked up when a message is put in, not injected
    private final ObjectProvider<Dispatcher> dispatcher;

    Outbox(JdbcClient jdbc, Clock clock, ObjectProvider<Dispatcher> dispatcher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /**
     * Puts {@code message} in the outbox for the current studio, unless it is there already; a
     * message kept {@code skipped} (its channel is off) carries {@code skippedBecause}. Once the
     * surrounding transaction commits, the studio's due messages are sent.
     *
     * @return the new message's id, or empty when the outbox had it already
     */
    Optional<UUID> put(Message message, String skippedBecause) {
        UUID studioId = Tenancy.currentStudioId();
        Instant due = message.dueAt() == null ? clock.instant() : message.dueAt();
        Optional<UUID> id = jdbc.sql(
                        """
                        INSERT INTO delivery (studio_id, event_key, channel, recipient, recipient_sealed, template,
                                              booking_id, subject, text_body, html_body, sensitive, status,
                                              last_error, next_attempt_at, created_at, updated_at)
                        VALUES (:studio, :key, :channel, :recipient, :sealed, :template, :booking, :subject, :text,
                                :html, :sensitive, :status, :error, :due, :now, :now)
                        ON CONFLICT (studio_id, event_key, recipient, channel) DO NOTHING
                        RETURNING id
                        """)
                .param("studio", studioId)
                .param("key", message.eventKey())
                .param("channel", message.channel().json())
                .param("recipient", message.recipient())
                .param("sealed", message.recipientSealed())
                .param("template", message.template())
                .param("booking", message.bookingId())
                .param("subject", message.content().subject())
                .param("text", message.content().text())
                .param("html", message.content().html())
                .param("sensitive", message.sensitive())
                .param("status", skippedBecause == null ? "pending" : "skipped")
                .param("error", skippedBecause)
                .param("due", Timestamp.from(due))
                .param("now", Timestamp.from(clock.instant()))
                .query(UUID.class)
                .optional();
        id.ifPresent(delivery -> {
            int position = 0;
            for (Message.Attachment attachment : message.attachments()) {
                jdbc.sql(
                                """
                                INSERT INTO delivery_attachment (studio_id, delivery_id, position, filename, content_type, content)
                                VALUES (?, ?, ?, ?, ?, ?)
                                """)
                        .params(
                                studioId,
                                delivery,
                                position++,
                                attachment.filename(),
                                attachment.contentType(),
                                attachment.content())
                        .update();
            }
            if (skippedBecause == null && !due.isAfter(clock.instant())) {
                sendAfterCommit(studioId);
            }
        });
        return id;
    }

    /**
     * Whether the outbox holds the message of {@code eventKey} to {@code recipient}, waiting first
     * (until the running transaction ends) for any other transaction asking the same.
     */
    boolean holds(String eventKey, String recipient, Channel channel) {
        UUID studioId = Tenancy.currentStudioId();
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param(studioId + "|" + eventKey + "|" + recipient + "|" + channel.json())
                .query((rs, row) -> 1)
                .list();
        return jdbc.sql(
                        """
                        SELECT EXISTS (SELECT 1 FROM delivery
                                        WHERE studio_id = ? AND event_key = ? AND recipient = ? AND channel = ?)
                        """)
                .params(studioId, eventKey, recipient, channel.json())
                .query(Boolean.class)
                .single();
    }

    /** Sends the studio's due messages once the running transaction (if any) committed. */
    void sendAfterCommit(UUID studioId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            dispatcher.getObject().sendSoon(studioId);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.getObject().sendSoon(studioId);
            }
        });
    }

    /**
     * Claims up to {@code limit} of the current studio's due messages for this node: pending ones
     * whose time has come, and ones being sent by a node whose lease ran out (it died). Another node
     * skips the rows this one locked, and finds them claimed once it commits.
     */
    List<Claimed> claimDue(int limit, java.time.Duration lease) {
        Instant now = clock.instant();
        List<Claimed> claimed = jdbc.sql(
                        """
                        UPDATE delivery d
                           SET status = 'sending', attempts = d.attempts + 1, claimed_until = :until, updated_at = :now
                          FROM (SELECT id FROM delivery
                                 WHERE studio_id = current_studio_id()
                                   AND ((status = 'pending' AND next_attempt_at <= :now)
                                        OR (status = 'sending' AND claimed_until < :now))
                                 ORDER BY next_attempt_at
                                 LIMIT :limit
                                 FOR UPDATE SKIP LOCKED) due
                         WHERE d.studio_id = current_studio_id() AND d.id = due.id
                        RETURNING d.id, d.channel, d.recipient, d.recipient_sealed, d.template, d.subject, d.text_body,
                                  d.html_body, d.attempts
                        """)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> claimed(rs))
                .list();
        return claimed.stream().map(this::withAttachments).toList();
    }

    private static Claimed claimed(ResultSet rs) throws SQLException {
        return new Claimed(
                rs.getObject("id", UUID.class),
                Channel.fromColumn(rs.getString("channel")),
                rs.getString("recipient"),
                rs.getBytes("recipient_sealed"),
                rs.getString("template"),
                rs.getString("subject"),
                rs.getString("text_body"),
                rs.getString("html_body"),
                rs.getInt("attempts"),
                List.of());
    }

    private Claimed withAttachments(Claimed claimed) {
        List<Message.Attachment> attachments = jdbc.sql(
                        """
                        SELECT filename, content_type, content FROM delivery_attachment
                         WHERE studio_id = current_studio_id() AND delivery_id = ? ORDER BY position
                        """)
                .param(claimed.id())
                .query((rs, row) -> new Message.Attachment(
                        rs.getString("filename"), rs.getString("content_type"), rs.getBytes("content")))
                .list();
        return new Claimed(
                claimed.id(),
                claimed.channel(),
                claimed.recipient(),
                claimed.recipientSealed(),
                claimed.template(),
                claimed.subject(),
                claimed.text(),
                claimed.html(),
                claimed.attempts(),
                attachments);
    }

    /**
     * Records that the message went out. Only the claim of this attempt counts: if the lease ran out
     * and another node took the message over, that node's outcome is the one recorded. The
     * provider's id of the message ({@code providerId}, may be null) is what its later reports name.
     */
    void sent(Claimed claimed, String providerId) {
        jdbc.sql(
                        """
                        UPDATE delivery
                           SET status = 'sent', sent_at = :now, claimed_until = NULL, last_error = NULL, updated_at = :now,
                               provider_id = :provider, delivered_at = NULL,
                               text_body = CASE WHEN sensitive THEN NULL ELSE text_body END,
                               html_body = CASE WHEN sensitive THEN NULL ELSE html_body END
                         WHERE studio_id = current_studio_id() AND id = :id AND status = 'sending' AND attempts = :attempts
                        """)
                .param("now", Timestamp.from(clock.instant()))
                .param("provider", providerId)
                .param("id", claimed.id())
                .param("attempts", claimed.attempts())
                .update();
    }

    /** Sets a claimed message aside: its channel is off. */
    void skipped(Claimed claimed, String reason) {
        jdbc.sql(
                        """
                        UPDATE delivery SET status = 'skipped', claimed_until = NULL, last_error = :reason, updated_at = :now
                         WHERE studio_id = current_studio_id() AND id = :id AND status = 'sending' AND attempts = :attempts
                        """)
                .param("reason", reason)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", claimed.id())
                .param("attempts", claimed.attempts())
                .update();
    }

    /** Records a failed attempt: pending again after {@code wait}, or failed for good after the last one. */
    void failed(Claimed claimed, String error, java.time.Duration wait, boolean lastAttempt) {
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        UPDATE delivery
                           SET status = :status, next_attempt_at = :next, claimed_until = NULL, last_error = :error,
                               updated_at = :now
                         WHERE studio_id = current_studio_id() AND id = :id AND status = 'sending' AND attempts = :attempts
                        """)
                .param("status", lastAttempt ? "failed" : "pending")
                .param("next", Timestamp.from(now.plus(wait)))
                .param("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                .param("now", Timestamp.from(now))
                .param("id", claimed.id())
                .param("attempts", claimed.attempts())
                .update();
    }

    /**
     * Sets aside what a booking still has waiting for {@code template} (a reminder for a time the
     * session no longer has), keeping it in the log as skipped with the reason.
     */
    int skipWaiting(UUID bookingId, String template, String reason) {
        return jdbc.sql(
                        """
                        UPDATE delivery SET status = 'skipped', last_error = :reason, updated_at = :now
                         WHERE studio_id = current_studio_id() AND booking_id = :booking AND template = :template
                           AND status = 'pending'
                        """)
                .param("reason", reason)
                .param("now", Timestamp.from(clock.instant()))
                .param("booking", bookingId)
                .param("template", template)
                .update();
    }
}
