package io.roomtone.identity;

import io.roomtone.identity.internal.PasswordRules;
import io.roomtone.identity.internal.Tokens;
import io.roomtone.shared.Patch;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Secrets;
import io.roomtone.shared.Texts;
import io.roomtone.shared.Validation;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** User accounts of the current studio. */
@Service
public class Accounts {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** What {@link #map} reads: the sealed phone is opened with its studio and account id. */
    static final String COLUMNS =
            "id, studio_id, email, name, phone, phone_sealed, phone_hint, role, sms_opt_in, sms_opt_in_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Tokens tokens;
    private final IdentityProperties properties;
    private final TransactionTemplate transactions;
    private final PasswordRules passwordRules;
    private final PhoneNumbers phones;
    private final AuditTrail audit;

    Accounts(
            JdbcClient jdbc,
            PasswordEncoder passwords,
            Tokens tokens,
            IdentityProperties properties,
            PlatformTransactionManager transactionManager,
            PasswordRules passwordRules,
            PhoneNumbers phones,
            AuditTrail audit) {
        this.jdbc = jdbc;
        this.phones = phones;
        this.audit = audit;
        this.passwordRules = passwordRules;
        this.passwords = passwords;
        this.tokens = tokens;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE studio_id = ? AND id = ?")
                .params(Tenancy.currentStudioId(), id)
                .query(this::map)
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE studio_id = ? AND email = ?")
                .params(Tenancy.currentStudioId(), normalizeEmail(email))
                .query(this::map)
                .optional();
    }

    /**
     * Creates an account with a password; a second account with the same email is a conflict. The
     * password is hashed before the transaction that writes the account begins (unless the caller
     * already runs in one), so that no database connection waits on bcrypt.
     */
    public UserAccount create(String email, String password, String name, String phone, Role role) {
        Validation validation = new Validation();
        checkEmail(validation, email);
        checkPassword(validation, password, "password");
        checkName(validation, name);
        checkPhone(validation, phone);
        validation.throwIfInvalid();
        String hash = passwords.encode(password);
        return transactions.execute(status -> {
            if (findByEmail(email).isPresent()) {
                throw RoomtoneException.conflict("An account with this email already exists.");
            }
            return insert(normalizeEmail(email), name.strip(), PhoneNumbers.normalize(phone), hash, role);
        });
    }

    /**
     * The holder of the account's address proved it (a confirmation, sign-in or reset link): the
     * address counts as confirmed, and a password waiting for confirmation becomes the password when
     * {@code takePendingPassword}, or is dropped otherwise (a sign-in or reset link must not make a
     * password someone else may have chosen at registration work).
     */
    @Transactional
    public void confirmEmail(UUID userId, boolean takePendingPassword) {
        jdbc.sql(
                        """
                        UPDATE app_user
                           SET password_hash = CASE WHEN ? THEN coalesce(pending_password_hash, password_hash)
                                                   ELSE password_hash END,
                               pending_password_hash = NULL,
                               email_confirmed_at = coalesce(email_confirmed_at, now()),
                               updated_at = now()
                         WHERE studio_id = ? AND id = ?
                        """)
                .params(takePendingPassword, Tenancy.currentStudioId(), userId)
                .update();
    }

    /**
     * The account a new staff member signs in with: an existing account of that email is linked
     * (a client becomes staff; an owner or admin keeps their role), otherwise one without a password
     * is created, to be completed through an invitation or by the owner.
     */
    @Transactional
    public UserAccount findOrCreateStaffAccount(String email, String name) {
        Validation validation = new Validation();
        checkEmail(validation, email);
        checkName(validation, name);
        validation.throwIfInvalid();
        Optional<UserAccount> existing = findByEmail(email);
        if (existing.isEmpty()) {
            return insert(normalizeEmail(email), name.strip(), null, null, Role.STAFF);
        }
        if (existing.get().role() == Role.CLIENT) {
            jdbc.sql("UPDATE app_user SET role = 'staff', updated_at = now() WHERE studio_id = ? AND id = ?")
                    .params(Tenancy.currentStudioId(), existing.get().id())
                    .update();
        }
        return find(existing.get().id()).orElseThrow();
    }

    /**
     * The account no longer works for the studio: a staff account becomes a client account (it may
     * still book); owners and admins keep their role. Takes effect on the next request.
     */
    @Transactional
    public void leaveStaff(UUID userId) {
        // an invitation sent while they worked here must not let them, or whoever holds it, in later
        tokens.revokeAll(Tenancy.currentStudioId(), userId, Tokens.Purpose.INVITATION);
        jdbc.sql(
                        """
                        UPDATE app_user SET role = 'client', updated_at = now()
                         WHERE studio_id = ? AND id = ? AND role = 'staff'
                        """)
                .params(Tenancy.currentStudioId(), userId)
                .update();
    }

    /** Changes the email or name of an account; {@code null} keeps a value. */
    @Transactional
    public UserAccount updateProfile(UUID userId, String email, String name) {
        Validation validation = new Validation();
        if (email != null) {
            checkEmail(validation, email);
        }
        if (name != null) {
            checkName(validation, name);
        }
        validation.throwIfInvalid();
        if (email != null) {
            findByEmail(email).filter(other -> !other.id().equals(userId)).ifPresent(other -> {
                throw RoomtoneException.conflict("An account with this email already exists.");
            });
        }
        jdbc.sql(
                        """
                        UPDATE app_user
                           SET email = coalesce(?, email), name = coalesce(?, name), updated_at = now()
                         WHERE studio_id = ? AND id = ?
                        """)
                .params(
                        email == null ? null : normalizeEmail(email),
                        name == null ? null : name.strip(),
                        Tenancy.currentStudioId(),
                        userId)
                .update();
        return find(userId).orElseThrow(() -> RoomtoneException.notFound("user", userId));
    }

    /** Whether the account has a password, that is, whether its holder can sign in. */
    @Transactional(readOnly = true)
    public boolean hasPassword(UUID userId) {
        return jdbc.sql("SELECT password_hash IS NOT NULL FROM app_user WHERE studio_id = ? AND id = ?")
                .params(Tenancy.currentStudioId(), userId)
                .query(Boolean.class)
                .optional()
                .orElseThrow(() -> RoomtoneException.notFound("user", userId));
    }

    /**
     * Replaces the password of an account. Every session and invitation of the account ends: whoever
     * signed in with the old password is signed out (a caller may sign the user in again afterwards).
     */
    @Transactional
    public void setPassword(UUID userId, String password, String field) {
        Validation validation = new Validation();
        checkPassword(validation, password, field);
        validation.throwIfInvalid();
        int updated = jdbc.sql(
                        "UPDATE app_user SET password_hash = ?, updated_at = now() WHERE studio_id = ? AND id = ?")
                .params(passwords.encode(password), Tenancy.currentStudioId(), userId)
                .update();
        if (updated == 0) {
            throw RoomtoneException.notFound("user", userId);
        }
        tokens.revokeAll(Tenancy.currentStudioId(), userId, Tokens.Purpose.SESSION);
        // an invitation is only for an account without a password
        tokens.revokeAll(Tenancy.currentStudioId(), userId, Tokens.Purpose.INVITATION);
    }

    /**
     * A fresh invitation for a user of the current studio, valid for {@code roomtone.invitation-ttl}.
     * Earlier invitations of the user stop working, so only the latest link sent is usable. Refused
     * for an account that already has a password: accepting an invitation replaces it, and that
     * password is its holder's, not the studio's. Only for the invitation mail ({@link
     * Team#issueInvitationLink}): no link secret leaves this module any other way.
     */
    @Transactional
    Invitation issueInvitation(UUID userId) {
        UUID studioId = Tenancy.currentStudioId();
        if (hasPassword(userId)) {
            throw new RoomtoneException(
                    ProblemCode.FORBIDDEN,
                    "The account holder manages their own password; an invitation is only for an account"
                            + " without one.");
        }
        tokens.revokeAll(studioId, userId, Tokens.Purpose.INVITATION);
        String token = tokens.issue(studioId, userId, Tokens.Purpose.INVITATION, properties.invitationTtl());
        // the expiry the database computed, so that what the owner is told is exactly what is enforced
        Instant expiresAt = jdbc.sql("SELECT expires_at FROM auth_token WHERE token_hash = ?")
                .param(Secrets.sha256(token))
                .query((rs, row) -> rs.getTimestamp("expires_at").toInstant())
                .single();
        return new Invitation(token, expiresAt);
    }

    /** Whether the current studio has an owner yet (the one-time setup page shows until it does). */
    @Transactional(readOnly = true)
    public boolean hasOwner() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM app_user WHERE studio_id = ? AND role = 'owner')")
                .param(Tenancy.currentStudioId())
                .query(Boolean.class)
                .single();
    }

    /** A new account; {@code phone} normalized ({@link PhoneNumbers#normalize}), sealed when it can be. */
    UserAccount insert(String email, String name, String phone, String passwordHash, Role role) {
        UUID studio = Tenancy.currentStudioId();
        UUID id = UUID.randomUUID(); // chosen here: the sealed phone is bound to it
        PhoneNumbers.Stored stored = phones.store(studio, id, phone);
        return jdbc.sql("INSERT INTO app_user (studio_id, id, email, name, phone, phone_sealed, phone_hint,"
                        + " password_hash, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(
                        studio,
                        id,
                        email,
                        name,
                        stored.clear(),
                        stored.sealed(),
                        stored.hint(),
                        passwordHash,
                        role.json())
                .query(this::map)
                .single();
    }

    /**
     * Replaces the phone of an account ({@code null} removes it; normalized, sealed when it can be).
     * Without a phone there is nothing to text: the SMS opt-in ends with it.
     */
    void setPhone(UUID userId, String normalized) {
        UUID studio = Tenancy.currentStudioId();
        PhoneNumbers.Stored stored = phones.store(studio, userId, normalized);
        jdbc.sql(
                        """
                        UPDATE app_user SET phone = :clear, phone_sealed = :sealed, phone_hint = :hint,
                               sms_opt_in = sms_opt_in AND :has, sms_opt_in_at = CASE WHEN :has THEN sms_opt_in_at END,
                               updated_at = now()
                         WHERE studio_id = :studio AND id = :id
                        """)
                .param("clear", stored.clear())
                .param("sealed", stored.sealed(), java.sql.Types.BINARY)
                .param("hint", stored.hint())
                .param("has", normalized != null)
                .param("studio", studio)
                .param("id", userId)
                .update();
    }

    /**
     * The account holder's own changes (their profile page, {@code PATCH /api/me/account}): the name
     * (not cleared), the phone (cleared only by someone who has an e-mail address) and their consent
     * to texts about their bookings — recorded since now when given (giving it again keeps the
     * date), none when withdrawn, and needing a phone to text. Nothing is written on bad input.
     */
    @Transactional
    public UserAccount updateOwn(UUID userId, Patch<String> name, Patch<String> phone, Boolean smsOptIn) {
        jdbc.sql("SELECT 1 FROM app_user WHERE studio_id = ? AND id = ? FOR UPDATE")
                .params(Tenancy.currentStudioId(), userId)
                .query(Integer.class)
                .optional();
        UserAccount before = find(userId).orElseThrow(() -> RoomtoneException.notFound("user", userId));
        Validation validation = new Validation();
        validation.check(!(name instanceof Patch.Clear<String>), "name", "cannot be cleared");
        name.setValue().ifPresent(value -> checkName(validation, value));
        phone.setValue().ifPresent(value -> checkPhone(validation, value));
        String newPhone = phone.map(PhoneNumbers::normalize).applyTo(before.phone());
        validation.check(
                newPhone != null || before.email() != null, "phone", "cannot be cleared: you have no e-mail address");
        boolean optIn = smsOptIn == null ? before.smsOptIn() && newPhone != null : smsOptIn;
        validation.check(!optIn || newPhone != null, "sms_opt_in", "needs a phone number to send texts to");
        validation.throwIfInvalid();
        name.setValue().ifPresent(value -> jdbc.sql(
                        "UPDATE app_user SET name = ?, updated_at = now() WHERE studio_id = ? AND id = ?")
                .params(value.strip(), Tenancy.currentStudioId(), userId)
                .update());
        if (!java.util.Objects.equals(newPhone, before.phone())) {
            setPhone(userId, newPhone);
        }
        optIn(userId, optIn);
        UserAccount after = find(userId).orElseThrow();
        audit.record("account.updated", "user", userId, Clients.audited(before), Clients.audited(after));
        return after;
    }

    private void optIn(UUID userId, boolean optIn) {
        jdbc.sql(
                        """
                        UPDATE app_user SET sms_opt_in = :in,
                               sms_opt_in_at = CASE WHEN NOT :in THEN NULL WHEN sms_opt_in THEN sms_opt_in_at ELSE now() END,
                               updated_at = now()
                         WHERE studio_id = :studio AND id = :id
                        """)
                .param("in", optIn)
                .param("studio", Tenancy.currentStudioId())
                .param("id", userId)
                .update();
    }

    /** An e-mail address as accounts store and look it up: trimmed, Unicode NFKC, lower case. */
    public static String normalizeEmail(String email) {
        return Texts.normalizeEmail(email);
    }

    static void checkEmail(Validation validation, String email) {
        validation
                .require(email, "email")
                .check(
                        email == null || !Texts.hasInvisible(email.strip()),
                        "email",
                        "must not contain invisible or control characters")
                .check(
                        email == null
                                || (normalizeEmail(email).length() <= 254
                                        && EMAIL.matcher(normalizeEmail(email)).matches()),
                        "email",
                        "must be an email address");
    }

    static void checkName(Validation validation, String name) {
        validation
                .require(name, "name")
                .check(
                        name == null || !Texts.hasControlOrBidi(name),
                        "name",
                        "must not contain control characters or text-direction overrides")
                .check(name == null || name.strip().length() <= 200, "name", "must be at most 200 characters");
    }

    static void checkPhone(Validation validation, String phone) {
        validation.check(
                phone == null || !Texts.hasInvisible(phone),
                "phone",
                "must not contain invisible or control characters");
        PhoneNumbers.check(validation, phone, "phone");
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    void checkPassword(Validation validation, String password, String field) {
        passwordRules.check(validation, password, field);
    }

    /** An account from a row of {@link #COLUMNS}. */
    UserAccount map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        java.sql.Timestamp optedIn = rs.getTimestamp("sms_opt_in_at");
        return new UserAccount(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("name"),
                phones.read(rs),
                Role.fromJson(rs.getString("role")),
                rs.getBoolean("sms_opt_in"),
                optedIn == null ? null : optedIn.toInstant());
    }
}
