package io.roomtone.platform.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts stored responses (AES-256-GCM) under a key derived from the caller's Idempotency-Key,
 * which the database never sees: a response that carried a token or an invitation link is
 * unreadable to anyone holding a copy of the database but not the key.
 */
final class ResponseSeal {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private ResponseSeal() {}

    static byte[] seal(byte[] plain, String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, secret, iv);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    static byte[] open(byte[] sealed, String secret) throws GeneralSecurityException {
        ByteBuffer buffer = ByteBuffer.wrap(sealed);
        byte[] iv = new byte[IV_BYTES];
        buffer.get(iv);
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        return cipher(Cipher.DECRYPT_MODE, secret, iv).doFinal(body);
    }

    private static Cipher cipher(int mode, String secret, byte[] iv) throws GeneralSecurityException {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(("seal\n" + secret).getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        return cipher;
    }
}
