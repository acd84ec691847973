package io.roomtone.platform.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Roomtone talks to: an external one when configured, otherwise an embedded
 * one that lives as long as the application and keeps its files between runs.
 */
final class DatabaseServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private DatabaseServer(String jdbcUrl, String user, String password, EmbeddedPostgres embedded) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    static DatabaseServer external(String jdbcUrl, String user, String password) {
        log.info("Using the PostgreSQL server at {}", jdbcUrl.replaceAll("password=[^&]*", "password=***"));
        return new DatabaseServer(jdbcUrl, user, password, null);
    }

    static DatabaseServer embedded(Path dataDir, boolean durable) {
        try {
            Path dir = dataDir.toAbsolutePath().normalize();
            Files.createDirectories(dir);
            stopOrphanedServer(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (durable) {
                // The library tunes its server for throwaway test data; a studio's bookings are not.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Started embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dir);
            return new DatabaseServer(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * After a hard kill of the previous Roomtone process its postmaster survives and keeps the data
     * directory; stop it, but only if no live Roomtone holds the directory's lock.
     */
    private static void stopOrphanedServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel =
                        FileChannel.open(dir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Another Roomtone process is using the data directory " + dir);
            }
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty()
                ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                        .filter(p -> isRunning(p.pid()))
                        .filter(p -> p.info().command().orElse("").contains("postgres"));
        if (orphan.isEmpty()) {
            return; // a stale pid file: PostgreSQL itself recovers from it
        }
        long pid = orphan.get().pid();
        log.warn("Stopping the orphaned PostgreSQL (pid {}) left by a previous run", pid);
        orphan.get().destroy(); // SIGTERM: a clean shutdown once its dead clients are gone
        if (!awaitExit(pid, Duration.ofSeconds(30))) {
            orphan.get().destroyForcibly(); // PostgreSQL replays its WAL on the next start
            awaitExit(pid, Duration.ofSeconds(10));
        }
    }

    private static boolean awaitExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Alive and not a zombie: the orphan's parent died, so nobody may reap it once it exits, and a
     * zombie still counts as alive for {@link ProcessHandle#isAlive()}.
     */
    static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 2)[0];
            return !state.equals("Z") && !state.equals("X");
        } catch (IOException | RuntimeException e) {
            return true; // no /proc (not Linux): trust isAlive
        }
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
            log.info("Stopped embedded PostgreSQL");
        }
    }
}
