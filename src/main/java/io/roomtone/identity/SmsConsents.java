package io.roomtone.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent to texts given or withdrawn by text message: a client who answers STOP to the studio's
 * number is opted out (and START opts them back in) — on every account of the current studio with
 * that number, since the provider blocks the number, not the account. Numbers may be sealed
 * ({@link PhoneNumbers}): candidates are found by their last four digits, then opened and compared
 * whole; nothing here searches numbers otherwise.
 */
@Service
public class SmsConsents {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AuditTrail audit;

    SmsConsents(JdbcClient jdbc, Accounts accounts, AuditTrail audit) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** The current studio's accounts whose phone is exactly {@code number} (E.164, as stored). */
    @Transactional(readOnly = true)
    public List<UserAccount> withNumber(String number) {
        return matching(number, false);
    }

    /**
     * Opts every account of the current studio whose phone is {@code number} in or out of texts,
     * recording it in the audit log as done by {@code actor}; returns the accounts it changed (none
     * when they already were so: the same text twice changes nothing more). The accounts are locked
     * first, so that parallel calls change each once. Opting in starts the consent's date anew.
     */
    @Transactional
    public List<UserAccount> setByText(String number, boolean optIn, String actor) {
        List<UserAccount> changed = new ArrayList<>();
        for (UserAccount before : matching(number, true)) {
            if (before.smsOptIn() == optIn) {
                continue;
            }
            jdbc.sql(
                            """
                            UPDATE app_user SET sms_opt_in = :in, sms_opt_in_at = CASE WHEN :in THEN now() END,
                                   updated_at = now()
                             WHERE studio_id = :studio AND id = :id
                            """)
                    .param("in", optIn)
                    .param("studio", Tenancy.currentStudioId())
                    .param("id", before.id())
                    .update();
            UserAccount after = accounts.find(before.id()).orElseThrow();
            audit.recordBy(
                    actor,
                    optIn ? "account.sms_opted_in_by_text" : "account.sms_opted_out_by_text",
                    "user",
                    before.id(),
                    Clients.audited(before),
                    Clients.audited(after));
            changed.add(after);
        }
        return changed;
    }

    /**
     * The accounts with {@code number}: those whose last four digits match (and numbers kept in
     * clear from before hints existed), opened and compared whole.
     */
    private List<UserAccount> matching(String number, boolean lock) {
        if (!PhoneNumbers.dialable(number)) {
            return List.of();
        }
        UUID studio = Tenancy.currentStudioId();
        return jdbc
                .sql("SELECT " + Accounts.COLUMNS + " FROM app_user WHERE studio_id = :studio"
                        + " AND (phone_hint = :hint OR (phone_hint IS NULL AND phone IS NOT NULL))"
                        + " ORDER BY id"
                        + (lock ? " FOR UPDATE" : ""))
                .param("studio", studio)
                .param("hint", PhoneNumbers.hint(number))
                .query(accounts::map)
                .list()
                .stream()
                .filter(account -> Objects.equals(PhoneNumbers.normalize(account.phone()), number))
                .toList();
    }
}
