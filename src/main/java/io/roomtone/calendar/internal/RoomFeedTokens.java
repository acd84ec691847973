package io.roomtone.calendar.internal;

import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Secrets;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The digests of the rooms' feed tokens ({@code calendar_room_feed}). Callers run in a transaction. */
@Component
public class RoomFeedTokens {

    private final JdbcClient jdbc;

    RoomFeedTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new token for room {@code roomId}, replacing any earlier one; only its digest is kept. */
    public String rotate(UUID roomId) {
        String token = Secrets.newToken();
        jdbc.sql(
                        """
                        INSERT INTO calendar_room_feed (studio_id, room_id, token_hash) VALUES (?, ?, ?)
                        ON CONFLICT (studio_id, room_id) DO UPDATE
                           SET token_hash = EXCLUDED.token_hash, rotated_at = now()
                        """)
                .params(Tenancy.currentStudioId(), roomId, Secrets.sha256(token))
                .update();
        return token;
    }

    /** Turns the room's feed off; whether it had one. */
    public boolean remove(UUID roomId) {
        return jdbc.sql("DELETE FROM calendar_room_feed WHERE studio_id = ? AND room_id = ?")
                        .params(Tenancy.currentStudioId(), roomId)
                        .update()
                > 0;
    }

    public boolean opens(UUID roomId, String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return false;
        }
        return jdbc.sql(
                        """
                        SELECT EXISTS (SELECT 1 FROM calendar_room_feed
                                        WHERE studio_id = ? AND room_id = ? AND token_hash = ?)
                        """)
                .params(Tenancy.currentStudioId(), roomId, Secrets.sha256(token))
                .query(Boolean.class)
                .single();
    }

    /** The rooms of the studio that have a feed. */
    public Set<UUID> roomsWithFeeds() {
        return jdbc
                .sql("SELECT room_id FROM calendar_room_feed WHERE studio_id = ?")
                .params(Tenancy.currentStudioId())
                .query(UUID.class)
                .list()
                .stream()
                .collect(Collectors.toSet());
    }
}
