package io.roomtone.notifications;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * In-app notices for the studio's people (new requests, cancellations, sync failures, payments that
 * need action): what the bell in the web app counts. One per (event, person), whatever redelivery.
 */
@Service
public class Notices {

    public static final int MAX_LIMIT = 100;

    /** A notice as its reader sees it. */
    public record Notice(
            UUID id,
            String kind,
            String title,
            String body,
            String link,
            UUID bookingId,
            boolean read,
            Instant createdAt) {}

    public record Inbox(List<Notice> items, long unread) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    Notices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Gives {@code users} a notice of {@code eventKey}, once each. */
    void give(
            Collection<UUID> users,
            String eventKey,
            String kind,
            String title,
            String body,
            String link,
            UUID bookingId) {
        for (UUID user : users) {
            jdbc.sql(
                            """
                            INSERT INTO notice (studio_id, user_id, event_key, kind, title, body, link, booking_id, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (studio_id, event_key, user_id) DO NOTHING
                            """)
                    .params(
                            Tenancy.currentStudioId(),
                            user,
                            eventKey,
                            kind,
                            title,
                            body,
                            link,
                            bookingId,
                            Timestamp.from(clock.instant()))
                    .update();
        }
    }

    /** The reader's latest notices (only unread ones when {@code unreadOnly}) and how many are unread. */
    @Transactional(readOnly = true)
    public Inbox of(CurrentUser reader, boolean unreadOnly, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RoomtoneException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<Notice> items = jdbc.sql(
                        """
                        SELECT id, kind, title, body, link, booking_id, read_at IS NOT NULL AS read, created_at
                          FROM notice
                         WHERE studio_id = current_studio_id() AND user_id = :user AND (NOT :unread OR read_at IS NULL)
                         ORDER BY created_at DESC, id
                         LIMIT :limit
                        """)
                .param("user", reader.id())
                .param("unread", unreadOnly)
                .param("limit", limit)
                .query((rs, row) -> map(rs))
                .list();
        return new Inbox(items, unread(reader));
    }

    @Transactional(readOnly = true)
    public long unread(CurrentUser reader) {
        return jdbc.sql(
                        "SELECT count(*) FROM notice WHERE studio_id = current_studio_id() AND user_id = ? AND read_at IS NULL")
                .param(reader.id())
                .query(Long.class)
                .single();
    }

    /** Marks one of the reader's notices read, and answers it; someone else's is not found. */
    @Transactional
    public Notice markRead(CurrentUser reader, UUID id) {
        return jdbc.sql(
                        """
                        UPDATE notice SET read_at = coalesce(read_at, ?)
                         WHERE studio_id = current_studio_id() AND user_id = ? AND id = ?
                        RETURNING id, kind, title, body, link, booking_id, true AS read, created_at
                        """)
                .params(Timestamp.from(clock.instant()), reader.id(), id)
                .query((rs, row) -> map(rs))
                .optional()
                .orElseThrow(() -> RoomtoneException.notFound("notice", id));
    }

    /** Marks all of the reader's notices read. */
    @Transactional
    public int markAllRead(CurrentUser reader) {
        return jdbc.sql(
                        "UPDATE notice SET read_at = ? WHERE studio_id = current_studio_id() AND user_id = ? AND read_at IS NULL")
                .params(Timestamp.from(clock.instant()), reader.id())
                .update();
    }

    private static Notice map(ResultSet rs) throws SQLException {
        return new Notice(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getString("title"),
                rs.getString("body"),
                rs.getString("link"),
                rs.getObject("booking_id", UUID.class),
                rs.getBoolean("read"),
                rs.getTimestamp("created_at").toInstant());
    }
}
