package io.roomtone.notifications;

import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.SealedSecrets;
import io.roomtone.shared.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A studio's own Twilio account: when it has one, its texts go out through it, from its own number
 * or messaging service, instead of through the installation's ({@code ROOMTONE_TWILIO_*}). The auth
 * token is sealed ({@link SealedSecrets}, bound to the studio and the field) and never shown again:
 * the owner sees its last four characters. Only the studio's owner may set or remove it. A node reads
 * a studio's account at most once a minute ({@link PerStudio}).
 */
@Service
public class StudioSmsAccount {

    private static final String TABLE = "studio_twilio_account";

    static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-f]{32}");
    static final Pattern MESSAGING_SERVICE = Pattern.compile("MG[0-9a-f]{32}");
    static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{7,14}");
    // Twilio's tokens are 32 hex digits; a little room for API key secrets, nothing that breaks a header
    private static final Pattern AUTH_TOKEN = Pattern.compile("[A-Za-z0-9]{16,128}");

    /** The account as the owner types it; a blank token keeps the stored one (same account). */
    public record Settings(String accountSid, String authToken, String sender) {}

    /** What the owner sees of the studio's account; the token itself never leaves the server. */
    public record Shown(String accountSid, String authTokenHint, String sender, Instant updatedAt) {}

    /** The studio's account, ready to send through; {@code problem} says why it cannot. */
    record Account(String accountSid, String authToken, String sender, String problem) {

        boolean fromMessagingService() {
            return sender.startsWith("MG");
        }

        @Override
        public String toString() {
            return "Account[" + accountSid + ", " + sender + "]"; // never the token
        }
    }

    private final JdbcClient jdbc;
    private final SealedSecrets sealed;
    private final AuditTrail audit;
    private final TransactionTemplate reads;
    private final Clock clock;
    private final PerStudio<Account> accounts;

    StudioSmsAccount(
            JdbcClient jdbc,
            SealedSecrets sealed,
            AuditTrail audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.sealed = sealed;
        this.audit = audit;
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = clock;
        this.accounts = new PerStudio<>(clock, this::read);
    }

    /** Whether studios may store an account of their own here: its token (and numbers) must be encrypted. */
    public boolean storable() {
        return sealed.available();
    }

    /** Why studios cannot store an account of their own here; null when they can. */
    public String whyNotStorable() {
        return storable()
                ? null
                : "Set ROOMTONE_ENCRYPTION_KEY (32 random bytes in base64) so that tokens and phone numbers can be"
                        + " stored encrypted.";
    }

    /** What the current studio stored, if anything. */
    @Transactional(readOnly = true)
    public Optional<Shown> shown() {
        return jdbc.sql("SELECT * FROM studio_twilio_account WHERE studio_id = :studio")
                .param("studio", Tenancy.currentStudioId())
                .query((rs, n) -> shown(rs))
                .optional();
    }

    /** Stores (or replaces) the current studio's account; its owner only. Nothing is written on bad input. */
    @Transactional
    public Shown save(Settings settings, CurrentUser owner) {
        SenderFields.requireOwner(owner, "SMS account");
        if (!storable()) {
            throw RoomtoneException.conflict(whyNotStorable());
        }
        UUID studio = Tenancy.currentStudioId();
        SenderFields.lock(jdbc, TABLE, studio);
        Optional<Shown> before = shown();
        String token = settings.authToken() == null || settings.authToken().isBlank() ? null : settings.authToken();
        boolean keepToken = token == null
                && before.map(b -> b.accountSid().equals(settings.accountSid())).orElse(false);
        new Validation()
                .require(settings.accountSid(), "account_sid")
                .check(
                        settings.accountSid() == null || matches(ACCOUNT_SID, settings.accountSid()),
                        "account_sid",
                        "must be AC followed by 32 lowercase hexadecimal digits (Twilio's Account SID)")
                .check(token != null || keepToken, "auth_token", "is required")
                .check(
                        token == null || matches(AUTH_TOKEN, token),
                        "auth_token",
                        "must be Twilio's auth token: 16 to 128 letters and digits")
                .require(settings.sender(), "sender")
                .check(
                        settings.sender() == null
                                || matches(PHONE, settings.sender())
                                || matches(MESSAGING_SERVICE, settings.sender()),
                        "sender",
                        "must be a phone number in E.164 form (+ and 8 to 15 digits, e.g. +14165550199) or a"
                                + " messaging service SID (MG and 32 lowercase hexadecimal digits)")
                .throwIfInvalid();
        Instant now = clock.instant();
        if (keepToken) {
            // the row is there (the lock keeps it so) and keeps its token
            jdbc.sql("UPDATE studio_twilio_account SET sender = :sender, updated_at = :now WHERE studio_id = :studio")
                    .param("studio", studio)
                    .param("sender", settings.sender())
                    .param("now", Timestamp.from(now))
                    .update();
        } else {
            jdbc.sql(
                            """
                            INSERT INTO studio_twilio_account (studio_id, account_sid, auth_token_sealed,
                                                               auth_token_hint, sender, updated_at)
                            VALUES (:studio, :sid, :token, :hint, :sender, :now)
                            ON CONFLICT (studio_id) DO UPDATE SET account_sid = EXCLUDED.account_sid,
                                   auth_token_sealed = EXCLUDED.auth_token_sealed,
                                   auth_token_hint = EXCLUDED.auth_token_hint, sender = EXCLUDED.sender,
                                   updated_at = EXCLUDED.updated_at
                            """)
                    .param("studio", studio)
                    .param("sid", settings.accountSid())
                    .param("token", sealed.seal(token, context(studio)))
                    .param("hint", SenderFields.hint(token))
                    .param("sender", settings.sender())
                    .param("now", Timestamp.from(now))
                    .update();
        }
        Shown after = shown().orElseThrow();
        audit.record("notifications.twilio_account_saved", "studio", studio, before.orElse(null), after);
        accounts.forget(studio);
        return after;
    }

    /** Removes the current studio's account (its texts go through the installation's again); its owner only. */
    @Transactional
    public boolean remove(CurrentUser owner) {
        SenderFields.requireOwner(owner, "SMS account");
        UUID studio = Tenancy.currentStudioId();
        SenderFields.lock(jdbc, TABLE, studio);
        Optional<Shown> before = shown();
        boolean removed = SenderFields.delete(jdbc, TABLE, studio);
        if (removed) {
            audit.record("notifications.twilio_account_removed", "studio", studio, before.orElse(null), null);
        }
        accounts.forget(studio);
        return removed;
    }

    /** The studio's own account, if it stored one (read at most once a minute on this node). */
    Optional<Account> account(UUID studio) {
        return accounts.get(studio);
    }

    private Optional<Account> read(UUID studio) {
        return SenderFields.row(jdbc, reads, TABLE, studio, (rs, n) -> account(rs, studio));
    }

    private Account account(ResultSet rs, UUID studio) throws SQLException {
        String sid = rs.getString("account_sid");
        String sender = rs.getString("sender");
        try {
            return new Account(sid, sealed.open(rs.getBytes("auth_token_sealed"), context(studio)), sender, null);
        } catch (IllegalStateException e) {
            return new Account(
                    sid,
                    null,
                    sender,
                    "The auth token of the studio's Twilio account cannot be opened (was ROOMTONE_ENCRYPTION_KEY"
                            + " changed or removed?): store it again on the integrations page.");
        }
    }

    private static Shown shown(ResultSet rs) throws SQLException {
        return new Shown(
                rs.getString("account_sid"),
                rs.getString("auth_token_hint"),
                rs.getString("sender"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }

    private static String context(UUID studio) {
        return "twilio.auth_token/" + studio;
    }
}
