package io.roomtone.payments;

import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.SealedSecrets;
import io.roomtone.shared.Validation;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A studio's own Stripe keys, in a multi-studio installation where each studio takes its money into
 * its own Stripe account. The secret key and the webhook secret are sealed ({@link SealedSecrets},
 * bound to the studio and the field) and never shown again: the owner sees the publishable key and
 * the secret's last four characters. Only the studio's owner may set or remove them. Keys are read
 * once a minute at most per node (cached), so a change reaches other nodes within a minute.
 */
@Service
public class StudioStripeKeys {

    /** How long a node keeps a studio's keys before reading them again. */
    static final Duration CACHE_FOR = Duration.ofMinutes(1);

    private static final Pattern PUBLISHABLE = Pattern.compile("pk_(test|live)_[A-Za-z0-9_]{1,240}");
    private static final Pattern SECRET = Pattern.compile("(sk|rk)_(test|live)_[A-Za-z0-9_]{1,240}");
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9_+/=]{1,240}");

    /** What the owner sees of the studio's keys; the secrets themselves never leave the server. */
    public record Shown(String publishableKey, String secretKeyHint, Instant updatedAt) {}

    /** Keys as typed by the owner. */
    public record Keys(String publishableKey, String secretKey, String webhookSecret) {}

    private record Cached(Optional<StripeGateway.Account> account, Instant readAt) {}

    private final JdbcClient jdbc;
    private final SealedSecrets sealed;
    private final IdentityProperties identity;
    private final StripeProperties properties;
    private final AuditTrail audit;
    private final TransactionTemplate reads;
    private final Clock clock;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    StudioStripeKeys(
            JdbcClient jdbc,
            SealedSecrets sealed,
            IdentityProperties identity,
            StripeProperties properties,
            AuditTrail audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.sealed = sealed;
        this.identity = identity;
        this.properties = properties;
        this.audit = audit;
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = clock;
    }

    /** Whether studios may store keys of their own here: several studios, and a key to seal them with. */
    public boolean storable() {
        return identity.multiStudio() && sealed.available();
    }

    /** Why studios cannot store keys of their own here; null when they can. */
    public String whyNotStorable() {
        if (!identity.multiStudio()) {
            return "A studio's own Stripe keys are for multi-studio installations (ROOMTONE_MULTI_STUDIO); "
                    + "this installation's keys come from ROOMTONE_STRIPE_SECRET_KEY, "
                    + "ROOMTONE_STRIPE_PUBLISHABLE_KEY and ROOMTONE_STRIPE_WEBHOOK_SECRET.";
        }
        if (!sealed.available()) {
            return "Set ROOMTONE_ENCRYPTION_KEY (32 random bytes in base64) so that keys can be stored encrypted.";
        }
        return null;
    }

    /** What the current studio stored, if anything. */
    @Transactional(readOnly = true)
    public Optional<Shown> shown() {
        return jdbc.sql(
                        """
                        SELECT publishable_key, secret_key_hint, updated_at FROM studio_stripe_keys
                         WHERE studio_id = :studio
                        """)
                .param("studio", Tenancy.currentStudioId())
                .query((rs, n) -> new Shown(
                        rs.getString("publishable_key"),
                        rs.getString("secret_key_hint"),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    /** Stores (or replaces) the current studio's keys; its owner only. */
    @Transactional
    public Shown save(Keys keys, CurrentUser owner) {
        requireOwner(owner);
        if (!storable()) {
            throw RoomtoneException.conflict(whyNotStorable());
        }
        new Validation()
                .check(
                        matches(PUBLISHABLE, keys.publishableKey()),
                        "publishable_key",
                        "must look like pk_test_… or pk_live_…")
                .check(
                        matches(SECRET, keys.secretKey()),
                        "secret_key",
                        "must look like sk_test_…, sk_live_… or a restricted rk_… key")
                .check(matches(WEBHOOK_SECRET, keys.webhookSecret()), "webhook_secret", "must look like whsec_…")
                .check(
                        !matches(PUBLISHABLE, keys.publishableKey())
                                || !matches(SECRET, keys.secretKey())
                                || mode(keys.publishableKey()).equals(mode(keys.secretKey())),
                        "secret_key",
                        "must be of the same mode (test or live) as the publishable key")
                .throwIfInvalid();
        UUID studio = Tenancy.currentStudioId();
        Optional<Shown> before = shown();
        String secret = keys.secretKey();
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        INSERT INTO studio_stripe_keys (studio_id, publishable_key, secret_key_sealed, secret_key_hint,
                                                        webhook_secret_sealed, updated_at)
                        VALUES (:studio, :publishable, :secret, :hint, :webhook, :now)
                        ON CONFLICT (studio_id) DO UPDATE SET publishable_key = EXCLUDED.publishable_key,
                               secret_key_sealed = EXCLUDED.secret_key_sealed, secret_key_hint = EXCLUDED.secret_key_hint,
                               webhook_secret_sealed = EXCLUDED.webhook_secret_sealed, updated_at = EXCLUDED.updated_at
                        """)
                .param("studio", studio)
                .param("publishable", keys.publishableKey())
                .param("secret", sealed.seal(secret, context("secret_key", studio)))
                .param("hint", secret.substring(secret.length() - 4))
                .param("webhook", sealed.seal(keys.webhookSecret(), context("webhook_secret", studio)))
                .param("now", Timestamp.from(now))
                .update();
        Shown after = new Shown(keys.publishableKey(), secret.substring(secret.length() - 4), now);
        audit.record("payments.stripe_keys_saved", "studio", studio, before.orElse(null), after);
        cache.remove(studio);
        return after;
    }

    /** Removes the current studio's keys (card payments fall back to the installation's, if any); its owner only. */
    @Transactional
    public boolean remove(CurrentUser owner) {
        requireOwner(owner);
        UUID studio = Tenancy.currentStudioId();
        Optional<Shown> before = shown();
        int removed = jdbc.sql("DELETE FROM studio_stripe_keys WHERE studio_id = :studio")
                .param("studio", studio)
                .update();
        if (removed > 0) {
            audit.record("payments.stripe_keys_removed", "studio", studio, before.orElse(null), null);
        }
        cache.remove(studio);
        return removed > 0;
    }

    /** The studio's own account to call Stripe with, if it stored keys (read at most once a minute). */
    Optional<StripeGateway.Account> account(UUID studio) {
        Instant now = clock.instant();
        Cached cached = cache.get(studio);
        if (cached == null || cached.readAt().plus(CACHE_FOR).isBefore(now)) {
            cached = new Cached(read(studio), now);
            cache.put(studio, cached);
        }
        return cached.account();
    }

    private Optional<StripeGateway.Account> read(UUID studio) {
        if (!storable()) {
            return Optional.empty();
        }
        return Tenancy.callAs(
                studio,
                () -> reads.execute(tx -> jdbc.sql(
                                """
                                SELECT publishable_key, secret_key_sealed, webhook_secret_sealed FROM studio_stripe_keys
                                 WHERE studio_id = :studio
                                """)
                        .param("studio", studio)
                        .query((rs, n) -> new StripeGateway.Account(
                                StripeGateway.client(
                                        sealed.open(rs.getBytes("secret_key_sealed"), context("secret_key", studio)),
                                        properties.apiBase()),
                                rs.getString("publishable_key"),
                                sealed.open(rs.getBytes("webhook_secret_sealed"), context("webhook_secret", studio))))
                        .optional()));
    }

    private static String context(String field, UUID studio) {
        return "stripe." + field + "/" + studio;
    }

    private static void requireOwner(CurrentUser user) {
        if (user.role() != Role.OWNER) {
            throw new RoomtoneException(ProblemCode.FORBIDDEN, "Only the studio's owner may change its Stripe keys.");
        }
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }

    private static String mode(String key) {
        return key.contains("_live_") ? "live" : "test";
    }
}
