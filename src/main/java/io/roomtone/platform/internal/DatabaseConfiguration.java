package io.roomtone.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * Two connection sources on one server: Flyway migrates as the schema owner, and every request
 * runs as {@code roomtone.database.app-role}, a role without superuser or BYPASSRLS, so that
 * row-level security really filters.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseProperties properties, Environment env) {
        if (StringUtils.hasText(properties.url())) {
            return DatabaseServer.external(properties.url(), properties.user(), properties.password());
        }
        String springUrl = env.getProperty("spring.datasource.url");
        if (StringUtils.hasText(springUrl)) {
            return DatabaseServer.external(
                    springUrl,
                    env.getProperty("spring.datasource.username"),
                    env.getProperty("spring.datasource.password"));
        }
        return DatabaseServer.embedded(properties.dataDir(), properties.durable());
    }

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DatabaseServer server, DatabaseProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(server.user());
        dataSource.setPassword(server.password());
        dataSource.setPoolName("roomtone");
        dataSource.setConnectionInitSql("SET ROLE " + quoteIdentifier(properties.appRole()));
        return dataSource;
    }

    @Bean
    @FlywayDataSource
    DataSource migrationDataSource(DatabaseServer server) throws ClassNotFoundException {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
        dataSource.setDriverClass(org.postgresql.Driver.class);
        dataSource.setUrl(server.jdbcUrl());
        dataSource.setUsername(server.user());
        dataSource.setPassword(server.password());
        return dataSource;
    }

    private static String quoteIdentifier(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("roomtone.database.app-role must be a plain lower-case identifier");
        }
        return identifier;
    }
}
