package io.roomtone.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.identity.Tenancy;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SharedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The triggers that move the studio's catalog counter (availability V16; created by each module on
 * its own tables) fire once per statement: a change of many rows bumps its studio's counter once, a
 * statement that changed no row bumps nothing, and a committed change is still announced to listening
 * nodes. The occupancy counter moves after commit instead ({@link OccupancyChanges}), so a booking's
 * transaction never holds it.
 * Every change here runs as the application's role in a studio transaction, as the application's
 * own writes do, and is rolled back unless it has to be seen committed.
 */
@RoomtoneTest
class VersionTriggersTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    OccupancyChanges occupancy;

    @Autowired
    DataSource dataSource;

    UUID studio() {
        return jdbc.sql("SELECT id FROM studio WHERE is_default")
                .query(UUID.class)
                .single();
    }

    long catalogVersion(UUID studio) {
        return jdbc.sql("SELECT coalesce(max(version), 0) FROM catalog_version WHERE studio_id = ?")
                .param(studio)
                .query(Long.class)
                .single();
    }

    long occupancyVersion(UUID studio) {
        return jdbc.sql("SELECT coalesce(max(occupancy_version), 0) FROM catalog_version WHERE studio_id = ?")
                .param(studio)
                .query(Long.class)
                .single();
    }

    /** Runs {@code work} in a transaction of {@code studio} that is rolled back afterwards. */
    void rolledBack(UUID studio, Runnable work) {
        Tenancy.runAs(
                studio,
                () -> transactions.executeWithoutResult(tx -> {
                    work.run();
                    tx.setRollbackOnly();
                }));
    }

    int update(String sql, Object... params) {
        return jdbc.sql(sql).params(params).update();
    }

    @Test
    void occupancyChangesMoveTheVersionOnceAfterTheirCommitAndNeverOnRollback() {
        UUID studio = studio();
        long before = occupancyVersion(studio);

        rolledBack(studio, () -> {
            occupancy.changedInThisTransaction();
            occupancy.changedInThisTransaction();
        });
        occupancy.awaitAnnounced();
        assertThat(occupancyVersion(studio)).as("rolled back").isEqualTo(before);

        Tenancy.runAs(
                studio,
                () -> transactions.executeWithoutResult(tx -> {
                    occupancy.changedInThisTransaction();
                    occupancy.changedInThisTransaction();
                    assertThat(occupancyVersion(studio)).as("before the commit").isEqualTo(before);
                }));
        occupancy.awaitAnnounced();
        assertThat(occupancyVersion(studio)).as("committed, changed twice").isEqualTo(before + 1);
    }

    @Test
    void aTransactionThatTakesOccupancyLeavesTheStudioCounterFree() {
        UUID studio = studio();
        UUID room = UUID.randomUUID();
        // committed first: a new room moves the catalog counter, which is this row too
        Tenancy.runAs(
                studio,
                () -> transactions.executeWithoutResult(tx -> update(
                        "INSERT INTO room (id, studio_id, name) VALUES (?, current_studio_id(), ?)",
                        room,
                        "Occ " + room)));
        rolledBack(studio, () -> {
            UUID hold = UUID.randomUUID();
            update(
                    """
                    INSERT INTO hold (id, studio_id, user_id, room_id, start_at, end_at, expires_at)
                    SELECT ?, current_studio_id(), id, ?, '2090-01-01 10:00Z', '2090-01-01 12:00Z', '2090-01-01 09:00Z'
                      FROM app_user LIMIT 1
                    """,
                    hold,
                    room);
            assertThat(update(
                            """
                            INSERT INTO occupancy (studio_id, resource_kind, resource_id, blocked, hold_id, expires_at)
                            VALUES (current_studio_id(), 'room', ?, tstzrange('2090-01-01 10:00Z', '2090-01-01 11:00Z'), ?,
                                    '2090-01-01 09:00Z')
                            """,
                            room,
                            hold))
                    .isEqualTo(1);

            assertThat(catalogVersion(studio))
                    .as("the studio has its counter row")
                    .isPositive();
            // another session (as another booking of the studio would) finds the counter row unlocked:
            // the room's insert above took no lock on it, so bookings do not queue behind each other
            try (Connection other = dataSource.getConnection();
                    Statement statement = other.createStatement()) {
                statement.execute("SET lock_timeout = '1s'");
                statement.execute("SELECT 1 FROM catalog_version WHERE studio_id = '" + studio + "' FOR UPDATE NOWAIT");
            } catch (SQLException e) {
                throw new AssertionError("the studio's counter row is locked by the occupancy change", e);
            }
        });
    }

    @Test
    void aCatalogChangeBumpsTheCatalogVersionOncePerStatement() {
        UUID studio = studio();
        rolledBack(studio, () -> {
            String tag = UUID.randomUUID().toString();
            long before = catalogVersion(studio);

            update(
                    "INSERT INTO room (studio_id, name) VALUES (current_studio_id(), ?), (current_studio_id(), ?)",
                    "A " + tag,
                    "B " + tag);
            assertThat(catalogVersion(studio)).as("two rooms inserted at once").isEqualTo(before + 1);

            assertThat(update("UPDATE room SET color = '#ff0000' WHERE name LIKE ?", "% " + tag))
                    .isEqualTo(2);
            assertThat(catalogVersion(studio)).as("two rooms updated at once").isEqualTo(before + 2);

            assertThat(update("UPDATE room SET color = 'blue' WHERE name = 'no such room ' || ?", tag))
                    .isZero();
            assertThat(update("DELETE FROM schedule_rule WHERE false")).isZero();
            assertThat(catalogVersion(studio))
                    .as("statements that changed nothing")
                    .isEqualTo(before + 2);

            assertThat(update("DELETE FROM room WHERE name LIKE ?", "% " + tag)).isEqualTo(2);
            assertThat(catalogVersion(studio)).as("two rooms deleted at once").isEqualTo(before + 3);

            update(
                    """
                    INSERT INTO schedule_rule (studio_id, target_type, byweekday, start_time, end_time)
                    VALUES (current_studio_id(), 'studio', '{1}', '09:00', '10:00'),
                           (current_studio_id(), 'studio', '{2}', '09:00', '10:00')
                    """);
            assertThat(catalogVersion(studio)).as("scheduling's tables too").isEqualTo(before + 4);
            update("UPDATE app_user SET updated_at = now()");
            assertThat(catalogVersion(studio)).as("identity's accounts too").isEqualTo(before + 5);
        });
    }

    @Test
    void aStatementOverSeveralStudiosBumpsEachOnce() throws SQLException {
        // only the schema's owner writes across studios: row-level security confines the application
        try (Connection owner = ownerConnection()) {
            owner.setAutoCommit(false);
            JdbcClient sql = JdbcClient.create(new SingleConnectionDataSource(owner, true));
            try {
                UUID a = newStudio(sql);
                UUID b = newStudio(sql);
                sql.sql("INSERT INTO room (studio_id, name) VALUES (?, 'One'), (?, 'Two'), (?, 'One'), (?, 'Two')")
                        .params(a, a, b, b)
                        .update();
                sql.sql("UPDATE studio SET name = name || '!' WHERE id IN (?, ?)")
                        .params(a, b)
                        .update();
                assertThat(sql.sql("SELECT version FROM catalog_version WHERE studio_id IN (?, ?)")
                                .params(a, b)
                                .query(Long.class)
                                .list())
                        .as("one bump for the rooms, one for the studio, per studio")
                        .containsExactly(2L, 2L);
            } finally {
                owner.rollback();
            }
        }
    }

    @Test
    void aCommittedChangeIsStillAnnounced() throws SQLException {
        UUID studio = studio();
        try (Connection listener = ownerConnection()) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("LISTEN roomtone_versions");
            }
            String tag = UUID.randomUUID().toString();
            Tenancy.runAs(
                    studio,
                    () -> transactions.executeWithoutResult(tx -> update(
                            "INSERT INTO room (studio_id, name) VALUES (current_studio_id(), ?), (current_studio_id(), ?)",
                            "A " + tag,
                            "B " + tag)));
            try {
                List<String> payloads = new ArrayList<>();
                collect(listener, 2_000, payloads::add);
                // PostgreSQL folds equal notifications of one transaction into one, whatever the triggers
                assertThat(payloads).contains(studio.toString());
            } finally {
                Tenancy.runAs(
                        studio,
                        () -> transactions.executeWithoutResult(
                                tx -> update("DELETE FROM room WHERE name LIKE ?", "% " + tag)));
            }
        }
    }

    private static void collect(Connection listener, int waitMillis, Consumer<String> payloads) throws SQLException {
        PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(waitMillis);
        if (notifications != null) {
            for (PGNotification notification : notifications) {
                payloads.accept(notification.getParameter());
            }
        }
    }

    private static UUID newStudio(JdbcClient sql) {
        String slug = "t" + UUID.randomUUID().toString().substring(0, 8);
        return sql.sql("INSERT INTO studio (slug, name) VALUES (?, ?) RETURNING id")
                .params(slug, slug)
                .query(UUID.class)
                .single();
    }

    /** A connection as the owner of this test's database (the server's superuser). */
    private Connection ownerConnection() throws SQLException {
        String database =
                jdbc.sql("SELECT current_database()").query(String.class).single();
        DataSource owner = SharedPostgres.server().getDatabase("postgres", database);
        return owner.getConnection();
    }
}
