package io.roomtone.identity;

import io.roomtone.shared.LocalPaths;
import io.roomtone.shared.Validation;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clients registering themselves, in a way that does not tell anyone whether an address has an
 * account (see {@code docs/accounts.md}). An account registered here is signed in only by the link
 * of its confirmation mail.
 */
@Service
public class Registrations {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final PhoneNumbers phones;

    Registrations(
            JdbcClient jdbc,
            Accounts accounts,
            PasswordEncoder passwords,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            PhoneNumbers phones) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.phones = phones;
        this.passwords = passwords;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
    }

    /**
     * A client registering themselves. The answer is the same whether or not the address has an
     * account (so registration cannot be used to learn who has one); what happens differs:
     *
     * <ul>
     *   <li>a new address gets a client account whose password is pending: it becomes the password
     *       when the address is confirmed ({@link AccountEvents.EmailConfirmationNeeded}, {@code
     *       /account/confirm}). Until then nobody signs in with it, or "register, then sign in"
     *       would tell whether the address was new;
     *   <li>a client account without a password (a walk-in the studio recorded, or an unconfirmed
     *       registration) gets the new pending password and a new confirmation mail; its name and
     *       phone stay as they are;
     *   <li>any other account is left alone and its owner is told ({@link
     *       AccountEvents.RegistrationAttemptedForExistingAccount}).
     * </ul>
     *
     * The input is validated first, the same way in every case; the password is hashed in every
     * case too, before any transaction, so that the answer also takes as long either way.
     *
     * @param next a local path the confirmation link returns to (ignored when it is not one)
     */
    public void register(String email, String password, String name, String phone, String next) {
        Validation validation = new Validation();
        Accounts.checkEmail(validation, email);
        accounts.checkPassword(validation, password, "password");
        Accounts.checkName(validation, name);
        Accounts.checkPhone(validation, phone);
        validation.throwIfInvalid();
        String hash = passwords.encode(password);
        Optional<String> returnTo = Optional.ofNullable(next).filter(LocalPaths::isLocal);
        transactions.executeWithoutResult(status -> {
            UUID studioId = Tenancy.currentStudioId();
            String address = Accounts.normalizeEmail(email);
            // the id chosen here, as Accounts.insert does: the sealed phone is bound to it
            UUID id = UUID.randomUUID();
            PhoneNumbers.Stored stored = phones.store(studioId, id, PhoneNumbers.normalize(phone));
            // a concurrent registration of the same address inserts nothing here and is then
            // treated as a repeat, instead of failing on the unique key
            Optional<UUID> created = jdbc.sql(
                            """
                            INSERT INTO app_user (studio_id, id, email, name, phone, phone_sealed, phone_hint,
                                                  pending_password_hash, role)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'client')
                            ON CONFLICT (studio_id, email) DO NOTHING
                            RETURNING id
                            """)
                    .params(studioId, id, address, name.strip(), stored.clear(), stored.sealed(), stored.hint(), hash)
                    .query(UUID.class)
                    .optional();
            if (created.isPresent()) {
                events.publishEvent(
                        new AccountEvents.EmailConfirmationNeeded(studioId, created.get(), address, returnTo));
                return;
            }
            Optional<UUID> pending = jdbc.sql(
                            """
                            UPDATE app_user SET pending_password_hash = ?, updated_at = now()
                             WHERE studio_id = ? AND email = ? AND role = 'client' AND password_hash IS NULL
                            RETURNING id
                            """)
                    .params(hash, studioId, address)
                    .query(UUID.class)
                    .optional();
            if (pending.isPresent()) {
                events.publishEvent(
                        new AccountEvents.EmailConfirmationNeeded(studioId, pending.get(), address, returnTo));
                return;
            }
            accounts.findByEmail(address)
                    .ifPresent(
                            existing -> events.publishEvent(new AccountEvents.RegistrationAttemptedForExistingAccount(
                                    studioId, existing.id(), address)));
        });
    }
}
