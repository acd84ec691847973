package io.roomtone.identity;

import io.roomtone.shared.SealedSecrets;
import io.roomtone.shared.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People's phone numbers: in E.164 form ({@code +} and 8 to 15 digits, what an SMS provider dials),
 * and encrypted at rest when {@code ROOMTONE_ENCRYPTION_KEY} is set — sealed with
 * {@link SealedSecrets}, bound to the studio and the account, so a sealed number copied to another
 * row or studio does not open. Only the last four digits stay readable ({@code phone_hint}): what
 * lists may show and what the desk's search matches. Without the key numbers are stored in clear
 * as before (a warning at start-up and the SMS integration say so), and the first start with a key
 * seals whatever is left in clear, a batch at a time.
 */
@Component
public class PhoneNumbers {

    private static final Logger log = LoggerFactory.getLogger(PhoneNumbers.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    /** What people type between digits: spaces, dashes, dots and parentheses. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()\\u00a0]");

    static final int SEAL_BATCH = 200;

    /** How a number is kept in an account's row: in clear, or sealed with its hint. */
    record Stored(String clear, byte[] sealed, String hint) {
        static final Stored NONE = new Stored(null, null, null);
    }

    private final SealedSecrets secrets;
    private final JdbcClient jdbc;
    private final Studios studios;
    private final TransactionTemplate transactions;

    PhoneNumbers(
            SealedSecrets secrets, JdbcClient jdbc, Studios studios, PlatformTransactionManager transactionManager) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.studios = studios;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Whether numbers are stored encrypted here (the encryption key is set). */
    public boolean encrypted() {
        return secrets.available();
    }

    /** What to do so that they are; null when they are. */
    public String whyNotEncrypted() {
        return encrypted()
                ? null
                : "Phone numbers are stored unencrypted until ROOMTONE_ENCRYPTION_KEY is set (32 random bytes in"
                        + " base64); the next start with the key encrypts those already stored.";
    }

    /**
     * {@code phone} as stored: its digits after a {@code +}, without the spaces, dashes, dots and
     * parentheses people type; null for a blank one. Call after {@link #check} passed.
     */
    public static String normalize(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        return SEPARATORS.matcher(phone.strip()).replaceAll("");
    }

    /** Refuses a number that is not in E.164 form, naming {@code field}; a blank one is no number. */
    public static void check(Validation validation, String phone, String field) {
        String normalized = normalize(phone);
        validation.check(
                normalized == null
                        || (phone.strip().length() <= 40
                                && E164.matcher(normalized).matches()),
                field,
                "must be an international number: + and the country code, 8 to 15 digits (e.g. +1 416 555 0199)");
    }

    /** The last four digits: what is shown of a number where the whole is not needed. */
    public static String hint(String phone) {
        String digits = phone == null ? "" : phone.replaceAll("\\D", "");
        return digits.isEmpty() ? null : digits.substring(Math.max(0, digits.length() - 4));
    }

    Stored store(UUID studioId, UUID userId, String normalized) {
        if (normalized == null) {
            return Stored.NONE;
        }
        if (!encrypted()) {
            return new Stored(normalized, null, hint(normalized));
        }
        return new Stored(null, secrets.seal(normalized, context(studioId, userId)), hint(normalized));
    }

    /**
     * The number of the account in this row ({@code studio_id}, {@code id}, {@code phone},
     * {@code phone_sealed}, {@code phone_hint}). A sealed number that does not open (the key was
     * removed or changed) reads as its last four digits ({@code …0199}): the account still works,
     * signing in included, no text is sent to it (it is no E.164 number), and a form showing it
     * cannot save it back by mistake (the same reason).
     */
    String read(ResultSet rs) throws SQLException {
        byte[] sealed = rs.getBytes("phone_sealed");
        if (sealed == null) {
            return rs.getString("phone");
        }
        UUID studio = rs.getObject("studio_id", UUID.class);
        UUID user = rs.getObject("id", UUID.class);
        if (secrets.available()) {
            try {
                return secrets.open(sealed, context(studio, user));
            } catch (IllegalStateException e) {
                log.warn("The phone number of account {} does not open: was ROOMTONE_ENCRYPTION_KEY changed?", user);
            }
        } else {
            log.warn("The phone number of account {} is encrypted but ROOMTONE_ENCRYPTION_KEY is not set", user);
        }
        return "…" + rs.getString("phone_hint");
    }

    /** Whether {@code phone} is a number in E.164 form, as stored (what an SMS provider can dial). */
    public static boolean dialable(String phone) {
        return phone != null && E164.matcher(phone).matches();
    }

    static String context(UUID studioId, UUID userId) {
        return "app_user.phone/" + studioId + "/" + userId;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        if (!encrypted()) {
            log.warn(whyNotEncrypted());
            return;
        }
        try {
            int sealed = sealLeftInClear();
            if (sealed > 0) {
                log.info("Encrypted {} phone numbers that were stored unencrypted", sealed);
            }
        } catch (RuntimeException e) {
            // the numbers stay readable in clear; the next start tries again
            log.warn("Encrypting the phone numbers stored unencrypted failed", e);
        }
    }

    /**
     * Seals every studio's numbers still stored in clear (at start-up, when the key is set); how many
     * it sealed. Does nothing without the key.
     */
    public int sealLeftInClear() {
        if (!encrypted()) {
            return 0;
        }
        int sealed = 0;
        for (Studio studio : studios.all()) {
            sealed += Tenancy.callAs(studio.id(), this::sealCurrentStudio);
        }
        return sealed;
    }

    /**
     * Seals the current studio's numbers left in clear, a batch per transaction. Idempotent and safe
     * on several nodes starting at once: a row another node has locked is skipped, and a row sealed
     * already no longer matches.
     */
    int sealCurrentStudio() {
        int total = 0;
        int batch;
        do {
            batch = transactions.execute(status -> {
                record Clear(UUID studio, UUID id, String phone) {}
                List<Clear> rows = jdbc.sql(
                                """
                                SELECT studio_id, id, phone FROM app_user
                                 WHERE studio_id = current_studio_id() AND phone IS NOT NULL
                                 LIMIT :batch FOR UPDATE SKIP LOCKED
                                """)
                        .param("batch", SEAL_BATCH)
                        .query((rs, n) -> new Clear(
                                rs.getObject("studio_id", UUID.class),
                                rs.getObject("id", UUID.class),
                                rs.getString("phone")))
                        .list();
                for (Clear row : rows) {
                    // numbers stored before E.164 was required are sealed as they were typed
                    String number = row.phone().strip();
                    jdbc.sql(
                                    """
                                    UPDATE app_user SET phone = NULL, phone_sealed = :sealed, phone_hint = :hint
                                     WHERE studio_id = :studio AND id = :id
                                    """)
                            .param("sealed", secrets.seal(number, context(row.studio(), row.id())))
                            .param("hint", hint(number))
                            .param("studio", row.studio())
                            .param("id", row.id())
                            .update();
                }
                return rows.size();
            });
            total += batch;
        } while (batch == SEAL_BATCH);
        return total;
    }
}
