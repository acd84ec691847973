package io.roomtone.booking;

import io.roomtone.availability.OccupancyChanges;
import io.roomtone.catalog.CustomAnswer;
import io.roomtone.identity.Tenancy;
import io.roomtone.scheduling.CancellationPolicy;
import io.roomtone.scheduling.ReschedulePolicy;
import io.roomtone.shared.TimeRange;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every SQL statement on {@code booking}, {@code booking_line} and {@code booking_staff}. Callers run
 * inside a transaction. Each status change is one update guarded by the statuses its
 * {@link BookingMove} starts from; an update that finds the booking elsewhere is refused with 409
 * {@code invalid_transition} naming the status it is in.
 */
@Component
class BookingStore {

    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The most bookings one list answers with; the admin list is bounded by time besides. */
    static final int LIST_LIMIT = 1000;

    /** What the lifecycle needs beyond the public view: the policies the booking was made under. */
    record Snapshot(Booking booking, CancellationPolicy cancellation, ReschedulePolicy reschedule) {}

    record NewBooking(
            UUID clientId,
            UUID roomId,
            List<UUID> staffIds,
            Instant startAt,
            Instant endAt,
            Duration bufferBefore,
            Duration bufferAfter,
            BookingStatus status,
            Instant decisionDueAt,
            String source,
            String notes,
            Price price,
            CancellationPolicy cancellation,
            ReschedulePolicy reschedule,
            boolean overrideRules,
            UUID createdBy,
            List<CustomAnswer> customFields) {}

    /** Which of the studio's bookings an admin list shows; absent bounds do not filter. */
    record Filter(BookingStatus status, Instant from, Instant to, UUID clientId) {}

    private static final String SELECT =
            """
            SELECT b.*,
                   coalesce((SELECT array_agg(s.staff_id) FROM booking_staff s
                              WHERE s.studio_id = b.studio_id AND s.booking_id = b.id), '{}') AS staff_ids,
                   (SELECT coalesce(json_agg(json_build_object(
                               'service_id', l.service_id, 'name', l.name, 'is_addon', l.is_addon,
                               'quantity', l.quantity, 'unit_price_cents', l.unit_price_cents,
                               'total_cents', l.total_cents)), '[]')
                      FROM booking_line l WHERE l.studio_id = b.studio_id AND l.booking_id = b.id)::text AS lines,
                   coalesce(pb.received_cents, 0) AS received_cents,
                   coalesce(pb.refunded_cents, 0) AS refunded_cents,
                   coalesce(pb.authorized_cents, 0) AS authorized_cents
              FROM booking b
              -- the money of the booking's purchase (payments' published view; its reference is the
              -- booking's id), summed per booking from its operations
              LEFT JOIN LATERAL (SELECT * FROM purchase_balance p
                                  WHERE p.studio_id = b.studio_id AND p.reference = b.id) pb ON true
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OccupancyChanges changes;

    BookingStore(JdbcClient jdbc, JsonMapper json, OccupancyChanges changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.changes = changes;
    }

    /** Inserts the booking with its lines and staff in one statement, and returns it as stored. */
    Booking insert(NewBooking b) {
        String code = newCode();
        List<Price.Line> lines = b.price().lines();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("studio", Tenancy.currentStudioId())
                .addValue("code", code)
                .addValue("client", b.clientId())
                .addValue("room", b.roomId())
                .addValue("status", b.status().json())
                .addValue("start", Timestamp.from(b.startAt()))
                .addValue("end", Timestamp.from(b.endAt()))
                .addValue("before", (int) b.bufferBefore().toMinutes())
                .addValue("after", (int) b.bufferAfter().toMinutes())
                .addValue("due", timestamp(b.decisionDueAt()))
                .addValue("source", b.source())
                .addValue("notes", b.notes())
                .addValue("currency", b.price().currency())
                .addValue("subtotal", b.price().subtotalCents())
                .addValue("tax_rate", b.price().taxRateBps())
                .addValue("taxes", b.price().taxesCents())
                .addValue("total", b.price().totalCents())
                .addValue("deposit_percent", b.price().depositPercent())
                .addValue("deposit", b.price().depositCents())
                .addValue("cancellation", json.writeValueAsString(b.cancellation()))
                .addValue("reschedule", json.writeValueAsString(b.reschedule()))
                .addValue("override", b.overrideRules())
                .addValue("created_by", b.createdBy())
                .addValue("custom_fields", json.writeValueAsString(b.customFields()))
                .addValue(
                        "line_services",
                        lines.stream().map(Price.Line::serviceId).toArray(UUID[]::new))
                .addValue("line_names", lines.stream().map(Price.Line::name).toArray(String[]::new))
                .addValue("line_addons", lines.stream().map(Price.Line::isAddon).toArray(Boolean[]::new))
                .addValue(
                        "line_quantities",
                        lines.stream().map(Price.Line::quantity).toArray(Integer[]::new))
                .addValue(
                        "line_units",
                        lines.stream().map(Price.Line::unitPriceCents).toArray(Long[]::new))
                .addValue(
                        "line_totals",
                        lines.stream().map(Price.Line::totalCents).toArray(Long[]::new))
                .addValue("staff", b.staffIds().toArray(UUID[]::new));
        // one round trip: the hot path of every booking
        return jdbc.sql(
                        """
                        WITH inserted AS (
                            INSERT INTO booking (studio_id, code, client_id, room_id, status, start_at, end_at,
                                                 buffer_before_min, buffer_after_min, decision_due_at, source, notes,
                                                 currency, subtotal_cents, tax_rate_bps, taxes_cents, total_cents,
                                                 deposit_percent, deposit_cents, cancellation_policy, reschedule_policy,
                                                 override_rules, created_by, custom_fields)
                            VALUES (:studio, :code, :client, :room, :status, :start, :end, :before, :after, :due,
                                    :source, :notes, :currency, :subtotal, :tax_rate, :taxes, :total, :deposit_percent,
                                    :deposit, CAST(:cancellation AS jsonb), CAST(:reschedule AS jsonb), :override,
                                    :created_by, CAST(:custom_fields AS jsonb))
                            RETURNING id, created_at
                        ), lines AS (
                            INSERT INTO booking_line (studio_id, booking_id, service_id, name, is_addon, quantity,
                                                      unit_price_cents, total_cents)
                            SELECT :studio, inserted.id, l.service_id, l.name, l.is_addon, l.quantity, l.unit, l.total
                              FROM inserted,
                                   unnest(CAST(:line_services AS uuid[]), CAST(:line_names AS text[]),
                                          CAST(:line_addons AS boolean[]), CAST(:line_quantities AS int[]),
                                          CAST(:line_units AS bigint[]), CAST(:line_totals AS bigint[]))
                                       AS l(service_id, name, is_addon, quantity, unit, total)
                        ), staff AS (
                            INSERT INTO booking_staff (studio_id, booking_id, staff_id)
                            SELECT :studio, inserted.id, s FROM inserted, unnest(CAST(:staff AS uuid[])) AS s
                        )
                        SELECT id, created_at FROM inserted
                        """)
                .paramSource(params)
                .query((rs, row) -> new Booking(
                        rs.getObject("id", UUID.class),
                        code,
                        b.status(),
                        b.clientId(),
                        b.roomId(),
                        b.staffIds().stream().sorted(BookingStore::byText).toList(),
                        b.startAt(),
                        b.endAt(),
                        (int) b.bufferBefore().toMinutes(),
                        (int) b.bufferAfter().toMinutes(),
                        sortedLines(lines),
                        b.price().subtotalCents(),
                        b.price().taxesCents(),
                        b.price().totalCents(),
                        b.price().depositCents(),
                        0,
                        0,
                        0,
                        PaymentStatus.of(b.price().totalCents(), 0, 0, 0),
                        b.price().currency(),
                        b.notes(),
                        b.source(),
                        0,
                        null,
                        null,
                        null,
                        b.decisionDueAt(),
                        rs.getTimestamp("created_at").toInstant(),
                        b.customFields(),
                        false))
                .single();
    }

    Optional<Snapshot> find(UUID id) {
        return one(id, "");
    }

    /** The studio's booking with {@code code} (as stored: upper case, with its dash). */
    Optional<Snapshot> findByCode(String code) {
        return jdbc.sql(SELECT + " WHERE b.studio_id = :studio AND b.code = :code")
                .param("studio", Tenancy.currentStudioId())
                .param("code", code)
                .query(this::snapshot)
                .optional();
    }

    /** The booking, its row locked until the transaction ends: every change starts here. */
    Optional<Snapshot> findForUpdate(UUID id) {
        return one(id, "FOR UPDATE OF b");
    }

    private Optional<Snapshot> one(UUID id, String lock) {
        return jdbc.sql(SELECT + " WHERE b.studio_id = :studio AND b.id = :id " + lock)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(this::snapshot)
                .optional();
    }

    /** A client's bookings, by start. */
    List<Booking> ofClient(UUID clientId) {
        return list(new Filter(null, null, null, clientId));
    }

    /** The studio's bookings matching {@code filter} (overlapping {@code [from, to)}), by start. */
    List<Booking> list(Filter filter) {
        return jdbc.sql(
                        SELECT
                                + """
                         WHERE b.studio_id = :studio
                           AND (CAST(:status AS text) IS NULL OR b.status = :status)
                           AND (CAST(:from AS timestamptz) IS NULL OR b.end_at > :from)
                           AND (CAST(:to AS timestamptz) IS NULL OR b.start_at < :to)
                           AND (CAST(:client AS uuid) IS NULL OR b.client_id = :client)
                         ORDER BY b.start_at, b.code
                         LIMIT :limit
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().json())
                .param("from", timestamp(filter.from()))
                .param("to", timestamp(filter.to()))
                .param("client", filter.clientId())
                .param("limit", LIST_LIMIT)
                .query((rs, row) -> snapshot(rs, row).booking())
                .list();
    }

    /**
     * What one page of the studio desk's booking list asks for; absent criteria do not filter.
     * {@code clientText} matches the client's name, e-mail or phone (any case), {@code code} the
     * booking code with or without its dash.
     */
    record Search(
            BookingStatus status,
            Instant from,
            Instant to,
            UUID roomId,
            UUID staffId,
            UUID clientId,
            String clientText,
            String code) {}

    /** How a page of bookings is sorted; each ends with the id, so that pages never overlap. */
    enum Order {
        /** The latest sessions first. */
        LATEST_START("b.start_at DESC, b.id"),
        /** The earliest sessions first, as {@link #list} sorts. */
        EARLIEST_START("b.start_at, b.id"),
        /** Requests whose decision deadline comes first (the approval queue). */
        DEADLINE("b.decision_due_at, b.start_at, b.id");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    // the client's name lives in identity's app_user: the filter reads it there (row-level security
    // and the studio key keep it to this studio) rather than first loading every matching client
    private static final String SEARCH =
            """
             WHERE b.studio_id = :studio
               AND (CAST(:status AS text) IS NULL OR b.status = :status)
               AND (CAST(:from AS timestamptz) IS NULL OR b.end_at > :from)
               AND (CAST(:to AS timestamptz) IS NULL OR b.start_at < :to)
               AND (CAST(:room AS uuid) IS NULL OR b.room_id = :room)
               AND (CAST(:staff AS uuid) IS NULL OR EXISTS (
                        SELECT 1 FROM booking_staff s
                         WHERE s.studio_id = b.studio_id AND s.booking_id = b.id AND s.staff_id = :staff))
               AND (CAST(:client AS uuid) IS NULL OR b.client_id = :client)
               AND (CAST(:code AS text) IS NULL OR replace(b.code, '-', '') = :code)
               AND (CAST(:who AS text) IS NULL OR EXISTS (
                        SELECT 1 FROM app_user u
                         WHERE u.studio_id = b.studio_id AND u.id = b.client_id
                           AND (u.name ILIKE :who ESCAPE '\\' OR u.email ILIKE :who ESCAPE '\\'
                                OR u.phone ILIKE :who ESCAPE '\\'
                                -- an encrypted number: by its last four digits, the only part kept readable
                                OR (u.phone_sealed IS NOT NULL AND u.phone_hint = CAST(:whoDigits AS text)))))
            """;

    /** One page of the bookings matching {@code search}: {@code limit} from {@code offset}. */
    List<Booking> page(Search search, Order order, int offset, int limit) {
        return searching(SELECT + SEARCH + " ORDER BY " + order.sql + " LIMIT :limit OFFSET :offset", search)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> snapshot(rs, row).booking())
                .list();
    }

    /** How many bookings match {@code search}, on every page together. */
    long count(Search search) {
        return searching("SELECT count(*) FROM booking b" + SEARCH, search)
                .query(Long.class)
                .single();
    }

    private JdbcClient.StatementSpec searching(String sql, Search search) {
        String code = search.code() == null
                ? null
                : search.code().replace("-", "").strip().toUpperCase(java.util.Locale.ROOT);
        String who = search.clientText() == null ? null : "%" + likeEscape(search.clientText()) + "%";
        return jdbc.sql(sql)
                .param("studio", Tenancy.currentStudioId())
                .param(
                        "status",
                        search.status() == null ? null : search.status().json())
                .param("from", timestamp(search.from()))
                .param("to", timestamp(search.to()))
                .param("room", search.roomId())
                .param("staff", search.staffId())
                .param("client", search.clientId())
                .param("code", code)
                .param("who", who)
                .param("whoDigits", lastDigits(search.clientText()));
    }

    /** The last four digits of a query of at least four, to match a phone number kept encrypted. */
    private static String lastDigits(String text) {
        String digits = text == null ? "" : text.replaceAll("\\D", "");
        return digits.length() < 4 ? null : digits.substring(digits.length() - 4);
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * Confirmed sessions whose end and tear-down buffer have passed, locked; rows another node is
     * completing right now are skipped, not waited for.
     */
    List<Snapshot> endedForUpdate(Instant now, int limit) {
        return due(
                """
                 WHERE b.studio_id = :studio AND b.status = 'confirmed'
                   AND b.end_at + make_interval(mins => b.buffer_after_min) <= :now
                 ORDER BY b.end_at LIMIT :limit
                 FOR UPDATE OF b SKIP LOCKED
                """,
                now,
                limit);
    }

    /**
     * Confirmed sessions whose balance is due for its automatic charge: starting within {@code
     * leadHours} from {@code now} (and not yet started), still owing money, with a card saved at
     * booking and no automatic charge made yet; locked as {@link #endedForUpdate}. Read at every pass
     * from the booking's current start, so a reschedule moves the charge with it.
     */
    List<Snapshot> balanceDueForUpdate(Instant now, int leadHours, int limit) {
        return jdbc.sql(
                        SELECT
                                + """
                         WHERE b.studio_id = :studio AND b.status = 'confirmed' AND b.balance_attempts = 0
                           AND b.start_at > :now
                           AND b.start_at <= CAST(:now AS timestamptz) + make_interval(hours => :hours)
                           AND b.total_cents + b.fees_cents
                               > coalesce(pb.received_cents, 0) - coalesce(pb.refunded_cents, 0)
                           -- payments' saved card of the booking's purchase (its reference is the booking's id)
                           AND EXISTS (SELECT 1 FROM purchase p
                                        WHERE p.studio_id = b.studio_id AND p.reference = b.id
                                          AND p.payment_method IS NOT NULL)
                         ORDER BY b.start_at LIMIT :limit
                         FOR UPDATE OF b SKIP LOCKED
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("now", Timestamp.from(now))
                .param("hours", leadHours)
                .param("limit", limit)
                .query(this::snapshot)
                .list();
    }

    /** Bookings marked "payment action needed" that still hold their slot and have not ended, by start. */
    List<Booking> needingPaymentAction(Instant now, int limit) {
        return jdbc.sql(
                        SELECT
                                + """
                         WHERE b.studio_id = :studio AND b.payment_action_needed
                           AND b.status IN ('awaiting_approval', 'confirmed') AND b.end_at > :now
                         ORDER BY b.start_at LIMIT :limit
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> snapshot(rs, row).booking())
                .list();
    }

    /** How many automatic charges of its balance the booking had. */
    int balanceAttempts(UUID id) {
        return jdbc.sql("SELECT balance_attempts FROM booking WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    /** Counts one more automatic charge of the booking's balance; the new count. */
    int countBalanceAttempt(UUID id) {
        return jdbc.sql(
                        """
                        UPDATE booking SET balance_attempts = balance_attempts + 1, updated_at = now()
                         WHERE studio_id = :studio AND id = :id RETURNING balance_attempts
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    /** Marks the booking "payment action needed"; false when it was already. */
    boolean flagPaymentAction(UUID id) {
        return jdbc.sql(
                                """
                                UPDATE booking SET payment_action_needed = true, updated_at = now()
                                 WHERE studio_id = :studio AND id = :id AND NOT payment_action_needed
                                """)
                        .param("studio", Tenancy.currentStudioId())
                        .param("id", id)
                        .update()
                == 1;
    }

    /**
     * Clears "payment action needed" once the booking owes nothing (what its purchase received, as
     * this transaction sees it); false when it was not set or money is still owed.
     */
    boolean clearPaymentActionIfPaid(UUID id) {
        return jdbc.sql(
                                """
                                UPDATE booking b SET payment_action_needed = false, updated_at = now()
                                 WHERE b.studio_id = :studio AND b.id = :id AND b.payment_action_needed
                                   AND b.total_cents + b.fees_cents
                                       <= coalesce((SELECT p.received_cents - p.refunded_cents FROM purchase_balance p
                                                     WHERE p.studio_id = b.studio_id AND p.reference = b.id), 0)
                                """)
                        .param("studio", Tenancy.currentStudioId())
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Requests awaiting approval whose decision deadline has passed, locked as {@link #endedForUpdate}. */
    List<Snapshot> overdueRequestsForUpdate(Instant now, int limit) {
        return due(
                """
                 WHERE b.studio_id = :studio AND b.status = 'awaiting_approval' AND b.decision_due_at <= :now
                 ORDER BY b.decision_due_at LIMIT :limit
                 FOR UPDATE OF b SKIP LOCKED
                """,
                now,
                limit);
    }

    private List<Snapshot> due(String where, Instant now, int limit) {
        return jdbc.sql(SELECT + where)
                .param("studio", Tenancy.currentStudioId())
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(this::snapshot)
                .list();
    }

    /**
     * The sessions a staff member works that overlap {@code [from, to)}, by start: those holding their
     * slot and those that took place (completed, no-show); canceled, rejected and expired ones are not
     * work.
     */
    List<Booking> assignedTo(UUID staffId, Instant from, Instant to) {
        return jdbc.sql(
                        SELECT
                                + """
                         WHERE b.studio_id = :studio AND b.end_at > :from AND b.start_at < :to
                           AND b.status IN ('awaiting_approval', 'confirmed', 'completed', 'no_show')
                           AND EXISTS (SELECT 1 FROM booking_staff s
                                        WHERE s.studio_id = b.studio_id AND s.booking_id = b.id AND s.staff_id = :staff)
                         ORDER BY b.start_at, b.code
                         LIMIT :limit
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("staff", staffId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("limit", LIST_LIMIT)
                .query((rs, row) -> snapshot(rs, row).booking())
                .list();
    }

    /** A client's unpaid requests awaiting approval. */
    long pendingOf(UUID clientId) {
        return jdbc.sql(
                        """
                        SELECT count(*) FROM booking
                         WHERE studio_id = :studio AND client_id = :client AND status = 'awaiting_approval'
                           AND NOT EXISTS (SELECT 1 FROM purchase_balance p
                                            WHERE p.studio_id = booking.studio_id AND p.reference = booking.id
                                              AND (p.received_cents > 0 OR p.authorized_cents > 0))
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("client", clientId)
                .query(Long.class)
                .single();
    }

    /** Sessions of {@code serviceId} holding their slot that start in {@code [from, to)}, except {@code moving}. */
    long startingBetween(UUID serviceId, Instant from, Instant to, UUID moving) {
        return jdbc.sql(
                        """
                        SELECT count(*) FROM booking b JOIN booking_line l
                          ON l.studio_id = b.studio_id AND l.booking_id = b.id AND l.service_id = :service
                         WHERE b.studio_id = :studio AND b.status IN ('awaiting_approval', 'confirmed')
                           AND b.start_at >= :from AND b.start_at < :to AND b.id IS DISTINCT FROM :moving
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("service", serviceId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("moving", moving)
                .query(Long.class)
                .single();
    }

    /** A staff member's sessions that hold their slot and have not ended at {@code now}. */
    List<io.roomtone.catalog.StaffAssignments.Assignment> upcomingFor(UUID staffId, Instant now) {
        return jdbc.sql(
                        """
                        SELECT b.id, b.code, b.start_at FROM booking b
                          JOIN booking_staff s ON s.studio_id = b.studio_id AND s.booking_id = b.id
                         WHERE b.studio_id = :studio AND s.staff_id = :staff AND b.end_at > :now
                           AND b.status IN ('awaiting_approval', 'confirmed')
                         ORDER BY b.start_at
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("staff", staffId)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new io.roomtone.catalog.StaffAssignments.Assignment(
                        rs.getObject("id", UUID.class),
                        rs.getString("code"),
                        rs.getTimestamp("start_at").toInstant()))
                .list();
    }

    /**
     * The calendar board's entries of one resource kind ({@code room} or {@code staff}) between
     * {@code from} and {@code to}, by resource: every occupancy row with its booking or unexpired hold
     * ({@code now} is the clock that set the hold's expiry and that searches judge it by).
     */
    Map<UUID, List<StudioCalendar.Entry>> board(String kind, Instant from, Instant to, Instant now) {
        return jdbc
                .sql(
                        """
                        SELECT o.resource_id, o.blocked_start AS blocked_from, o.blocked_end AS blocked_until,
                               CASE WHEN o.booking_id IS NULL THEN 'hold' ELSE 'booking' END AS type,
                               coalesce(o.booking_id, o.hold_id) AS id, b.code, coalesce(b.status, 'held') AS status,
                               coalesce(b.start_at, h.start_at) AS start_at, coalesce(b.end_at, h.end_at) AS end_at,
                               coalesce(b.room_id, h.room_id) AS room_id, coalesce(b.client_id, h.user_id) AS client_id,
                               coalesce((SELECT l.service_id FROM booking_line l
                                          WHERE l.studio_id = b.studio_id AND l.booking_id = b.id AND NOT l.is_addon
                                          LIMIT 1), h.service_id) AS service_id,
                               coalesce((SELECT array_agg(s.staff_id ORDER BY s.staff_id) FROM booking_staff s
                                          WHERE s.studio_id = b.studio_id AND s.booking_id = b.id), '{}') AS staff_ids
                          FROM occupancy o
                          LEFT JOIN booking b ON b.studio_id = o.studio_id AND b.id = o.booking_id
                          LEFT JOIN hold h ON h.studio_id = o.studio_id AND h.id = o.hold_id
                         WHERE o.studio_id = :studio AND o.resource_kind = :kind
                           AND o.blocked_start >= :reach AND o.blocked_start < :to AND o.blocked_end > :from
                           AND (o.expires_at IS NULL OR o.expires_at > :now)
                         ORDER BY o.blocked_start
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("kind", kind)
                .param("reach", Timestamp.from(from.minus(OccupancyTable.PIECE)))
                .param("to", Timestamp.from(to))
                .param("from", Timestamp.from(from))
                .param("now", Timestamp.from(now))
                .query((rs, row) -> Map.entry(
                        rs.getObject("resource_id", UUID.class),
                        new StudioCalendar.Entry(
                                rs.getString("type"),
                                rs.getObject("id", UUID.class),
                                rs.getString("code"),
                                rs.getString("status"),
                                rs.getTimestamp("start_at").toInstant(),
                                rs.getTimestamp("end_at").toInstant(),
                                rs.getTimestamp("blocked_from").toInstant(),
                                rs.getTimestamp("blocked_until").toInstant(),
                                false,
                                rs.getObject("room_id", UUID.class),
                                rs.getObject("service_id", UUID.class),
                                rs.getObject("client_id", UUID.class),
                                List.of((UUID[]) rs.getArray("staff_ids").getArray()))))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    // --- moves: each one guarded update; callers hold the row lock from findForUpdate

    void approve(UUID id, UUID decider, String message) {
        decide(id, BookingMove.APPROVE, BookingStatus.CONFIRMED, decider, message);
    }

    void reject(UUID id, UUID decider, String reason) {
        decide(id, BookingMove.REJECT, BookingStatus.REJECTED, decider, reason);
    }

    private void decide(UUID id, BookingMove move, BookingStatus to, UUID decider, String message) {
        move(
                id,
                move,
                "status = :to, decided_by = :decider, decided_at = now(), decision_message = :message",
                new MapSqlParameterSource()
                        .addValue("to", to.json())
                        .addValue("decider", decider)
                        .addValue("message", message));
    }

    void expire(UUID id) {
        move(id, BookingMove.EXPIRE, "status = 'expired'", new MapSqlParameterSource());
    }

    void complete(UUID id) {
        move(id, BookingMove.COMPLETE, "status = 'completed'", new MapSqlParameterSource());
    }

    void markNoShow(UUID id) {
        move(id, BookingMove.MARK_NO_SHOW, "status = 'no_show'", new MapSqlParameterSource());
    }

    void cancel(UUID id, String reason, long refundCents) {
        move(
                id,
                BookingMove.CANCEL,
                "status = 'canceled', canceled_at = now(), cancel_reason = :reason, refund_cents = :refund",
                new MapSqlParameterSource().addValue("reason", reason).addValue("refund", refundCents));
    }

    /**
     * Moves the session to {@code [start, end)} with status {@code to}; a request awaiting approval
     * gets {@code decisionDueAt} as its deadline and no decision.
     */
    void reschedule(UUID id, Instant start, Instant end, BookingStatus to, Instant decisionDueAt, long feeCents) {
        move(
                id,
                BookingMove.RESCHEDULE,
                """
                start_at = :start, end_at = :end, reschedules = reschedules + 1, status = :to,
                fees_cents = fees_cents + :fee,
                decision_due_at = coalesce(CAST(:due AS timestamptz), decision_due_at),
                decided_by = CASE WHEN :to = 'awaiting_approval' THEN NULL ELSE decided_by END,
                decided_at = CASE WHEN :to = 'awaiting_approval' THEN NULL ELSE decided_at END
                """,
                new MapSqlParameterSource()
                        .addValue("start", Timestamp.from(start))
                        .addValue("end", Timestamp.from(end))
                        .addValue("to", to.json())
                        .addValue("due", timestamp(decisionDueAt))
                        .addValue("fee", feeCents));
    }

    /** Puts {@code staffIds} on the session; their buffers become the booking's snapshot. */
    void assignStaff(UUID id, List<UUID> staffIds, Duration bufferBefore, Duration bufferAfter) {
        move(
                id,
                BookingMove.ASSIGN_STAFF,
                "buffer_before_min = :before, buffer_after_min = :after",
                new MapSqlParameterSource()
                        .addValue("before", (int) bufferBefore.toMinutes())
                        .addValue("after", (int) bufferAfter.toMinutes()));
        jdbc.sql(
                        """
                        WITH gone AS (DELETE FROM booking_staff WHERE studio_id = :studio AND booking_id = :id)
                        INSERT INTO booking_staff (studio_id, booking_id, staff_id)
                        SELECT :studio, :id, s FROM unnest(CAST(:staff AS uuid[])) AS s
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("staff", staffIds.toArray(UUID[]::new))
                .update();
    }

    /** {@code set} is one of this class's own constants, never input. */
    private void move(UUID id, BookingMove move, String set, MapSqlParameterSource params) {
        params.addValue("studio", Tenancy.currentStudioId())
                .addValue("id", id)
                .addValue("from", move.from().stream().map(BookingStatus::json).toArray(String[]::new));
        // the session's range before and after (a reschedule moves it): the board and the approval
        // queue of the desk change with every move, even one that leaves the occupancy as it was
        record Moved(UUID roomId, TimeRange before, TimeRange after) {}
        List<Moved> moved = jdbc.sql(
                        "UPDATE booking SET " + set
                                + """
                        , updated_at = now()
                          FROM (SELECT id AS old_id, start_at AS old_start, end_at AS old_end FROM booking
                                 WHERE studio_id = :studio AND id = :id FOR UPDATE) AS old
                         WHERE studio_id = :studio AND id = :id AND old_id = id AND status = ANY(:from)
                        RETURNING room_id, old_start, old_end, start_at, end_at, buffer_before_min, buffer_after_min
                        """)
                .paramSource(params)
                .query((rs, row) -> {
                    Duration before = Duration.ofMinutes(rs.getInt("buffer_before_min"));
                    Duration after = Duration.ofMinutes(rs.getInt("buffer_after_min"));
                    return new Moved(
                            rs.getObject("room_id", UUID.class),
                            new TimeRange(
                                            rs.getTimestamp("old_start").toInstant(),
                                            rs.getTimestamp("old_end").toInstant())
                                    .widen(before, after),
                            new TimeRange(
                                            rs.getTimestamp("start_at").toInstant(),
                                            rs.getTimestamp("end_at").toInstant())
                                    .widen(before, after));
                })
                .list();
        moved.forEach(m -> {
            changes.roomChanged(m.roomId(), m.before(), false, null);
            if (!m.after().equals(m.before())) {
                changes.roomChanged(m.roomId(), m.after(), false, null);
            }
        });
        int updated = moved.size();
        if (updated == 0) {
            Booking current = find(id).orElseThrow().booking();
            throw move.refused(current.code(), current.status());
        }
    }

    private Snapshot snapshot(ResultSet rs, int row) throws SQLException {
        UUID[] staff = (UUID[]) rs.getArray("staff_ids").getArray();
        Timestamp due = rs.getTimestamp("decision_due_at");
        Booking booking = new Booking(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                BookingStatus.of(rs.getString("status")),
                rs.getObject("client_id", UUID.class),
                rs.getObject("room_id", UUID.class),
                Arrays.stream(staff).sorted(BookingStore::byText).toList(),
                rs.getTimestamp("start_at").toInstant(),
                rs.getTimestamp("end_at").toInstant(),
                rs.getInt("buffer_before_min"),
                rs.getInt("buffer_after_min"),
                sortedLines(List.of(json.readValue(rs.getString("lines"), Price.Line[].class))),
                rs.getLong("subtotal_cents"),
                rs.getLong("taxes_cents"),
                rs.getLong("total_cents"),
                rs.getLong("deposit_cents"),
                rs.getLong("fees_cents"),
                rs.getLong("received_cents") - rs.getLong("refunded_cents"),
                rs.getLong("refunded_cents"),
                PaymentStatus.of(
                        rs.getLong("total_cents") + rs.getLong("fees_cents"),
                        rs.getLong("received_cents"),
                        rs.getLong("refunded_cents"),
                        rs.getLong("authorized_cents")),
                rs.getString("currency"),
                rs.getString("notes"),
                rs.getString("source"),
                rs.getInt("reschedules"),
                rs.getString("decision_message"),
                rs.getString("cancel_reason"),
                (Long) rs.getObject("refund_cents"),
                due == null ? null : due.toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                List.of(json.readValue(rs.getString("custom_fields"), CustomAnswer[].class)),
                rs.getBoolean("payment_action_needed"));
        return new Snapshot(
                booking,
                json.readValue(rs.getString("cancellation_policy"), CancellationPolicy.class),
                json.readValue(rs.getString("reschedule_policy"), ReschedulePolicy.class));
    }

    /** Lines in the order a booking shows them: the session first, then add-ons by name. */
    private static List<Price.Line> sortedLines(List<Price.Line> lines) {
        List<Price.Line> sorted = new ArrayList<>(lines);
        sorted.sort((a, b) -> a.isAddon() != b.isAddon()
                ? Boolean.compare(a.isAddon(), b.isAddon())
                : a.name().compareTo(b.name()));
        return List.copyOf(sorted);
    }

    /** Staff in the order a booking shows them, sorted here rather than by the database's collation. */
    private static int byText(UUID a, UUID b) {
        return a.toString().compareTo(b.toString());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
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
