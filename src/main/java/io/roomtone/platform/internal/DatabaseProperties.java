package io.roomtone.platform.internal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Roomtone keeps its data. With no {@code url} (and no {@code spring.datasource.url}) an
 * embedded PostgreSQL is started with its files in {@code dataDir}.
 *
 * @param url JDBC URL of an external PostgreSQL ({@code ROOMTONE_DATABASE_URL})
 * @param appRole the role that requests run as; it is never a superuser, so row-level security holds
 * @param durable fsync and synchronous commit for the embedded server; only tests turn it off
 */
@ConfigurationProperties("roomtone.database")
record DatabaseProperties(
        String url,
        String user,
        String password,
        @DefaultValue("roomtone_app") String appRole,
        @DefaultValue("true") boolean durable,
        @DefaultValue("./data") Path dataDir) {}
