package io.roomtone.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Spring Modulith's event publication registry, as tests waiting for listeners read it. */
public final class Publications {

    private Publications() {}

    /**
     * How many events about one studio still wait for a listener. Counted for that studio only:
     * another test sharing the context may leave one of its own failing (SMTP down, a provider out).
     */
    public static long incomplete(JdbcClient jdbc, String studioId) {
        return jdbc.sql(
                        "SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?")
                .params("%" + studioId + "%")
                .query(Long.class)
                .single();
    }
}
