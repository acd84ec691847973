package io.roomtone.identity.internal;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Role;
import io.roomtone.shared.Secrets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Opaque bearer tokens: 256 random bits handed out once and kept only as a SHA-256 digest, so a
 * copy of the database cannot be used to sign in.
 *
 * <p>Public, unlike the rest of this package, because the module's root services issue, resolve and
 * revoke tokens ({@code Accounts} for invitations and password changes, {@code RequestAuthentication}
 * for every request); other modules cannot reach it.
 */
@Component
public class Tokens {

    public enum Purpose {
        SESSION,
        INVITATION
    }

    /** Whose token it is. */
    public record Owner(UUID studioId, UUID userId) {}

    private final JdbcClient jdbc;
    private final IdentityProperties properties;

    Tokens(JdbcClient jdbc, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public String issue(UUID studioId, UUID userId, Purpose purpose, Duration ttl) {
        String token = Secrets.newToken();
        jdbc.sql(
                        """
                        INSERT INTO auth_token (token_hash, studio_id, user_id, purpose, expires_at)
                        VALUES (?, ?, ?, ?, now() + make_interval(secs => ?))
                        """)
                .params(digest(token), studioId, userId, purpose.name().toLowerCase(), ttl.toSeconds())
                .update();
        return token;
    }

    /**
     * Uses up a token of {@code studioId}: deletes it and says whose it was, in one statement, so that
     * of any number of concurrent callers exactly one gets it (the others wait for its row lock and
     * then find it gone). The deletion is undone with the caller's transaction if that fails.
     */
    public Optional<Owner> consume(String token, Purpose purpose, UUID studioId) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql(
                        """
                        DELETE FROM auth_token
                         WHERE token_hash = ? AND purpose = ? AND studio_id = ? AND expires_at > now()
                        RETURNING studio_id, user_id
                        """)
                .params(digest(token), purpose.name().toLowerCase(), studioId)
                .query((rs, row) ->
                        new Owner(rs.getObject("studio_id", UUID.class), rs.getObject("user_id", UUID.class)))
                .optional();
    }

    /**
     * Who a session token signs in, in one statement (see {@code signed_in_user} in identity's V20):
     * the token's studio and the account as that studio's row-level security shows it. An owner's or
     * admin's session idle for longer than {@code roomtone.admin-idle-timeout} ends here (see V22).
     */
    public Optional<CurrentUser> signedIn(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql(
                        """
                        SELECT studio_id, user_id, email, name, role
                          FROM signed_in_user(?, make_interval(secs => ?))
                        """)
                .params(digest(token), (double) properties.adminIdleTimeout().toMillis() / 1000)
                .query((rs, row) -> new CurrentUser(
                        rs.getObject("user_id", UUID.class),
                        rs.getObject("studio_id", UUID.class),
                        rs.getString("email"),
                        rs.getString("name"),
                        Role.fromJson(rs.getString("role"))))
                .optional();
    }

    public void revoke(String token) {
        jdbc.sql("DELETE FROM auth_token WHERE token_hash = ?")
                .param(digest(token))
                .update();
    }

    public void revokeAll(UUID studioId, UUID userId, Purpose purpose) {
        jdbc.sql("DELETE FROM auth_token WHERE studio_id = ? AND user_id = ? AND purpose = ?")
                .params(studioId, userId, purpose.name().toLowerCase())
                .update();
    }

    /** Expired tokens are already refused; this only keeps the table small. Safe on many nodes. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void deleteExpired() {
        jdbc.sql("DELETE FROM auth_token WHERE expires_at < now() - interval '1 day'")
                .update();
    }

    private static String digest(String token) {
        return Secrets.sha256(token);
    }
}
