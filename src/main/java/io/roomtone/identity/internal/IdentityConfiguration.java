package io.roomtone.identity.internal;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
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

    /** bcrypt today, with the algorithm recorded in each hash so it can change without a reset. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
