package io.roomtone.notifications;

import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.SealedSecrets;
import io.roomtone.shared.Validation;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A studio's own SMTP server: when it has one, its e-mails go out through it, from its own address,
 * instead of through the installation's ({@code spring.mail.*}). The password is sealed
 * ({@link SealedSecrets}, bound to the studio and the field) and never shown again: the owner sees
 * its last four characters. Only the studio's owner may set or remove it. A node reads a studio's
 * server at most once a minute ({@link PerStudio}).
 */
@Service
public class StudioMailServer {

    private static final String TABLE = "studio_smtp_server";

    /** How the connection is protected: STARTTLS required, TLS from the start, or none. */
    public static final Set<String> SECURITY = Set.of("starttls", "ssl", "none");

    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** How long a studio's server may take before a message waits for its next attempt. */
    private static final String CONNECT_TIMEOUT_MS = "10000";

    private static final String IO_TIMEOUT_MS = "30000";

    /** The settings as the owner types them; a blank password keeps the stored one (same username). */
    public record Settings(
            String host, String port, String security, String username, String password, String fromAddress) {}

    /** What the owner sees of the studio's server; the password itself never leaves the server. */
    public record Shown(
            String host,
            int port,
            String security,
            String username,
            String passwordHint,
            String fromAddress,
            Instant updatedAt) {}

    /**
     * The studio's server, ready to send through; {@code problem} says why it cannot (its password
     * does not open), and every message then waits with that error.
     */
    record Server(JavaMailSenderImpl sender, Shown shown, String problem) {}

    private final JdbcClient jdbc;
    private final SealedSecrets sealed;
    private final AuditTrail audit;
    private final TransactionTemplate reads;
    private final Clock clock;
    private final PerStudio<Server> servers;

    StudioMailServer(
            JdbcClient jdbc,
            SealedSecrets sealed,
            AuditTrail audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.sealed = sealed;
        this.audit = audit;
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = clock;
        this.servers = new PerStudio<>(clock, this::read);
    }

    /** Whether studios may store a server of their own here: its password must be kept encrypted. */
    public boolean storable() {
        return sealed.available();
    }

    /** Why studios cannot store a server of their own here; null when they can. */
    public String whyNotStorable() {
        return storable()
                ? null
                : "Set ROOMTONE_ENCRYPTION_KEY (32 random bytes in base64) so that passwords can be stored encrypted.";
    }

    /** What the current studio stored, if anything. */
    @Transactional(readOnly = true)
    public Optional<Shown> shown() {
        return jdbc.sql("SELECT * FROM studio_smtp_server WHERE studio_id = :studio")
                .param("studio", Tenancy.currentStudioId())
                .query((rs, n) -> shown(rs))
                .optional();
    }

    /** Stores (or replaces) the current studio's server; its owner only. Nothing is written on bad input. */
    @Transactional
    public Shown save(Settings settings, CurrentUser owner) {
        SenderFields.requireOwner(owner, "mail server");
        if (!storable()) {
            throw RoomtoneException.conflict(whyNotStorable());
        }
        UUID studio = Tenancy.currentStudioId();
        SenderFields.lock(jdbc, TABLE, studio);
        Optional<Shown> before = shown();
        String username = blankToNull(settings.username());
        String password = username == null ? null : blankToNull(settings.password());
        boolean keepPassword = username != null
                && password == null
                && before.map(b -> username.equals(b.username())).orElse(false);
        Validation validation = new Validation()
                .require(settings.host(), "host")
                .check(
                        settings.host() == null || SenderFields.hostName(settings.host()),
                        "host",
                        "must be a host name such as smtp.example.com (letters, digits, dashes and dots; at most 253"
                                + " characters)")
                .require(settings.port(), "port")
                .check(
                        settings.port() == null || port(settings.port()) != null,
                        "port",
                        "must be a whole number from 1" + " to 65535")
                .require(settings.security(), "security")
                .check(
                        settings.security() == null || SECURITY.contains(settings.security()),
                        "security",
                        "must be starttls, ssl or none")
                .check(
                        SenderFields.printable(username, 254),
                        "username",
                        "must be at most 254 characters, without line breaks")
                .check(
                        SenderFields.printable(password, 512),
                        "password",
                        "must be at most 512 characters, without line breaks")
                .check(username == null || password != null || keepPassword, "password", "is required with a username")
                .require(settings.fromAddress(), "from_address")
                .check(
                        settings.fromAddress() == null || SenderFields.emailAddress(settings.fromAddress()),
                        "from_address",
                        "must be an e-mail address such as bookings@example.com");
        validation.throwIfInvalid();
        Instant now = clock.instant();
        if (keepPassword) {
            // the row is there (the lock keeps it so): an INSERT would be checked without a password
            jdbc.sql(
                            """
                            UPDATE studio_smtp_server SET host = :host, port = :port, security = :security,
                                   from_address = :from, updated_at = :now
                             WHERE studio_id = :studio
                            """)
                    .param("studio", studio)
                    .param("host", settings.host())
                    .param("port", port(settings.port()))
                    .param("security", settings.security())
                    .param("from", settings.fromAddress())
                    .param("now", Timestamp.from(now))
                    .update();
        } else {
            jdbc.sql(
                            """
                            INSERT INTO studio_smtp_server (studio_id, host, port, security, username, password_sealed,
                                                            password_hint, from_address, updated_at)
                            VALUES (:studio, :host, :port, :security, :username, :password, :hint, :from, :now)
                            ON CONFLICT (studio_id) DO UPDATE SET host = EXCLUDED.host, port = EXCLUDED.port,
                                   security = EXCLUDED.security, username = EXCLUDED.username,
                                   password_sealed = EXCLUDED.password_sealed, password_hint = EXCLUDED.password_hint,
                                   from_address = EXCLUDED.from_address, updated_at = EXCLUDED.updated_at
                            """)
                    .param("studio", studio)
                    .param("host", settings.host())
                    .param("port", port(settings.port()))
                    .param("security", settings.security())
                    .param("username", username)
                    .param("password", password == null ? null : sealed.seal(password, context(studio)))
                    .param("hint", password == null ? null : SenderFields.hint(password))
                    .param("from", settings.fromAddress())
                    .param("now", Timestamp.from(now))
                    .update();
        }
        Shown after = shown().orElseThrow();
        audit.record("notifications.smtp_server_saved", "studio", studio, before.orElse(null), after);
        servers.forget(studio);
        return after;
    }

    /** Removes the current studio's server (its e-mail goes through the installation's again); its owner only. */
    @Transactional
    public boolean remove(CurrentUser owner) {
        SenderFields.requireOwner(owner, "mail server");
        UUID studio = Tenancy.currentStudioId();
        SenderFields.lock(jdbc, TABLE, studio);
        Optional<Shown> before = shown();
        boolean removed = SenderFields.delete(jdbc, TABLE, studio);
        if (removed) {
            audit.record("notifications.smtp_server_removed", "studio", studio, before.orElse(null), null);
        }
        servers.forget(studio);
        return removed;
    }

    /** The studio's own server, if it stored one (read at most once a minute on this node). */
    Optional<Server> server(UUID studio) {
        return servers.get(studio);
    }

    private Optional<Server> read(UUID studio) {
        return SenderFields.row(jdbc, reads, TABLE, studio, (rs, n) -> server(rs, studio));
    }

    private Server server(ResultSet rs, UUID studio) throws SQLException {
        Shown shown = shown(rs);
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        boolean ssl = shown.security().equals("ssl");
        String protocol = ssl ? "smtps" : "smtp";
        sender.setProtocol(protocol);
        sender.setHost(shown.host());
        sender.setPort(shown.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.setProperty(prefix + "connectiontimeout", CONNECT_TIMEOUT_MS);
        properties.setProperty(prefix + "timeout", IO_TIMEOUT_MS);
        properties.setProperty(prefix + "writetimeout", IO_TIMEOUT_MS);
        if (shown.security().equals("starttls")) {
            // required: a server that does not offer it is refused rather than sent a password in clear
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (!shown.security().equals("none")) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        String problem = null;
        if (shown.username() != null) {
            properties.setProperty(prefix + "auth", "true");
            sender.setUsername(shown.username());
            try {
                sender.setPassword(sealed.open(rs.getBytes("password_sealed"), context(studio)));
            } catch (IllegalStateException e) {
                problem = "The password of the studio's SMTP server cannot be opened (was ROOMTONE_ENCRYPTION_KEY"
                        + " changed or removed?): store it again on the integrations page.";
            }
        }
        sender.setJavaMailProperties(properties);
        return new Server(sender, shown, problem);
    }

    private static Shown shown(ResultSet rs) throws SQLException {
        return new Shown(
                rs.getString("host"),
                rs.getInt("port"),
                rs.getString("security"),
                rs.getString("username"),
                rs.getString("password_hint"),
                rs.getString("from_address"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Integer port(String text) {
        if (text == null || !PORT.matcher(text).matches()) {
            return null;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? port : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String context(UUID studio) {
        return "smtp.password/" + studio;
    }
}
