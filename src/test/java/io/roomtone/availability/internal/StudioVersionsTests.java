package io.roomtone.availability.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SharedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;

/**
 * The studio counters a node keeps instead of asking the database on every search: kept only while
 * changes are announced, dropped when they are, and never kept stale after a drop.
 */
@RoomtoneTest
class StudioVersionsTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StudioVersions nodeVersions;

    @Autowired
    PlatformTransactionManager transactionManager;

    UUID studio() {
        return jdbc.sql("SELECT id FROM studio WHERE is_default")
                .query(UUID.class)
                .single();
    }

    /** Moves the catalog counter the way a trigger does, outside any transaction of the application. */
    long bump(UUID studio) {
        return jdbc.sql(
                        """
                        INSERT INTO catalog_version (studio_id, version) VALUES (?, 1)
                        ON CONFLICT (studio_id) DO UPDATE SET version = catalog_version.version + 1
                        RETURNING version
                        """)
                .param(studio)
                .query(Long.class)
                .single();
    }

    @Test
    void keptWhileListeningUntilDropped() {
        UUID studio = studio();
        StudioVersions versions = new StudioVersions(jdbc); // no feed: only drop() tells it
        versions.listening(true);
        long before = versions.of(studio).catalog();

        long after = bump(studio);

        assertThat(after).isGreaterThan(before);
        assertThat(versions.of(studio).catalog()).isEqualTo(before);
        assertThat(versions.read(studio).catalog())
                .as("what bookings are checked against")
                .isEqualTo(after);
        versions.drop(studio);
        assertThat(versions.of(studio).catalog()).isEqualTo(after);
    }

    @Test
    void aWriteCommittedOnThisNodeDropsWhatWasKeptWithoutWaitingForItsNotification() {
        UUID studio = studio();
        StudioVersions versions = new StudioVersions(jdbc);
        versions.listening(true);
        long before = versions.of(studio).catalog();
        LocalCommits commits = new LocalCommits(versions);
        long after = bump(studio);

        commits.afterCommit(execution(true), null);
        assertThat(versions.of(studio).catalog())
                .as("a read-only commit changes nothing")
                .isEqualTo(before);
        Tenancy.runAs(UUID.randomUUID(), () -> commits.afterCommit(execution(false), null));
        assertThat(versions.of(studio).catalog()).as("another studio's write").isEqualTo(before);
        Tenancy.runAs(studio, () -> commits.afterCommit(execution(false), null));
        assertThat(versions.of(studio).catalog()).isEqualTo(after);
        long later = bump(studio);
        commits.afterCommit(execution(false), null);
        assertThat(versions.of(studio).catalog())
                .as("a write of no studio in particular")
                .isEqualTo(later);
        assertThat(((AbstractPlatformTransactionManager) transactionManager).getTransactionExecutionListeners())
                .as("the application's transactions tell it")
                .hasAtLeastOneElementOfType(LocalCommits.class);
    }

    private static TransactionExecution execution(boolean readOnly) {
        SimpleTransactionStatus status = new SimpleTransactionStatus(true) {
            @Override
            public boolean isReadOnly() {
                return readOnly;
            }
        };
        return status;
    }

    @Test
    void nothingIsKeptWhenNotListening() {
        UUID studio = studio();
        StudioVersions versions = new StudioVersions(jdbc);
        versions.of(studio);

        long after = bump(studio);

        assertThat(versions.of(studio).catalog()).isEqualTo(after);
        versions.listening(true);
        versions.of(studio);
        versions.listening(false);
        long later = bump(studio);
        assertThat(versions.of(studio).catalog()).isEqualTo(later);
    }

    @Test
    void aReadRacingAChangeIsNeverKeptPastItsDrop() throws Exception {
        UUID studio = studio();
        StudioVersions versions = new StudioVersions(jdbc);
        versions.listening(true);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                running.add(readers.submit(() -> {
                    while (writing.get()) {
                        versions.of(studio);
                    }
                }));
            }
            long last = 0;
            for (int i = 0; i < 300; i++) {
                last = bump(studio); // committed, then announced, as the feed would
                versions.drop(studio);
                assertThat(versions.of(studio).catalog())
                        .as("after change %d", i)
                        .isGreaterThanOrEqualTo(last);
            }
            writing.set(false);
            for (Future<?> reader : running) {
                reader.get();
            }
            assertThat(versions.of(studio).catalog()).isEqualTo(last);
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void theFeedAnnouncesChangesAndRecoversFromALostConnection() throws SQLException {
        UUID studio = studio();
        awaitListening();
        long seen = nodeVersions.of(studio).catalog();

        long changed = bump(studio);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(nodeVersions.of(studio).catalog()).isEqualTo(changed));
        assertThat(changed).isGreaterThan(seen);

        int feed = feedBackend();
        terminate(feed);
        long whileReconnecting = bump(studio);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(nodeVersions.of(studio).catalog()).isEqualTo(whileReconnecting));
        await().atMost(Duration.ofSeconds(10)).until(() -> listeningBackend() != null && listeningBackend() != feed);

        long afterReconnect = bump(studio);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(nodeVersions.of(studio).catalog()).isEqualTo(afterReconnect));
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(10)).until(() -> listeningBackend() != null);
    }

    private int feedBackend() {
        Integer pid = listeningBackend();
        assertThat(pid).as("the feed's session").isNotNull();
        return pid;
    }

    /** The feed's session on this test's database, seen by the superuser (who sees every session). */
    private Integer listeningBackend() {
        String database =
                jdbc.sql("SELECT current_database()").query(String.class).single();
        return superuser()
                .sql("SELECT pid FROM pg_stat_activity WHERE datname = ? AND application_name = ?")
                .param(database)
                .param(VersionFeed.APPLICATION_NAME)
                .query(Integer.class)
                .optional()
                .orElse(null);
    }

    private void terminate(int pid) throws SQLException {
        try (Connection connection =
                SharedPostgres.server().getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("SELECT pg_terminate_backend(" + pid + ")");
        }
    }

    private static JdbcClient superuser() {
        return JdbcClient.create(SharedPostgres.server().getPostgresDatabase());
    }
}
