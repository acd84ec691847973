package io.roomtone.booking;

import io.roomtone.identity.Tenancy;
import io.roomtone.scheduling.CancellationPolicy;
import io.roomtone.scheduling.ReschedulePolicy;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** SQL for bookings, their lines and staff. Callers run inside a transaction. */
@Component
class BookingStore {

    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the lifecycle needs beyond the public view: the policies the booking was made under. */
    record Snapshot(Booking booking, CancellationPolicy cancellation, ReschedulePolicy reschedule) {}

    record NewBooking(
            UUID clientId,
            UUID roomId,
            List<UUID> staffIds,
            Instant startAt,
            Instant endAt,
            int bufferBeforeMin,
            int bufferAfterMin,
            BookingStatus status,
            String source,
            String notes,
            Price price,
            CancellationPolicy cancellation,
            ReschedulePolicy reschedule,
            boolean overrideRules,
            UUID createdBy) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BookingStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    UUID insert(NewBooking b) {
        UUID studio = Tenancy.currentStudioId();
        UUID id = jdbc.sql(
                        """
                        INSERT INTO booking (studio_id, code, client_id, room_id, status, start_at, end_at,
                                             buffer_before_min, buffer_after_min, source, notes, currency,
                                             subtotal_cents, tax_rate_bps, taxes_cents, total_cents, deposit_percent,
                                             deposit_cents, cancellation_policy, reschedule_policy, override_rules, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
                        RETURNING id
                        """)
                .params(
                        studio,
                        newCode(),
                        b.clientId(),
                        b.roomId(),
                        b.status().json(),
                        Timestamp.from(b.startAt()),
                        Timestamp.from(b.endAt()),
                        b.bufferBeforeMin(),
                        b.bufferAfterMin(),
                        b.source(),
                        b.notes(),
                        b.price().currency(),
                        b.price().subtotalCents(),
                        b.price().taxRateBps(),
                        b.price().taxesCents(),
                        b.price().totalCents(),
                        b.price().depositPercent(),
                        b.price().depositCents(),
                        json.writeValueAsString(b.cancellation()),
                        json.writeValueAsString(b.reschedule()),
                        b.overrideRules(),
                        b.createdBy())
                .query(UUID.class)
                .single();
        for (Price.Line line : b.price().lines()) {
            jdbc.sql(
                            """
                            INSERT INTO booking_line (studio_id, booking_id, service_id, name, is_addon, quantity,
                                                      unit_price_cents, total_cents)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(
                            studio,
                            id,
                            line.serviceId(),
                            line.name(),
                            line.isAddon(),
                            line.quantity(),
                            line.unitPriceCents(),
                            line.totalCents())
                    .update();
        }
        replaceStaff(id, b.staffIds());
        return id;
    }

    void replaceStaff(UUID bookingId, List<UUID> staffIds) {
        UUID studio = Tenancy.currentStudioId();
        jdbc.sql("DELETE FROM booking_staff WHERE studio_id = ? AND booking_id = ?")
                .params(studio, bookingId)
                .update();
        for (UUID staffId : staffIds) {
            jdbc.sql("INSERT INTO booking_staff (studio_id, booking_id, staff_id) VALUES (?, ?, ?)")
                    .params(studio, bookingId, staffId)
                    .update();
        }
    }

    Optional<Snapshot> find(UUID id, boolean forUpdate) {
        List<Snapshot> found = query("b.id = :id", Map.of("id", id), forUpdate);
        return found.stream().findFirst();
    }

    /** Bookings matching {@code where} (SQL over alias {@code b}), newest start first unless told. */
    List<Snapshot> query(String where, Map<String, Object> params, boolean forUpdate) {
        String sql =
                """
                SELECT b.*,
                       coalesce((SELECT array_agg(s.staff_id ORDER BY s.staff_id::text) FROM booking_staff s
                                  WHERE s.studio_id = b.studio_id AND s.booking_id = b.id), '{}') AS staff_ids
                  FROM booking b
                 WHERE b.studio_id = :studio AND %s
                 ORDER BY b.start_at, b.code
                 %s
                """
                        .formatted(where, forUpdate ? "FOR UPDATE OF b" : "LIMIT 1000");
        var statement = jdbc.sql(sql).param("studio", Tenancy.currentStudioId());
        for (Map.Entry<String, Object> param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        List<Snapshot> rows = statement.query(this::map).list();
        return withLines(rows);
    }

    private List<Snapshot> withLines(List<Snapshot> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<Price.Line>> lines = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        SELECT booking_id, service_id, name, is_addon, quantity, unit_price_cents, total_cents
                          FROM booking_line WHERE studio_id = ? AND booking_id = ANY(?)
                         ORDER BY is_addon, name
                        """)
                .params(
                        Tenancy.currentStudioId(),
                        rows.stream().map(r -> r.booking().id()).toArray(UUID[]::new))
                .query(rs -> {
                    lines.computeIfAbsent(rs.getObject("booking_id", UUID.class), k -> new ArrayList<>())
                            .add(new Price.Line(
                                    rs.getObject("service_id", UUID.class),
                                    rs.getString("name"),
                                    rs.getBoolean("is_addon"),
                                    rs.getInt("quantity"),
                                    rs.getLong("unit_price_cents"),
                                    rs.getLong("total_cents")));
                });
        return rows.stream()
                .map(r -> new Snapshot(
                        withLines(r.booking(), lines.getOrDefault(r.booking().id(), List.of())),
                        r.cancellation(),
                        r.reschedule()))
                .toList();
    }

    private static Booking withLines(Booking b, List<Price.Line> lines) {
        return new Booking(
                b.id(),
                b.code(),
                b.status(),
                b.clientId(),
                b.roomId(),
                b.staffIds(),
                b.startAt(),
                b.endAt(),
                b.bufferBeforeMin(),
                b.bufferAfterMin(),
                List.copyOf(lines),
                b.subtotalCents(),
                b.taxesCents(),
                b.totalCents(),
                b.depositCents(),
                b.paidCents(),
                b.currency(),
                b.notes(),
                b.source(),
                b.reschedules(),
                b.decisionMessage(),
                b.cancelReason(),
                b.refundCents(),
                b.createdAt());
    }

    private Snapshot map(ResultSet rs, int row) throws SQLException {
        UUID[] staff = (UUID[]) rs.getArray("staff_ids").getArray();
        Booking booking = new Booking(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                BookingStatus.of(rs.getString("status")),
                rs.getObject("client_id", UUID.class),
                rs.getObject("room_id", UUID.class),
                List.of(staff),
                rs.getTimestamp("start_at").toInstant(),
                rs.getTimestamp("end_at").toInstant(),
                rs.getInt("buffer_before_min"),
                rs.getInt("buffer_after_min"),
                List.of(),
                rs.getLong("subtotal_cents"),
                rs.getLong("taxes_cents"),
                rs.getLong("total_cents"),
                rs.getLong("deposit_cents"),
                rs.getLong("paid_cents"),
                rs.getString("currency"),
                rs.getString("notes"),
                rs.getString("source"),
                rs.getInt("reschedules"),
                rs.getString("decision_message"),
                rs.getString("cancel_reason"),
                (Long) rs.getObject("refund_cents"),
                rs.getTimestamp("created_at").toInstant());
        return new Snapshot(
                booking,
                json.readValue(rs.getString("cancellation_policy"), CancellationPolicy.class),
                json.readValue(rs.getString("reschedule_policy"), ReschedulePolicy.class));
    }

    /** Eight characters without look-alikes (no 0/O, 1/I), easy to read out on the phone. */
    private static String newCode() {
        StringBuilder code = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }
}
