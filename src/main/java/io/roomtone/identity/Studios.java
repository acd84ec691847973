package io.roomtone.identity;

import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Texts;
import io.roomtone.shared.Validation;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The studios of this installation: the tenants. */
@Service
public class Studios {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    /**
     * Slugs that name a studio's host ({@code slug.example.com}) and so must not be a studio's:
     * the installation's own hosts and the names people trust by habit.
     */
    static final Set<String> RESERVED_SLUGS = Set.of(
            "www",
            "api",
            "admin",
            "administrator",
            "app",
            "apps",
            "static",
            "assets",
            "cdn",
            "media",
            "img",
            "images",
            "files",
            "mail",
            "email",
            "smtp",
            "imap",
            "pop",
            "mx",
            "ftp",
            "status",
            "help",
            "support",
            "docs",
            "blog",
            "about",
            "account",
            "accounts",
            "auth",
            "login",
            "logout",
            "signin",
            "signup",
            "register",
            "billing",
            "pay",
            "payments",
            "dashboard",
            "platform",
            "operator",
            "root",
            "system",
            "security",
            "abuse",
            "postmaster",
            "hostmaster",
            "webmaster",
            "noreply",
            "no-reply",
            "ns1",
            "ns2",
            "dns",
            "localhost",
            "internal",
            "test",
            "staging",
            "dev",
            "demo",
            "default",
            "roomtone",
            "setup",
            "actuator",
            "health",
            "metrics",
            "swagger",
            "webhooks",
            "webhook",
            "oauth",
            "sso",
            "status-page");

    private static final String COLUMNS = "id, slug, name, timezone, currency, is_default";

    private final JdbcClient jdbc;

    Studios(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The studio of the current request or job. */
    @Transactional(readOnly = true)
    public Studio current() {
        UUID id = Tenancy.currentStudioId();
        return find(id).orElseThrow(() -> RoomtoneException.notFound("studio", id));
    }

    @Transactional(readOnly = true)
    public Optional<Studio> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM studio WHERE id = ?")
                .param(id)
                .query(Studios::map)
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<Studio> bySlug(String slug) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM studio WHERE slug = ?")
                .param(slug)
                .query(Studios::map)
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<Studio> defaultStudio() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM studio WHERE is_default")
                .query(Studios::map)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<Studio> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM studio ORDER BY created_at, slug")
                .query(Studios::map)
                .list();
    }

    /** A further studio (multi-studio mode); a slug that is taken is a conflict. */
    @Transactional
    public Studio create(String slug, String name, ZoneId timezone, String currency) {
        Validation validation = new Validation()
                .require(slug, "slug")
                .check(
                        slug == null || SLUG.matcher(slug).matches(),
                        "slug",
                        "must be 1-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen")
                .check(slug == null || !RESERVED_SLUGS.contains(slug), "slug", "is reserved; choose another")
                .require(name, "name")
                .check(
                        name == null || !Texts.hasControlOrBidi(name),
                        "name",
                        "must not contain control characters or text-direction overrides")
                .check(name == null || name.strip().length() <= 200, "name", "must be at most 200 characters");
        validation.throwIfInvalid();
        if (bySlug(slug).isPresent()) {
            throw RoomtoneException.conflict("A studio with the slug '" + slug + "' already exists.");
        }
        return jdbc.sql(
                        """
                        INSERT INTO studio (slug, name, timezone, currency)
                        VALUES (?, ?, coalesce(?, 'America/Toronto'), coalesce(?, 'CAD'))
                        RETURNING id, slug, name, timezone, currency, is_default
                        """)
                .params(slug, name.strip(), timezone == null ? null : timezone.getId(), currency)
                .query(Studios::map)
                .single();
    }

    /** Changes the current studio's name, time zone or currency; {@code null} keeps a value. */
    @Transactional
    public Studio updateCurrent(String name, ZoneId timezone, String currency) {
        new Validation()
                .check(name == null || !name.isBlank(), "name", "must not be blank")
                .check(
                        name == null || !Texts.hasControlOrBidi(name),
                        "name",
                        "must not contain control characters or text-direction overrides")
                .check(name == null || name.strip().length() <= 200, "name", "must be at most 200 characters")
                .throwIfInvalid();
        Studio before = current();
        jdbc.sql(
                        """
                        UPDATE studio
                           SET name = coalesce(?, name),
                               timezone = coalesce(?, timezone),
                               currency = coalesce(?, currency)
                         WHERE id = ?
                        """)
                .params(
                        name == null ? null : name.strip(),
                        timezone == null ? null : timezone.getId(),
                        currency,
                        before.id())
                .update();
        return current();
    }

    static Studio map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Studio(
                rs.getObject("id", UUID.class),
                rs.getString("slug"),
                rs.getString("name"),
                ZoneId.of(rs.getString("timezone")),
                rs.getString("currency"),
                rs.getBoolean("is_default"));
    }
}
