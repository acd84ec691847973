package io.roomtone.notifications;

import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The delivery log: what was sent to whom, what failed and why; and sending a message again. */
@Service
public class Deliveries {

    public static final int MAX_LIMIT = 200;
    public static final int MAX_OFFSET = 1_000_000;

    /** A page of the log, newest first. */
    public record Page(List<Delivery> items, long total, int offset, int limit) {}

    /** A message as it was rendered, for the outbox viewer. */
    public record Content(Delivery delivery, String text, String html, List<String> attachments) {}

    private static final String COLUMNS =
            """
            id, event_key, channel, recipient, template, booking_id, subject, status, attempts, next_attempt_at,
            last_error, sent_at, created_at, delivered_at
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;
    private final Outbox outbox;

    Deliveries(JdbcClient jdbc, Clock clock, AuditTrail audit, Outbox outbox) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.outbox = outbox;
    }

    /** Every message about one booking, oldest first. */
    @Transactional(readOnly = true)
    public List<Delivery> ofBooking(UUID bookingId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delivery WHERE studio_id = current_studio_id() AND booking_id = ?"
                        + " ORDER BY created_at, id")
                .param(bookingId)
                .query((rs, row) -> map(rs))
                .list();
    }

    /** The studio's log, newest first, of one status or all. */
    @Transactional(readOnly = true)
    public Page search(DeliveryStatus status, int offset, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RoomtoneException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw RoomtoneException.invalid("offset", "must be between 0 and " + MAX_OFFSET);
        }
        String where = "WHERE studio_id = current_studio_id() AND (CAST(:status AS text) IS NULL OR status = :status)";
        String value = status == null ? null : status.json();
        List<Delivery> items = jdbc.sql("SELECT " + COLUMNS + " FROM delivery " + where
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("status", value)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> map(rs))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM delivery " + where)
                .param("status", value)
                .query(Long.class)
                .single();
        return new Page(items, total, offset, limit);
    }

    /**
     * One message as it was written. A message carrying a one-time secret (a sign-in or password
     * link) shows its text to its own recipient only: another admin must not be able to use a link
     * meant for the owner.
     */
    @Transactional(readOnly = true)
    public Optional<Content> content(UUID id, CurrentUser viewer) {
        return jdbc.sql("SELECT " + COLUMNS + ", text_body, html_body, sensitive FROM delivery"
                        + " WHERE studio_id = current_studio_id() AND id = ?")
                .param(id)
                .query((rs, row) -> {
                    Delivery delivery = map(rs);
                    boolean hidden = rs.getBoolean("sensitive")
                            && (viewer.email() == null || !viewer.email().equalsIgnoreCase(delivery.recipient()));
                    return new Content(
                            delivery,
                            hidden ? null : rs.getString("text_body"),
                            hidden ? null : rs.getString("html_body"),
                            List.of());
                })
                .optional()
                .map(content -> new Content(
                        content.delivery(),
                        content.text(),
                        content.html(),
                        jdbc.sql(
                                        "SELECT filename FROM delivery_attachment"
                                                + " WHERE studio_id = current_studio_id() AND delivery_id = ? ORDER BY position")
                                .param(id)
                                .query(String.class)
                                .list()));
    }

    /**
     * Sends a failed or skipped message again, from its first attempt, now. A message still pending
     * or being sent is left alone (a conflict); one that went out is sent again only when asked
     * for explicitly ({@code resend}); a message whose secret was erased after sending cannot be.
     */
    @Transactional
    public Delivery retry(UUID id, boolean resend) {
        Delivery before = find(id).orElseThrow(() -> RoomtoneException.notFound("delivery", id));
        boolean allowed = before.status() == DeliveryStatus.FAILED
                || before.status() == DeliveryStatus.SKIPPED
                || (resend && before.status() == DeliveryStatus.SENT);
        if (!allowed) {
            throw RoomtoneException.conflict("A " + before.status().json() + " message cannot be sent again"
                    + (before.status() == DeliveryStatus.SENT ? " unless resend is asked for." : " now."));
        }
        int updated = jdbc.sql(
                        """
                        UPDATE delivery
                           SET status = 'pending', attempts = 0, next_attempt_at = :now, last_error = NULL,
                               claimed_until = NULL, updated_at = :now, provider_id = NULL, delivered_at = NULL
                         WHERE studio_id = current_studio_id() AND id = :id AND status = :status
                           AND text_body IS NOT NULL
                        """)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("status", before.status().json())
                .update();
        if (updated == 0) {
            throw RoomtoneException.conflict("This message carried a one-time secret and cannot be sent again.");
        }
        Delivery after = find(id).orElseThrow();
        audit.record("delivery.retried", "delivery", id, before, after);
        outbox.sendAfterCommit(Tenancy.currentStudioId());
        return after;
    }

    UUID idOf(String eventKey, String recipient, Channel channel) {
        return jdbc.sql(
                        """
                        SELECT id FROM delivery
                         WHERE studio_id = current_studio_id() AND event_key = ? AND recipient = ? AND channel = ?
                        """)
                .params(eventKey, recipient, channel.json())
                .query(UUID.class)
                .single();
    }

    Optional<Delivery> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delivery WHERE studio_id = current_studio_id() AND id = ?")
                .param(id)
                .query((rs, row) -> map(rs))
                .optional();
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        Timestamp next = rs.getTimestamp("next_attempt_at");
        Timestamp sent = rs.getTimestamp("sent_at");
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Delivery(
                rs.getObject("id", UUID.class),
                rs.getString("event_key"),
                Channel.fromColumn(rs.getString("channel")),
                rs.getString("recipient"),
                rs.getString("template"),
                rs.getObject("booking_id", UUID.class),
                rs.getString("subject"),
                DeliveryStatus.fromColumn(rs.getString("status")),
                rs.getInt("attempts"),
                next == null ? null : next.toInstant(),
                rs.getString("last_error"),
                sent == null ? null : sent.toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                delivered == null ? null : delivered.toInstant());
    }
}
