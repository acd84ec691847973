package io.roomtone.calendarsync;

import io.roomtone.identity.Tenancy;
import io.roomtone.shared.SealedSecrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code calendar_connection} rows of the current studio, tokens sealed with {@link
 * SealedSecrets} under a context naming the studio, staff member, provider and field — a sealed
 * token copied to another row does not open. Call within a transaction.
 */
@Component
class ConnectionStore {

    /** A connection with its tokens opened. */
    record Grant(
            UUID staffId,
            ExternalCalendar provider,
            boolean broken,
            String accessToken,
            Instant expiresAt,
            Optional<String> refreshToken) {}

    /** A connection as shown, tokens left sealed. */
    record Row(
            UUID staffId,
            ExternalCalendar provider,
            boolean broken,
            Instant connectedAt,
            Optional<Instant> lastSuccessAt,
            Optional<String> lastError,
            Optional<Instant> lastErrorAt) {}

    private final JdbcClient jdbc;
    private final SealedSecrets sealed;

    ConnectionStore(JdbcClient jdbc, SealedSecrets sealed) {
        this.jdbc = jdbc;
        this.sealed = sealed;
    }

    private static String context(String field, UUID studio, UUID staff, ExternalCalendar provider) {
        return "calendar." + provider.json() + "." + field + "/" + studio + "/" + staff;
    }

    /** Stores fresh tokens from a (re)connection: the connection is connected again. */
    void connect(UUID staff, ExternalCalendar provider, Tokens tokens, Instant now) {
        UUID studio = Tenancy.currentStudioId();
        jdbc.sql(
                        """
                        INSERT INTO calendar_connection (studio_id, staff_id, provider, status, access_token_sealed,
                                                         access_expires_at, refresh_token_sealed, connected_at)
                        VALUES (:studio, :staff, :provider, 'connected', :access, :expires, :refresh, :now)
                        ON CONFLICT (studio_id, staff_id, provider) DO UPDATE SET status = 'connected',
                               access_token_sealed = EXCLUDED.access_token_sealed,
                               access_expires_at = EXCLUDED.access_expires_at,
                               refresh_token_sealed = COALESCE(EXCLUDED.refresh_token_sealed,
                                                               calendar_connection.refresh_token_sealed),
                               connected_at = EXCLUDED.connected_at, last_error = NULL, last_error_at = NULL
                        """)
                .param("studio", studio)
                .param("staff", staff)
                .param("provider", provider.json())
                .param("access", sealed.seal(tokens.accessToken(), context("access_token", studio, staff, provider)))
                .param("expires", Timestamp.from(tokens.expiresAt()))
                .param(
                        "refresh",
                        tokens.refreshToken()
                                .map(t -> sealed.seal(t, context("refresh_token", studio, staff, provider)))
                                .orElse(null))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Stores refreshed tokens, unless the connection was removed or broken meanwhile. */
    void refreshed(UUID staff, ExternalCalendar provider, Tokens tokens) {
        UUID studio = Tenancy.currentStudioId();
        jdbc.sql(
                        """
                        UPDATE calendar_connection SET access_token_sealed = :access, access_expires_at = :expires,
                               refresh_token_sealed = COALESCE(:refresh, refresh_token_sealed)
                         WHERE studio_id = :studio AND staff_id = :staff AND provider = :provider
                           AND status = 'connected'
                        """)
                .param("studio", studio)
                .param("staff", staff)
                .param("provider", provider.json())
                .param("access", sealed.seal(tokens.accessToken(), context("access_token", studio, staff, provider)))
                .param("expires", Timestamp.from(tokens.expiresAt()))
                .param(
                        "refresh",
                        tokens.refreshToken()
                                .map(t -> sealed.seal(t, context("refresh_token", studio, staff, provider)))
                                .orElse(null))
                .update();
    }

    Optional<Grant> grant(UUID staff, ExternalCalendar provider) {
        UUID studio = Tenancy.currentStudioId();
        return jdbc.sql(
                        """
                        SELECT status, access_token_sealed, access_expires_at, refresh_token_sealed
                          FROM calendar_connection WHERE studio_id = :studio AND staff_id = :staff AND provider = :provider
                        """)
                .param("studio", studio)
                .param("staff", staff)
                .param("provider", provider.json())
                .query((rs, n) -> new Grant(
                        staff,
                        provider,
                        "broken".equals(rs.getString("status")),
                        sealed.open(
                                rs.getBytes("access_token_sealed"), context("access_token", studio, staff, provider)),
                        rs.getTimestamp("access_expires_at").toInstant(),
                        Optional.ofNullable(rs.getBytes("refresh_token_sealed"))
                                .map(b -> sealed.open(b, context("refresh_token", studio, staff, provider)))))
                .optional();
    }

    List<Row> ofStaff(UUID staff) {
        return jdbc.sql("SELECT * FROM calendar_connection WHERE staff_id = :staff ORDER BY provider")
                .param("staff", staff)
                .query((rs, n) -> row(rs))
                .list();
    }

    List<Row> ofStaff(List<UUID> staff) {
        if (staff.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM calendar_connection WHERE staff_id IN (:staff)")
                .param("staff", staff)
                .query((rs, n) -> row(rs))
                .list();
    }

    List<Row> all() {
        return jdbc.sql("SELECT * FROM calendar_connection ORDER BY connected_at")
                .query((rs, n) -> row(rs))
                .list();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getObject("staff_id", UUID.class),
                ExternalCalendar.of(rs.getString("provider")).orElseThrow(),
                "broken".equals(rs.getString("status")),
                rs.getTimestamp("connected_at").toInstant(),
                instant(rs.getTimestamp("last_success_at")),
                Optional.ofNullable(rs.getString("last_error")),
                instant(rs.getTimestamp("last_error_at")));
    }

    private static Optional<Instant> instant(Timestamp at) {
        return Optional.ofNullable(at).map(Timestamp::toInstant);
    }

    /** Marks the connection broken; true only for the caller that broke it (so one event is published). */
    boolean markBroken(UUID staff, ExternalCalendar provider, String reason, Instant now) {
        return jdbc.sql(
                                """
                                UPDATE calendar_connection SET status = 'broken', last_error = left(:reason, 1000),
                                       last_error_at = :now
                                 WHERE staff_id = :staff AND provider = :provider AND status = 'connected'
                                """)
                        .param("staff", staff)
                        .param("provider", provider.json())
                        .param("reason", reason)
                        .param("now", Timestamp.from(now))
                        .update()
                > 0;
    }

    void recordSuccess(UUID staff, ExternalCalendar provider, Instant now) {
        jdbc.sql(
                        """
                        UPDATE calendar_connection SET last_success_at = :now
                         WHERE staff_id = :staff AND provider = :provider
                        """)
                .param("staff", staff)
                .param("provider", provider.json())
                .param("now", Timestamp.from(now))
                .update();
    }

    void recordError(UUID staff, ExternalCalendar provider, String error, Instant now) {
        jdbc.sql(
                        """
                        UPDATE calendar_connection SET last_error = left(:error, 1000), last_error_at = :now
                         WHERE staff_id = :staff AND provider = :provider
                        """)
                .param("staff", staff)
                .param("provider", provider.json())
                .param("error", error)
                .param("now", Timestamp.from(now))
                .update();
    }

    boolean remove(UUID staff, ExternalCalendar provider) {
        return jdbc.sql("DELETE FROM calendar_connection WHERE staff_id = :staff AND provider = :provider")
                        .param("staff", staff)
                        .param("provider", provider.json())
                        .update()
                > 0;
    }
}
