package io.roomtone.identity;

import io.roomtone.shared.LocalPaths;
import io.roomtone.shared.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Single-use, expiring links mailed to an account's address: a password reset, a sign-in link, an
 * e-mail confirmation. The raw token exists only in the mail (and the answer of {@link #issue});
 * the database keeps its SHA-256 digest. All methods work in the current studio ({@link Tenancy}).
 *
 * <p>For the mail side: a listener of an {@link AccountEvents} event calls {@link #issue} when it
 * composes the mail, and puts {@link #path} (prefixed with the studio's address) in it.
 */
@Service
public class AccountLinks {

    /** What a link does, how long it works, and the page that takes it. */
    public enum Purpose {
        PASSWORD_RESET(Duration.ofMinutes(30), "/password/reset"),
        SIGN_IN_LINK(Duration.ofMinutes(15), "/signin/link"),
        EMAIL_CONFIRMATION(Duration.ofHours(48), "/account/confirm");

        private final Duration ttl;
        private final String page;

        Purpose(Duration ttl, String page) {
            this.ttl = ttl;
            this.page = page;
        }

        public Duration ttl() {
            return ttl;
        }

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A link secret just issued (shown once) and when it stops working. */
    public record Link(String token, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountLinks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A new link for {@code userId} of the current studio. Earlier unused links of the same purpose
     * keep working until they expire (mails may arrive out of order); used and expired ones are
     * removed here, which keeps the table small without a job per studio.
     */
    @Transactional
    public Link issue(UUID userId, Purpose purpose) {
        UUID studioId = Tenancy.currentStudioId();
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        DELETE FROM account_token
                         WHERE studio_id = ? AND user_id = ? AND purpose = ?
                           AND (used_at IS NOT NULL OR expires_at <= ?)
                        """)
                .params(studioId, userId, purpose.code(), java.sql.Timestamp.from(now))
                .update();
        String token = Secrets.newToken();
        Instant expiresAt = now.plus(purpose.ttl());
        jdbc.sql(
                        """
                        INSERT INTO account_token (studio_id, token_hash, user_id, purpose, expires_at)
                        VALUES (?, ?, ?, ?, ?)
                        """)
                .params(studioId, Secrets.sha256(token), userId, purpose.code(), java.sql.Timestamp.from(expiresAt))
                .update();
        return new Link(token, expiresAt);
    }

    /** The site-relative link for a mail: the purpose's page with the token. */
    public String path(Purpose purpose, String token) {
        return path(purpose, token, null);
    }

    /** As {@link #path(Purpose, String)}, returning to {@code next} afterwards when it is a local path. */
    public String path(Purpose purpose, String token, String next) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(purpose.page).queryParam("token", token);
        if (LocalPaths.isLocal(next)) {
            uri.queryParam("next", next);
        }
        return uri.encode().build().toUriString();
    }

    /**
     * Uses up a link: marks it used and says whose it was, in one conditional statement, so that of
     * any number of concurrent callers exactly one gets it (the others wait for its row lock and then
     * find it used). The use is undone with the caller's transaction if that fails, so a refused new
     * password leaves a reset link usable.
     */
    @Transactional
    public Optional<UUID> consume(String token, Purpose purpose) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
        return jdbc.sql(
                        """
                        UPDATE account_token SET used_at = ?
                         WHERE studio_id = ? AND token_hash = ? AND purpose = ?
                           AND used_at IS NULL AND expires_at > ?
                        RETURNING user_id
                        """)
                .params(now, Tenancy.currentStudioId(), Secrets.sha256(token), purpose.code(), now)
                .query(UUID.class)
                .optional();
    }

    /** Whether a link would still work (a page shows a dead link as such before asking for input). */
    @Transactional(readOnly = true)
    public boolean usable(String token, Purpose purpose) {
        if (!wellFormed(token)) {
            return false;
        }
        return jdbc.sql(
                        """
                        SELECT EXISTS (SELECT 1 FROM account_token
                                        WHERE studio_id = ? AND token_hash = ? AND purpose = ?
                                          AND used_at IS NULL AND expires_at > ?)
                        """)
                .params(
                        Tenancy.currentStudioId(),
                        Secrets.sha256(token),
                        purpose.code(),
                        java.sql.Timestamp.from(clock.instant()))
                .query(Boolean.class)
                .single();
    }

    /** Ends every unused link of the account (a password reset ends the other ways in too). */
    @Transactional
    public void revokeAll(UUID userId) {
        jdbc.sql("DELETE FROM account_token WHERE studio_id = ? AND user_id = ?")
                .params(Tenancy.currentStudioId(), userId)
                .update();
    }

    private static boolean wellFormed(String token) {
        return token != null && !token.isBlank() && token.length() <= 200;
    }
}
