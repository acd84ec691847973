package io.roomtone.identity.internal;

import io.roomtone.identity.Tenancy;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Checks an email and password against the current studio's accounts. */
@Component
public class Credentials {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    // Compared against when no account matches, so that a wrong email costs as long as a wrong password.
    private final String decoyHash;

    Credentials(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.decoyHash = passwords.encode("decoy-password-for-timing");
    }

    /** The id of the account these credentials open, if any. */
    @Transactional(readOnly = true)
    public Optional<UUID> verify(String email, String password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        record Stored(UUID id, String hash) {}
        Optional<Stored> stored = jdbc.sql("SELECT id, password_hash FROM app_user WHERE studio_id = ? AND email = ?")
                .params(Tenancy.currentStudioId(), email.strip().toLowerCase(java.util.Locale.ROOT))
                .query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getString("password_hash")))
                .optional();
        String hash = stored.map(Stored::hash).orElse(null);
        boolean matches = passwords.matches(password, hash != null ? hash : decoyHash);
        return matches && hash != null ? stored.map(Stored::id) : Optional.empty();
    }
}
