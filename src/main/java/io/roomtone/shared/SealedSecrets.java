package io.roomtone.shared;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Secrets the application must read back — a studio's own provider keys, tokens of connected
 * calendars — sealed for the database with AES-256-GCM (Tink) under a key from the environment
 * ({@code ROOMTONE_ENCRYPTION_KEY}: 32 random bytes in base64, e.g. {@code openssl rand -base64 32}).
 * Each value is bound to where it belongs ({@code context}, e.g. {@code "stripe.secret_key/<studio>"})
 * as associated data, so a sealed value copied to another row or studio does not open. Without the
 * key nothing can be sealed: the features that need it say so instead of storing secrets in clear.
 */
@Component
public class SealedSecrets {

    private final Aead aead;

    public SealedSecrets(@Value("${roomtone.encryption-key:}") String key) {
        this.aead = key == null || key.isBlank() ? null : aead(key.strip());
    }

    private static Aead aead(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ROOMTONE_ENCRYPTION_KEY is not base64: " + e.getMessage());
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(
                    "ROOMTONE_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32), not "
                            + bytes.length);
        }
        try {
            return new AesGcmJce(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** Whether secrets can be sealed here (the key is set). */
    public boolean available() {
        return aead != null;
    }

    public byte[] seal(String secret, String context) {
        try {
            return required()
                    .encrypt(secret.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a secret", e);
        }
    }

    /** The secret sealed for {@code context}; fails for a value sealed for another context or key. */
    public String open(byte[] sealed, String context) {
        try {
            return new String(
                    required().decrypt(sealed, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed secret does not open for " + context + " (wrong key?)", e);
        }
    }

    private Aead required() {
        if (aead == null) {
            throw new IllegalStateException("ROOMTONE_ENCRYPTION_KEY is not set");
        }
        return aead;
    }
}
