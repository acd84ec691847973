package io.roomtone.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.RoomtoneApplication;
import io.roomtone.identity.Accounts;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The default installation: no database configured, so Roomtone runs its own PostgreSQL with its
 * files in {@code ROOMTONE_DATA_DIR}. Data must survive a restart and a hard kill.
 */
class EmbeddedDatabaseTests {

    private static final String OWNER = "owner@embedded.test";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RoomtoneApplication.class)
                .run(
                        "--server.port=0",
                        "--roomtone.database.data-dir=" + dataDir,
                        "--roomtone.admin-email=" + OWNER,
                        "--roomtone.admin-password=owner-password");
    }

    @Test
    void keepsDataAcrossRestartsWithDurableSettingsAndStopsItsServer() {
        String roomName = "Persisted " + UUID.randomUUID();
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getBean(DatabaseServer.class).isEmbedded()).isTrue();
            inDefaultStudio(app, jdbc -> jdbc.sql("INSERT INTO room (studio_id, name) VALUES (current_studio_id(), ?)")
                    .param(roomName)
                    .update());
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single())
                    .isEqualTo("on");
        }
        assertThat(dataDir.resolve("postmaster.pid"))
                .as("the server stopped with the application")
                .doesNotExist();

        try (ConfigurableApplicationContext app = start()) {
            Long rooms = inDefaultStudio(app, jdbc -> jdbc.sql("SELECT count(*) FROM room WHERE name = ?")
                    .param(roomName)
                    .query(Long.class)
                    .single());
            assertThat(rooms).isEqualTo(1);
        }
    }

    @Test
    void startsCleanlyAfterThePreviousProcessWasKilledHard() throws Exception {
        Process previous = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RoomtoneApplication.class.getName(),
                        "--server.port=0",
                        "--roomtone.database.data-dir=" + dataDir,
                        "--roomtone.admin-email=" + OWNER,
                        "--roomtone.admin-password=owner-password")
                .redirectErrorStream(true)
                .start();
        try {
            awaitLine(previous, "Started RoomtoneApplication", Duration.ofSeconds(120));
            long postmaster = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            previous.destroyForcibly().waitFor();
            assertThat(DatabaseServer.isRunning(postmaster))
                    .as("the killed process left its PostgreSQL behind")
                    .isTrue();

            try (ConfigurableApplicationContext app = start()) {
                boolean ownerSurvived = Tenancy.callAs(
                        app.getBean(Studios.class).defaultStudio().orElseThrow().id(),
                        () -> app.getBean(Accounts.class).findByEmail(OWNER).isPresent());
                assertThat(ownerSurvived).isTrue();
                assertThat(DatabaseServer.isRunning(postmaster))
                        .as("the orphan was stopped")
                        .isFalse();
            }
        } finally {
            previous.destroyForcibly();
        }
    }

    private static <T> T inDefaultStudio(
            ConfigurableApplicationContext app, java.util.function.Function<JdbcClient, T> work) {
        UUID studio = app.getBean(Studios.class).defaultStudio().orElseThrow().id();
        TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        return Tenancy.callAs(studio, () -> transactions.execute(tx -> work.apply(jdbc)));
    }

    private static void awaitLine(Process process, String marker, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        List<String> seen = new java.util.ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            seen.add(line);
            if (line.contains(marker)) {
                // keep draining so the child never blocks on a full pipe
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
                drain.setDaemon(true);
                drain.start();
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                break;
            }
        }
        throw new AssertionError(
                "The application did not start:\n" + String.join(File.separator.equals("/") ? "\n" : "\r\n", seen));
    }
}
