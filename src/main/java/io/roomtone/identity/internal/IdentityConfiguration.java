package io.roomtone.identity.internal;

import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionExecutionListener;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** With the application's {@link TransactionExecutionListener}s (for example cache invalidation on commit). */
    @Bean
    PlatformTransactionManager transactionManager(
            DataSource dataSource, ObjectProvider<TransactionExecutionListener> listeners) {
        TenantTransactionManager manager = new TenantTransactionManager(dataSource);
        listeners.orderedStream().forEach(manager::addListener);
        return manager;
    }

    /**
     * bcrypt of a SHA-256 digest today (see {@link PrehashedBcrypt}), with the algorithm recorded in
     * each hash so it can change without a reset; hashes of plain bcrypt still verify.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(
                PrehashedBcrypt.ID,
                Map.of(PrehashedBcrypt.ID, new PrehashedBcrypt(), "bcrypt", new PrehashedBcrypt.Legacy()));
    }
}
