package io.roomtone.calendar.internal;

import io.roomtone.identity.Tenancy;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tokens in the links to single-booking calendar files: HMAC-SHA256 of the booking's id under
 * the studio's key ({@code calendar_link_key}), cut to 128 bits. The same booking always gets the
 * same link (every mail about it can carry it), a token opens no other booking, and nothing per
 * booking is stored. A studio's key is made on first use and never changes (a node keeps it in
 * memory).
 */
@Component
public class LinkKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 16;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Map<UUID, byte[]> keys = new ConcurrentHashMap<>();

    LinkKeys(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // callers may be in a read-only transaction (or a listener's): the key is made in its own
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The token of booking {@code bookingId} of the current studio. */
    public String token(UUID bookingId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(bookingId));
    }

    /** Whether {@code token} is booking {@code bookingId}'s, compared in constant time. */
    public boolean matches(UUID bookingId, String token) {
        if (token == null || token.length() > 100) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(bookingId), given);
    }

    private byte[] mac(UUID bookingId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(Tenancy.currentStudioId()), "HmacSHA256"));
            byte[] full = mac.doFinal(("booking:" + bookingId).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, TOKEN_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has HmacSHA256", e);
        }
    }

    private byte[] key(UUID studio) {
        return keys.computeIfAbsent(studio, this::loadOrCreate);
    }

    private byte[] loadOrCreate(UUID studio) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        // two nodes may race for the first key: the first insert wins and both read it back
        return ownTransaction.execute(status -> {
            jdbc.sql(
                            "INSERT INTO calendar_link_key (studio_id, secret) VALUES (?, ?) ON CONFLICT (studio_id) DO NOTHING")
                    .params(studio, fresh)
                    .update();
            return jdbc.sql("SELECT secret FROM calendar_link_key WHERE studio_id = ?")
                    .params(studio)
                    .query(byte[].class)
                    .single();
        });
    }
}
