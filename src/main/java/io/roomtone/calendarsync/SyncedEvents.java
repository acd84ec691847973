package io.roomtone.calendarsync;

import io.roomtone.identity.Tenancy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code calendar_synced_event} rows of the current studio: what each booking's event in each
 * connected calendar should be, and the work still due. Call within a transaction.
 */
@Component
class SyncedEvents {

    /** One row as stored. */
    record Row(
            UUID id,
            UUID bookingId,
            UUID staffId,
            ExternalCalendar provider,
            boolean present,
            String fingerprint,
            int revision,
            SyncStatus status,
            Optional<String> externalId,
            int attempts,
            Optional<Instant> nextAttemptAt,
            Optional<String> lastError,
            Optional<Instant> syncedAt) {}

    /** A row claimed by one job for one attempt, until {@code claim} is released or its lease ends. */
    record Claimed(Row row, UUID claim) {}

    private final JdbcClient jdbc;

    SyncedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> ofBooking(UUID bookingId) {
        return jdbc.sql("SELECT * FROM calendar_synced_event WHERE booking_id = :booking ORDER BY staff_id, provider")
                .param("booking", bookingId)
                .query((rs, n) -> row(rs))
                .list();
    }

    /**
     * Makes the row of (booking, staff member, provider) ask for {@code present} with {@code
     * fingerprint}; due now if that changes anything (a new revision), untouched otherwise — so an
     * event delivered twice changes nothing. Nothing is stored for an event that should be absent
     * and never was made.
     */
    void desire(
            UUID bookingId, UUID staffId, ExternalCalendar provider, boolean present, String fingerprint, Instant now) {
        String desired = present ? "present" : "absent";
        int changed = jdbc.sql(
                        """
                        UPDATE calendar_synced_event SET desired = :desired, fingerprint = :fingerprint,
                               revision = revision + 1, status = 'pending', attempts = 0, next_attempt_at = :now,
                               last_error = NULL, updated_at = :now
                         WHERE booking_id = :booking AND staff_id = :staff AND provider = :provider
                           AND (desired <> :desired OR fingerprint <> :fingerprint)
                        """)
                .param("desired", desired)
                .param("fingerprint", fingerprint)
                .param("now", Timestamp.from(now))
                .param("booking", bookingId)
                .param("staff", staffId)
                .param("provider", provider.json())
                .update();
        if (changed == 0 && present) {
            jdbc.sql(
                            """
                            INSERT INTO calendar_synced_event (studio_id, booking_id, staff_id, provider, desired,
                                                               fingerprint, status, next_attempt_at, updated_at)
                            VALUES (:studio, :booking, :staff, :provider, 'present', :fingerprint, 'pending', :now, :now)
                            ON CONFLICT (studio_id, booking_id, staff_id, provider) DO NOTHING
                            """)
                    .param("studio", Tenancy.currentStudioId())
                    .param("booking", bookingId)
                    .param("staff", staffId)
                    .param("provider", provider.json())
                    .param("fingerprint", fingerprint)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    /**
     * Claims up to {@code limit} rows that are due, whose calendar is connected (a broken one waits
     * for its reconnection), and that no other job holds: locked rows are skipped, and the claim
     * is a lease that ends at {@code leaseUntil} in case its job dies mid-way.
     */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        UUID claim = UUID.randomUUID();
        return jdbc.sql(
                        """
                        UPDATE calendar_synced_event e SET claim = :claim, claimed_until = :lease,
                               attempts = e.attempts + 1, last_attempt_at = :now
                         WHERE (e.studio_id, e.id) IN (
                               SELECT d.studio_id, d.id FROM calendar_synced_event d
                                 JOIN calendar_connection c ON c.studio_id = d.studio_id AND c.staff_id = d.staff_id
                                                           AND c.provider = d.provider AND c.status = 'connected'
                                WHERE d.status <> 'synced' AND d.next_attempt_at <= :now
                                  AND (d.claimed_until IS NULL OR d.claimed_until < :now)
                                ORDER BY d.next_attempt_at
                                LIMIT :limit
                                  FOR UPDATE OF d SKIP LOCKED)
                        RETURNING e.*
                        """)
                .param("claim", claim)
                .param("lease", Timestamp.from(leaseUntil))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> new Claimed(row(rs), claim))
                .list();
    }

    /**
     * The claimed attempt succeeded: the row is synced, unless it was asked for something else
     * meanwhile (a newer revision), in which case that is due at once.
     */
    void succeeded(Claimed claimed, Optional<String> externalId, Instant now) {
        jdbc.sql(
                        """
                        UPDATE calendar_synced_event SET external_id = :external, synced_revision = :revision,
                               status = CASE WHEN revision = :revision THEN 'synced' ELSE 'pending' END,
                               attempts = CASE WHEN revision = :revision THEN attempts ELSE 0 END,
                               next_attempt_at = CASE WHEN revision = :revision THEN NULL ELSE CAST(:now AS timestamptz) END,
                               last_error = NULL, synced_at = :now, claim = NULL, claimed_until = NULL,
                               updated_at = :now
                         WHERE id = :id AND claim = :claim
                        """)
                .param("external", externalId.orElse(null))
                .param("revision", claimed.row().revision())
                .param("now", Timestamp.from(now))
                .param("id", claimed.row().id())
                .param("claim", claimed.claim())
                .update();
    }

    /** The claimed attempt failed: tried again at {@code retryAt} (never, when null). */
    void failed(Claimed claimed, String error, Instant retryAt, Instant now) {
        jdbc.sql(
                        """
                        UPDATE calendar_synced_event SET status = 'failed', last_error = left(:error, 1000),
                               next_attempt_at = CASE WHEN revision = :revision THEN CAST(:retry AS timestamptz)
                                                   ELSE CAST(:now AS timestamptz) END,
                               attempts = CASE WHEN revision = :revision THEN attempts ELSE 0 END,
                               claim = NULL, claimed_until = NULL, updated_at = :now
                         WHERE id = :id AND claim = :claim
                        """)
                .param("error", error)
                .param("revision", claimed.row().revision())
                .param("retry", retryAt == null ? null : Timestamp.from(retryAt))
                .param("now", Timestamp.from(now))
                .param("id", claimed.row().id())
                .param("claim", claimed.claim())
                .update();
    }

    /**
     * The calendar's connection broke during the attempt: the row waits, due again as soon as the
     * staff member reconnects; the attempt does not count.
     */
    void waitForReconnect(Claimed claimed, String reason, Instant now) {
        jdbc.sql(
                        """
                        UPDATE calendar_synced_event SET last_error = left(:reason, 1000), attempts = attempts - 1,
                               next_attempt_at = :now, claim = NULL, claimed_until = NULL, updated_at = :now
                         WHERE id = :id AND claim = :claim
                        """)
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("id", claimed.row().id())
                .param("claim", claimed.claim())
                .update();
    }

    /** Rows of a calendar that just reconnected become due now (they waited, or backed off). */
    void dueAgain(UUID staffId, ExternalCalendar provider, Instant now) {
        jdbc.sql(
                        """
                        UPDATE calendar_synced_event SET next_attempt_at = :now, attempts = 0, updated_at = :now
                         WHERE staff_id = :staff AND provider = :provider AND status <> 'synced'
                        """)
                .param("staff", staffId)
                .param("provider", provider.json())
                .param("now", Timestamp.from(now))
                .update();
    }

    private static Row row(ResultSet rs) throws SQLException {
        Timestamp next = rs.getTimestamp("next_attempt_at");
        Timestamp synced = rs.getTimestamp("synced_at");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("booking_id", UUID.class),
                rs.getObject("staff_id", UUID.class),
                ExternalCalendar.of(rs.getString("provider")).orElseThrow(),
                "present".equals(rs.getString("desired")),
                rs.getString("fingerprint"),
                rs.getInt("revision"),
                SyncStatus.fromColumn(rs.getString("status")),
                Optional.ofNullable(rs.getString("external_id")),
                rs.getInt("attempts"),
                Optional.ofNullable(next).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("last_error")),
                Optional.ofNullable(synced).map(Timestamp::toInstant));
    }

    static Duration backoff(Duration base, Duration max, int attempts) {
        Duration delay = base.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
