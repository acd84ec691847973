package io.roomtone.availability.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on one connection for the notifications V11 sends when a studio's counters move, and
 * tells {@link StudioVersions} which studio changed; on the same connection, for the {@link
 * RoomNotice}s of {@link OccupancyAnnouncer}, which it hands to {@link LiveStreams}. If the connection breaks, {@link StudioVersions}
 * stops keeping counters (every search asks the database again) until listening resumes.
 */
@Component
class VersionFeed implements SmartLifecycle {

    static final String CHANNEL = "roomtone_versions";
    static final String APPLICATION_NAME = "roomtone-version-feed";
    /** The payload of the feed's own notifications, which show that notifications are delivered. */
    static final String PROBE = "probe";

    private static final Logger log = LoggerFactory.getLogger(VersionFeed.class);
    /**
     * How long to wait for notifications before checking that they still arrive: a silently dead
     * connection is noticed within about twice this, and searches stop trusting kept counters.
     */
    private static final int WAIT_MILLIS = 5_000;

    private static final long RETRY_MILLIS = 2_000;

    private final DataSource dataSource;
    private final StudioVersions versions;
    private final LiveStreams live;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    VersionFeed(DataSource dataSource, StudioVersions versions, LiveStreams live) {
        this.dataSource = dataSource;
        this.versions = versions;
        this.live = live;
    }

    @Override
    public void start() {
        running = true;
        Thread feed = new Thread(this::run, "roomtone-version-feed");
        feed.setDaemon(true);
        thread = feed;
        feed.start();
    }

    @Override
    public void stop() {
        running = false;
        versions.listening(false);
        Connection current = connection;
        if (current != null) {
            try {
                // closes the socket under the waiting read; the pool then discards the connection
                current.abort(Runnable::run);
            } catch (SQLException e) {
                log.debug("Closing the notification connection failed", e);
            }
        }
        Thread feed = thread;
        if (feed != null) {
            feed.interrupt();
            try {
                // a later start() must not find the old thread still looping
                feed.join(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (Connection listener = dataSource.getConnection()) {
                connection = listener;
                listen(listener);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn(
                            "Not listening for availability changes ({}); searches read versions from the database",
                            e.toString());
                }
            } finally {
                connection = null;
                versions.listening(false);
            }
            pause();
        }
    }

    private void listen(Connection listener) throws SQLException {
        try (Statement statement = listener.createStatement()) {
            // the name lets an operator (and a test) find this session in pg_stat_activity
            statement.execute("SET application_name = '" + APPLICATION_NAME + "'");
            statement.execute("LISTEN " + CHANNEL);
            statement.execute("LISTEN " + RoomNotice.CHANNEL);
        }
        // a connection that died without a word fails a round trip instead of blocking it forever
        listener.setNetworkTimeout(Runnable::run, 3 * WAIT_MILLIS);
        try {
            PGConnection notifications = listener.unwrap(PGConnection.class);
            // only a notification that comes back proves they are delivered (a transaction-mode
            // pooler accepts LISTEN and never delivers anything)
            probe(listener);
            if (!delivered(notifications.getNotifications(WAIT_MILLIS))) {
                throw new SQLException("notifications sent on this connection do not come back");
            }
            versions.listening(true);
            // whatever changed while nobody listened was not heard: every watching page looks again
            live.mayHaveMissedNotices();
            boolean probing = false;
            while (running) {
                PGNotification[] arrived = notifications.getNotifications(WAIT_MILLIS);
                if (arrived == null || arrived.length == 0) {
                    if (probing) {
                        throw new SQLException("a probe notification did not come back in " + WAIT_MILLIS + " ms");
                    }
                    // a quiet connection may be a dead one
                    probe(listener);
                    probing = true;
                    continue;
                }
                probing = false;
                for (PGNotification notification : arrived) {
                    if (RoomNotice.CHANNEL.equals(notification.getName())) {
                        List<RoomNotice> notices = RoomNotice.read(notification.getParameter());
                        // the studio's kept versions go first (its own notification of the same
                        // commit may come later): a page that refreshes on the notice must find the change
                        notices.stream().map(RoomNotice::studioId).distinct().forEach(versions::drop);
                        live.deliver(notices);
                    } else if (!PROBE.equals(notification.getParameter())) {
                        versions.drop(UUID.fromString(notification.getParameter()));
                    }
                }
            }
        } finally {
            // the connection goes back to the pool: a session that listens but never reads would
            // fill the server's notification queue
            try (Statement statement = listener.createStatement()) {
                statement.execute("UNLISTEN *; RESET application_name");
            } catch (SQLException broken) {
                log.debug("The notification connection is gone", broken);
            }
        }
    }

    private static void probe(Connection listener) throws SQLException {
        try (Statement statement = listener.createStatement()) {
            statement.execute("SELECT pg_notify('" + CHANNEL + "', '" + PROBE + "')");
        }
    }

    private static boolean delivered(PGNotification[] arrived) {
        return arrived != null && arrived.length > 0;
    }

    private void pause() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
