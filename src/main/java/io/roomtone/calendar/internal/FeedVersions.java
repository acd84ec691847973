package io.roomtone.calendar.internal;

import io.roomtone.identity.Tenancy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When each feed's content last changed, for its Last-Modified: the time its ETag (a digest of the
 * content) was first answered. Calendar apps that send only If-Modified-Since thus learn of every
 * change, an event that left the feed included. Times are whole seconds (as HTTP dates are), and a
 * change within the second of the previous one counts one second later, so that no change hides
 * behind a date a client already has.
 */
@Component
public class FeedVersions {

    private final JdbcClient jdbc;

    FeedVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The time {@code feed} got content {@code etag}; records it now if it is new. Needs a transaction. */
    public Instant changedAt(String feed, String etag) {
        Optional<Instant> known = jdbc.sql(
                        "SELECT changed_at FROM calendar_feed_version WHERE studio_id = ? AND feed = ? AND etag = ?")
                .params(Tenancy.currentStudioId(), feed, etag)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
        if (known.isPresent()) {
            return known.get(); // the usual answer: nothing changed, nothing written
        }
        return jdbc.sql(
                        """
                        INSERT INTO calendar_feed_version AS v (studio_id, feed, etag, changed_at)
                        VALUES (:studio, :feed, :etag, date_trunc('second', now()))
                        ON CONFLICT (studio_id, feed) DO UPDATE
                           SET etag = EXCLUDED.etag,
                               changed_at = CASE WHEN v.etag = EXCLUDED.etag THEN v.changed_at
                                                 ELSE greatest(date_trunc('second', now()), v.changed_at + interval '1 second')
                                            END
                        RETURNING changed_at
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("feed", feed)
                .param("etag", etag)
                .query(Timestamp.class)
                .single()
                .toInstant();
    }
}
