package io.roomtone.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.RoomtoneTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Completed publications are kept a week, then deleted; unfinished ones are never. */
@RoomtoneTest
class CompletedPublicationPurgeTests {

    @Autowired
    CompletedPublicationPurge purge;

    @Autowired
    JdbcClient jdbc;

    @Test
    void completedPublicationsOlderThanAWeekGoAndEverythingElseStays() {
        UUID old = publication("now() - interval '8 days'", "now() - interval '8 days'", "COMPLETED");
        UUID recent = publication("now() - interval '6 days'", "now() - interval '6 days'", "COMPLETED");
        UUID unfinished = publication("now() - interval '30 days'", "NULL", "FAILED");

        purge.purge();

        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
        assertThat(exists(unfinished)).isTrue();
    }

    private UUID publication(String publishedAt, String completedAt, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        """
                        INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,
                                                       completion_date, status, completion_attempts)
                        VALUES (:id, 'purge-test', 'java.lang.String', '"purge"', %s, %s, :status, 1)
                        """
                                .formatted(publishedAt, completedAt))
                .param("id", id)
                .param("status", status)
                .update();
        return id;
    }

    private boolean exists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                == 1;
    }
}
