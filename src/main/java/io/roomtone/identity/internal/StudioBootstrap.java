package io.roomtone.identity.internal;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Role;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * First start: creates the default studio, so a single-studio install needs no configuration, and
 * its owner from {@code ROOMTONE_ADMIN_EMAIL}/{@code ROOMTONE_ADMIN_PASSWORD} when given. Runs before
 * the web server accepts requests; safe when several nodes start at once.
 */
@Component
class StudioBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StudioBootstrap.class);

    private final JdbcClient jdbc;
    private final Studios studios;
    private final Accounts accounts;
    private final IdentityProperties properties;
    private final TransactionTemplate transactions;

    StudioBootstrap(
            JdbcClient jdbc,
            Studios studios,
            Accounts accounts,
            IdentityProperties properties,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.studios = studios;
        this.accounts = accounts;
        this.properties = properties;
        this.transactions = transactions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        jdbc.sql(
                        "INSERT INTO studio (slug, name, is_default) VALUES ('default', 'My Studio', true) ON CONFLICT DO NOTHING")
                .update();
        Studio studio = studios.defaultStudio().orElseThrow();
        if (!StringUtils.hasText(properties.adminEmail()) || !StringUtils.hasText(properties.adminPassword())) {
            return;
        }
        Tenancy.runAs(
                studio.id(),
                () -> transactions.executeWithoutResult(tx -> {
                    OwnerLock.acquire(jdbc, studio.id());
                    if (!accounts.hasOwner()) {
                        accounts.create(properties.adminEmail(), properties.adminPassword(), "Owner", null, Role.OWNER);
                        log.info("Created the owner {} of studio '{}'", properties.adminEmail(), studio.slug());
                    }
                }));
    }
}
