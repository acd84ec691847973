package io.roomtone.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt of the password's SHA-256 (Base64, 44 bytes): bcrypt reads at most 72 bytes, and
 * passwords may be 128 characters of up to 4 bytes each. Without the digest a long password's tail
 * would not count (Spring Security refuses such passwords outright).
 */
final class PrehashedBcrypt implements PasswordEncoder {

    static final String ID = "bcrypt-sha256";

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    @Override
    public String encode(CharSequence raw) {
        return bcrypt.encode(digest(raw));
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        return raw != null && bcrypt.matches(digest(raw), encoded);
    }

    @Override
    public boolean upgradeEncoding(String encoded) {
        return bcrypt.upgradeEncoding(encoded);
    }

    private static String digest(CharSequence raw) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Plain bcrypt, for hashes written before passwords could exceed 72 bytes: a longer password
     * cannot be one of them, and Spring Security would throw rather than say no.
     */
    static final class Legacy implements PasswordEncoder {
        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

        @Override
        public String encode(CharSequence raw) {
            throw new UnsupportedOperationException("new passwords are hashed with " + ID);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return raw != null
                    && raw.toString().getBytes(StandardCharsets.UTF_8).length <= 72
                    && bcrypt.matches(raw, encoded);
        }
    }
}
