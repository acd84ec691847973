package io.roomtone.identity;

import io.roomtone.identity.internal.Tokens;
import io.roomtone.shared.Patch;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The studio's clients (accounts with the role {@code client}) as the back office manages them:
 * found by name, e-mail or phone, created for phone and walk-in bookings (without a password, and
 * without an e-mail address when they give only a phone), and corrected.
 */
@Service
public class Clients {

    public static final int MAX_PAGE = 200;

    /** One page of a search; {@code nextOffset} is where the next page starts, empty on the last one. */
    public record Page(List<UserAccount> items, Optional<Integer> nextOffset) {}

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AuditTrail audit;
    private final Tokens tokens;
    private final PhoneNumbers phones;

    Clients(JdbcClient jdbc, Accounts accounts, AuditTrail audit, Tokens tokens, PhoneNumbers phones) {
        this.jdbc = jdbc;
        this.phones = phones;
        this.accounts = accounts;
        this.audit = audit;
        this.tokens = tokens;
    }

    /**
     * Clients whose name, e-mail or phone contains {@code query} (any case; a phone also matches by
     * its digits alone, so {@code 555 0100} finds {@code +1 (555) 010-0}), by name; all of them
     * without a query.
     */
    @Transactional(readOnly = true)
    public Page search(String query, int offset, int limit) {
        new Validation()
                .check(limit >= 1 && limit <= MAX_PAGE, "limit", "must be between 1 and " + MAX_PAGE)
                .check(offset >= 0, "offset", "must not be negative")
                .check(query == null || query.length() <= 200, "q", "must be at most 200 characters")
                .throwIfInvalid();
        String q = query == null ? "" : query.strip();
        String digits = q.replaceAll("\\D", "");
        // one statement: an absent query (null pattern) matches everyone, a phone-like one also by
        // digits; an encrypted number only by its last four digits (its hint), the only part kept readable
        List<UserAccount> rows = jdbc.sql(
                        "SELECT " + Accounts.COLUMNS + " FROM app_user"
                                + """
                         WHERE studio_id = :studio AND role = 'client'
                           AND (CAST(:pattern AS text) IS NULL
                                OR name ILIKE :pattern ESCAPE '\\' OR email ILIKE :pattern ESCAPE '\\'
                                OR phone ILIKE :pattern ESCAPE '\\'
                                OR regexp_replace(phone, '\\D', '', 'g') LIKE CAST(:digits AS text)
                                OR (phone_sealed IS NOT NULL AND phone_hint = CAST(:hint AS text)))
                         ORDER BY lower(name), id LIMIT :limit OFFSET :offset
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("pattern", q.isEmpty() ? null : "%" + likeEscape(q) + "%")
                .param("digits", digits.length() >= 3 ? "%" + digits + "%" : null)
                .param("hint", digits.length() >= 4 ? digits.substring(digits.length() - 4) : null)
                .param("limit", limit + 1)
                .param("offset", offset)
                .query(accounts::map)
                .list();
        boolean more = rows.size() > limit;
        return new Page(more ? rows.subList(0, limit) : rows, more ? Optional.of(offset + limit) : Optional.empty());
    }

    /**
     * The names of these accounts of the studio, by id (any role: a booking made for a client who
     * later became staff still names them); ids of no account are left out.
     */
    @Transactional(readOnly = true)
    public Map<UUID, String> names(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> names = new HashMap<>();
        jdbc.sql("SELECT id, name FROM app_user WHERE studio_id = :studio AND id = ANY(:ids)")
                .param("studio", Tenancy.currentStudioId())
                .param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .query((rs, row) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("name")))
                .list()
                .forEach(entry -> names.put(entry.getKey(), entry.getValue()));
        return names;
    }

    /**
     * These accounts of the studio, by id (any role, like {@link #names}): what a list of bookings
     * shows beside each, in one query. Ids of no account are left out.
     */
    @Transactional(readOnly = true)
    public Map<UUID, UserAccount> accounts(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, UserAccount> found = new HashMap<>();
        jdbc.sql("SELECT " + Accounts.COLUMNS + " FROM app_user WHERE studio_id = :studio AND id = ANY(:ids)")
                .param("studio", Tenancy.currentStudioId())
                .param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .query(accounts::map)
                .list()
                .forEach(account -> found.put(account.id(), account));
        return found;
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(UUID id) {
        return accounts.find(id).filter(account -> account.role() == Role.CLIENT);
    }

    /**
     * A client without a password (the studio books for them): a name and an e-mail address, a
     * phone, or both (a walk-in may give only a phone). An e-mail address that any account of the
     * studio has already is a conflict; a blank e-mail or phone is none.
     */
    @Transactional
    public UserAccount create(String name, String email, String phone) {
        String givenEmail = Accounts.blankToNull(email);
        String givenPhone = Accounts.blankToNull(phone);
        Validation validation = new Validation();
        Accounts.checkName(validation, name);
        if (givenEmail != null) {
            Accounts.checkEmail(validation, email);
        }
        Accounts.checkPhone(validation, phone);
        if (givenEmail == null && givenPhone == null) {
            validation
                    .check(false, "email", "is required when there is no phone")
                    .check(false, "phone", "is required when there is no email");
        }
        validation.throwIfInvalid();
        if (givenEmail != null && accounts.findByEmail(givenEmail).isPresent()) {
            throw RoomtoneException.conflict("An account with this email already exists.");
        }
        UserAccount created = accounts.insert(
                givenEmail == null ? null : Accounts.normalizeEmail(givenEmail),
                name.strip(),
                PhoneNumbers.normalize(givenPhone),
                null,
                Role.CLIENT);
        audit.record("client.created", "client", created.id(), null, audited(created));
        return created;
    }

    /**
     * Applies a merge patch: the name may change but not be cleared; the e-mail and the phone may be
     * cleared, but not both (a client needs one of them). A client whose e-mail is cleared cannot
     * sign in any more: their sessions and invitations end at once.
     */
    @Transactional
    public UserAccount update(UUID id, Patch<String> name, Patch<String> email, Patch<String> phone) {
        // locked first: two desks clearing the e-mail and the phone at once must not both pass the
        // check below (the database's CHECK would then refuse the second without naming the field)
        jdbc.sql("SELECT 1 FROM app_user WHERE studio_id = ? AND id = ? AND role = 'client' FOR UPDATE")
                .params(Tenancy.currentStudioId(), id)
                .query(Integer.class)
                .optional();
        UserAccount before = find(id).orElseThrow(() -> RoomtoneException.notFound("client", id));
        Validation validation = new Validation();
        validation.check(!(name instanceof Patch.Clear<String>), "name", "cannot be cleared");
        name.setValue().ifPresent(value -> Accounts.checkName(validation, value));
        email.setValue().ifPresent(value -> Accounts.checkEmail(validation, value));
        phone.setValue().ifPresent(value -> Accounts.checkPhone(validation, value));
        String newEmail = email.map(Accounts::normalizeEmail).applyTo(before.email());
        String newPhone = phone.map(PhoneNumbers::normalize).applyTo(before.phone());
        if (newEmail == null && newPhone == null) {
            // the field this patch empties is the one refused (both, when it empties both)
            validation
                    .check(email.keeps(), "email", "cannot be cleared while the client has no phone")
                    .check(phone.keeps(), "phone", "cannot be cleared while the client has no email");
        }
        validation.throwIfInvalid();
        if (newEmail != null && !newEmail.equals(before.email())) {
            accounts.findByEmail(newEmail)
                    .filter(other -> !other.id().equals(id))
                    .ifPresent(other -> {
                        throw RoomtoneException.conflict("An account with this email already exists.");
                    });
        }
        // one statement: the database checks that an e-mail or a phone remains after the whole change
        boolean phoneChanges = !phone.keeps();
        PhoneNumbers.Stored stored = phones.store(Tenancy.currentStudioId(), id, newPhone);
        jdbc.sql(
                        """
                        UPDATE app_user SET name = :name, email = :email,
                               phone = CASE WHEN :phoneChanges THEN :clear ELSE phone END,
                               phone_sealed = CASE WHEN :phoneChanges THEN :sealed ELSE phone_sealed END,
                               phone_hint = CASE WHEN :phoneChanges THEN :hint ELSE phone_hint END,
                               sms_opt_in = sms_opt_in AND :hasPhone,
                               sms_opt_in_at = CASE WHEN :hasPhone THEN sms_opt_in_at END,
                               updated_at = now()
                         WHERE studio_id = :studio AND id = :id
                        """)
                .param("name", name.map(String::strip).applyTo(before.name()))
                .param("email", newEmail)
                .param("phoneChanges", phoneChanges)
                .param("clear", stored.clear())
                .param("sealed", stored.sealed(), java.sql.Types.BINARY)
                .param("hint", stored.hint())
                .param("hasPhone", newPhone != null)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .update();
        if (before.email() != null && newEmail == null) {
            // they signed in with that address: without it nobody should stay signed in as them
            tokens.revokeAll(Tenancy.currentStudioId(), id, Tokens.Purpose.SESSION);
            tokens.revokeAll(Tenancy.currentStudioId(), id, Tokens.Purpose.INVITATION);
        }
        UserAccount after = find(id).orElseThrow();
        audit.record("client.updated", "client", id, audited(before), audited(after));
        return after;
    }

    /**
     * A client as the audit log keeps them: the phone as its last four digits only, so that the log
     * is no clear copy of numbers kept encrypted.
     */
    static Map<String, Object> audited(UserAccount account) {
        Map<String, Object> shown = new java.util.LinkedHashMap<>();
        shown.put("id", account.id());
        shown.put("name", account.name());
        shown.put("email", account.email());
        String hint = PhoneNumbers.hint(account.phone());
        shown.put("phone", hint == null ? null : "…" + hint);
        shown.put("sms_opt_in", account.smsOptIn());
        return shown;
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
