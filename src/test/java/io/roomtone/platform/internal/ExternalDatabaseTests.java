package io.roomtone.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.RoomtoneApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With a database configured Roomtone uses it and starts no server of its own. The "external"
 * server here is a separate PostgreSQL process that the test starts itself.
 */
class ExternalDatabaseTests {

    static EmbeddedPostgres external;

    @TempDir
    Path unusedDataDir;

    @BeforeAll
    static void startExternalServer() throws Exception {
        external = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopExternalServer() throws Exception {
        external.close();
    }

    private void runAgainst(String... properties) {
        String[] all = new String[properties.length + 2];
        all[0] = "server.port=0";
        all[1] = "roomtone.database.data-dir=" + unusedDataDir.resolve("data");
        System.arraycopy(properties, 0, all, 2, properties.length);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RoomtoneApplication.class)
                .properties(all)
                .run()) {
            assertThat(app.getBean(DatabaseServer.class).isEmbedded()).isFalse();
            assertThat(unusedDataDir.resolve("data")).doesNotExist();
        }
    }

    private long studiosIn(String database) {
        return JdbcClient.create(external.getDatabase("postgres", database))
                .sql("SELECT count(*) FROM studio WHERE is_default")
                .query(Long.class)
                .single();
    }

    private void createDatabase(String name) {
        JdbcClient.create(external.getPostgresDatabase())
                .sql("CREATE DATABASE " + name)
                .update();
    }

    @Test
    void usesTheServerNamedByRoomtoneDatabaseUrl() {
        createDatabase("by_roomtone_url");
        runAgainst(
                "roomtone.database.url=" + external.getJdbcUrl("postgres", "by_roomtone_url"),
                "roomtone.database.user=postgres");
        assertThat(studiosIn("by_roomtone_url")).isEqualTo(1);
    }

    @Test
    void usesTheStandardSpringDatasourceProperties() {
        createDatabase("by_spring_url");
        runAgainst(
                "spring.datasource.url=" + external.getJdbcUrl("postgres", "by_spring_url"),
                "spring.datasource.username=postgres");
        assertThat(studiosIn("by_spring_url")).isEqualTo(1);
    }
}
