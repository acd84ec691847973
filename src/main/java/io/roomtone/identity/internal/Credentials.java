package io.roomtone.identity.internal;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.Tenancy;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks an email and password against the current studio's accounts. The stored hash is read in a
 * short transaction and compared outside it: bcrypt takes a tenth of a second on purpose, and no
 * database connection is held meanwhile, so a burst of sign-ins cannot exhaust the pool.
 */
@Component
class Credentials {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final TransactionTemplate reading;
    // Compared against when no account matches, so that a wrong email costs as long as a wrong password.
    private final String decoyHash;

    Credentials(JdbcClient jdbc, PasswordEncoder passwords, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.decoyHash = passwords.encode("decoy-password-for-timing");
    }

    /**
     * The id of the account these credentials open, if any. Call it outside a transaction, so that
     * the comparison runs without one.
     */
    Optional<UUID> verify(String email, String password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        record Stored(UUID id, String hash) {}
        Optional<Stored> stored = reading.execute(
                status -> jdbc.sql("SELECT id, password_hash FROM app_user WHERE studio_id = ? AND email = ?")
                        .params(Tenancy.currentStudioId(), Accounts.normalizeEmail(email))
                        .query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getString("password_hash")))
                        .optional());
        String hash = stored.map(Stored::hash).orElse(null);
        boolean matches = passwords.matches(password, hash != null ? hash : decoyHash);
        return matches && hash != null ? stored.map(Stored::id) : Optional.empty();
    }
}
