package io.roomtone.identity;

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
 * found by name, e-mail or phone, created for phone and walk-in bookings (without a password),
 * and corrected.
 */
@Service
public class Clients {

    public static final int MAX_PAGE = 200;

    /** One page of a search; {@code nextOffset} is where the next page starts, empty on the last one. */
    public record Page(List<UserAccount> items, Optional<Integer> nextOffset) {}

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AuditTrail audit;

    Clients(JdbcClient jdbc, Accounts accounts, AuditTrail audit) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
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
        // one statement: an absent query (null pattern) matches everyone, a phone-like one also by digits
        List<UserAccount> rows = jdbc.sql(
                        """
                        SELECT id, email, name, phone, role FROM app_user
                         WHERE studio_id = :studio AND role = 'client'
                           AND (CAST(:pattern AS text) IS NULL
                                OR name ILIKE :pattern ESCAPE '\\' OR email ILIKE :pattern ESCAPE '\\'
                                OR phone ILIKE :pattern ESCAPE '\\'
                                OR regexp_replace(phone, '\\D', '', 'g') LIKE CAST(:digits AS text))
                         ORDER BY lower(name), id LIMIT :limit OFFSET :offset
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("pattern", q.isEmpty() ? null : "%" + likeEscape(q) + "%")
                .param("digits", digits.length() >= 3 ? "%" + digits + "%" : null)
                .param("limit", limit + 1)
                .param("offset", offset)
                .query(Accounts::map)
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

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(UUID id) {
        return accounts.find(id).filter(account -> account.role() == Role.CLIENT);
    }

    /**
     * The names of these accounts of the studio (clients, or the studio's people who hold a slot),
     * in one query: what a page listing many bookings shows beside each. Unknown ids are left out.
     */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, String> namesOf(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        jdbc.sql("SELECT id, name FROM app_user WHERE studio_id = :studio AND id = ANY(:ids)")
                .param("studio", Tenancy.currentStudioId())
                .param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    names.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return names;
    }

    /**
     * A client without a password (the studio books for them); an e-mail address that any account
     * of the studio has already is a conflict.
     */
    @Transactional
    public UserAccount create(String name, String email, String phone) {
        Validation validation = new Validation();
        Accounts.checkName(validation, name);
        Accounts.checkEmail(validation, email);
        Accounts.checkPhone(validation, phone);
        validation.throwIfInvalid();
        if (accounts.findByEmail(email).isPresent()) {
            throw RoomtoneException.conflict("An account with this email already exists.");
        }
        UserAccount created = accounts.insert(
                Accounts.normalizeEmail(email), name.strip(), Accounts.blankToNull(phone), null, Role.CLIENT);
        audit.record("client.created", "client", created.id(), null, created);
        return created;
    }

    /** Applies a merge patch: name and e-mail may change but not be cleared; the phone may be cleared. */
    @Transactional
    public UserAccount update(UUID id, Patch<String> name, Patch<String> email, Patch<String> phone) {
        UserAccount before = find(id).orElseThrow(() -> RoomtoneException.notFound("client", id));
        Validation validation = new Validation();
        validation.check(!(name instanceof Patch.Clear<String>), "name", "cannot be cleared");
        validation.check(!(email instanceof Patch.Clear<String>), "email", "cannot be cleared");
        name.setValue().ifPresent(value -> Accounts.checkName(validation, value));
        email.setValue().ifPresent(value -> Accounts.checkEmail(validation, value));
        phone.setValue().ifPresent(value -> Accounts.checkPhone(validation, value));
        validation.throwIfInvalid();
        String newEmail = email.map(Accounts::normalizeEmail).applyTo(before.email());
        if (!newEmail.equals(before.email())) {
            accounts.findByEmail(newEmail)
                    .filter(other -> !other.id().equals(id))
                    .ifPresent(other -> {
                        throw RoomtoneException.conflict("An account with this email already exists.");
                    });
        }
        jdbc.sql(
                        """
                        UPDATE app_user SET name = :name, email = :email, phone = :phone, updated_at = now()
                         WHERE studio_id = :studio AND id = :id
                        """)
                .param("name", name.map(String::strip).applyTo(before.name()))
                .param("email", newEmail)
                .param("phone", phone.map(Accounts::blankToNull).applyTo(before.phone()))
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .update();
        UserAccount after = find(id).orElseThrow();
        audit.record("client.updated", "client", id, before, after);
        return after;
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
