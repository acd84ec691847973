package io.roomtone.identity.internal;

import io.roomtone.shared.Validation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be (NIST SP 800-63B, 5.1.1.2): 8 to 128 characters, any characters,
 * and not one of the common or breached passwords bundled in {@code identity/common-passwords.txt}
 * (compared without regard to case). No composition rules: they make passwords harder to remember,
 * not to guess.
 *
 * <p>Public, unlike the rest of this package, because {@code Accounts} checks every password it
 * sets; other modules cannot reach it.
 */
@Component
public class PasswordRules {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    static final String LIST = "identity/common-passwords.txt";

    private final Set<String> common;

    PasswordRules() {
        this.common = load();
    }

    /** Records the first problem of {@code password}, if any, under {@code field}. */
    public void check(Validation validation, String password, String field) {
        validation.require(password, field);
        if (password == null) {
            return;
        }
        int length = password.codePointCount(0, password.length());
        validation
                .check(length >= MIN_LENGTH, field, "must be at least " + MIN_LENGTH + " characters")
                .check(length <= MAX_LENGTH, field, "must be at most " + MAX_LENGTH + " characters")
                .check(
                        !isCommon(password),
                        field,
                        "is one of the most common passwords, which are guessed first; choose another");
    }

    public boolean isCommon(String password) {
        return common.contains(password.toLowerCase(Locale.ROOT));
    }

    int size() {
        return common.size();
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>(40_000);
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(new ClassPathResource(LIST).getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    passwords.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The list of common passwords could not be read", e);
        }
        return Set.copyOf(passwords);
    }
}
