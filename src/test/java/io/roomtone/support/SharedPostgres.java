package io.roomtone.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One embedded PostgreSQL server for the whole test JVM; every Spring test context gets a fresh
 * database on it (see {@link FreshDatabase}), so contexts never see each other's rows.
 */
public final class SharedPostgres {

    private static EmbeddedPostgres server;

    private SharedPostgres() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setRegisterShutdownHook(false)
                        // every cached Spring context keeps a pool (and a LISTEN connection) open, and
                        // some tests start a second application node: 100 were not enough
                        .setServerConfig("max_connections", "500")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    // Shutdown hooks run in parallel, and Spring Boot's one closes the cached contexts
                    // one after the other: the server goes only after them. Gone earlier, each later
                    // context waited its pool's connection timeout (its event registry still asks for
                    // incomplete publications) and the fork outlived Surefire's 30 s at exit.
                    Thread.sleep(200);
                    for (Thread hook : Thread.getAllStackTraces().keySet()) {
                        if (hook.getName().equals("SpringApplicationShutdownHook")) {
                            hook.join(25_000);
                        }
                    }
                    server.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL (user {@code postgres}, no password). */
    public static String newDatabase() {
        String name = "roomtone_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getJdbcUrl("postgres", name);
    }
}
