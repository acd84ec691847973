package io.roomtone.identity.internal;

import io.roomtone.identity.Tenancy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Copies the thread's studio into the transaction-local setting {@code roomtone.studio_id} that the
 * row-level security policies read. The value is bound as a parameter, never concatenated, and is
 * reset by PostgreSQL when the transaction ends, so a pooled connection never carries it over.
 */
class TenantTransactionManager extends JdbcTransactionManager {

    TenantTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        String studio = Tenancy.studioId().map(UUID::toString).orElse("");
        try (PreparedStatement statement = con.prepareStatement("SELECT set_config('roomtone.studio_id', ?, true)")) {
            statement.setString(1, studio);
            statement.execute();
        }
    }
}
