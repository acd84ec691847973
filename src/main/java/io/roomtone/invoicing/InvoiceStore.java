package io.roomtone.invoicing;

import io.roomtone.identity.Tenancy;
import io.roomtone.shared.SealedSecrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every SQL statement on {@code invoice}. Callers run inside a transaction with a studio bound.
 *
 * <p>The client's phone printed on a document is encrypted at rest when {@code
 * ROOMTONE_ENCRYPTION_KEY} is set: sealed with {@link SealedSecrets}, bound to the studio and the
 * document ({@link #phoneContext}), in {@code client_phone_sealed}, with {@code client_phone} left
 * NULL. Without the key it is kept in clear as before; {@link InvoicePhoneSealing} seals it at the
 * next start with a key.
 */
@Component
class InvoiceStore {

    private static final Logger log = LoggerFactory.getLogger(InvoiceStore.class);

    /** A document to write: a draft, or one issued at once (seq and number set). */
    record NewInvoice(
            UUID id,
            Invoice.Kind kind,
            String purpose,
            Invoice.Status status,
            UUID reference,
            String bookingCode,
            UUID creditsInvoiceId,
            Long seq,
            String number,
            List<Invoice.Line> lines,
            long subtotalCents,
            long taxCents,
            long depositCents,
            String currency,
            Party client,
            Seller seller,
            Instant sessionStartAt,
            Instant issuedAt,
            Instant dueAt,
            String reason) {}

    /** The client as printed at issue. */
    record Party(UUID id, String name, String email, String phone) {}

    /** The studio as printed at issue. */
    record Seller(String name, String address, String taxId, String footer) {}

    /**
     * What the desk's list filters by; null criteria do not filter.
     *
     * @param statuses any of these statuses
     * @param overdueAt only issued, unsettled invoices whose due date is before this instant
     */
    record Filter(
            List<Invoice.Status> statuses,
            Invoice.Kind kind,
            Instant overdueAt,
            Instant from,
            Instant to,
            UUID clientId,
            String clientText) {}

    /** The sums over every document a filter matches (credit notes count negative in total and due). */
    record Sums(long count, long totalCents, long paidCents, long creditedCents, long dueCents, String currency) {}

    /** How a document's phone is kept in its row: in clear (no key) or sealed; both null for none. */
    record StoredPhone(String clear, byte[] sealed) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SealedSecrets secrets;

    InvoiceStore(JdbcClient jdbc, JsonMapper json, SealedSecrets secrets) {
        this.jdbc = jdbc;
        this.json = json;
        this.secrets = secrets;
    }

    /**
     * What a document's sealed phone is bound to: a value copied to another document or studio does
     * not open there. Distinct from the accounts' own ({@code app_user.phone/...}), so a client's
     * sealed number copied from their account does not open on an invoice either.
     */
    static String phoneContext(UUID studioId, UUID invoiceId) {
        return "invoice.client_phone/" + studioId + "/" + invoiceId;
    }

    /** {@code phone} as the document {@code invoiceId} of the current studio keeps it. */
    StoredPhone storedPhone(UUID invoiceId, String phone) {
        if (phone == null) {
            return new StoredPhone(null, null);
        }
        if (!secrets.available()) {
            return new StoredPhone(phone, null);
        }
        return new StoredPhone(null, secrets.seal(phone, phoneContext(Tenancy.currentStudioId(), invoiceId)));
    }

    /**
     * The phone printed on the document in this row. One sealed that does not open (the key was
     * removed or changed, or the value was copied from another document) reads as no phone: the
     * document, its PDF and the lists still work, and no other number is ever shown.
     */
    private String phone(ResultSet rs) throws SQLException {
        byte[] sealed = rs.getBytes("client_phone_sealed");
        if (sealed == null) {
            return rs.getString("client_phone");
        }
        UUID studio = rs.getObject("studio_id", UUID.class);
        UUID id = rs.getObject("id", UUID.class);
        if (!secrets.available()) {
            log.warn("The client's phone on invoice {} is encrypted but ROOMTONE_ENCRYPTION_KEY is not set", id);
            return null;
        }
        try {
            return secrets.open(sealed, phoneContext(studio, id));
        } catch (IllegalStateException e) {
            log.warn("The client's phone on invoice {} does not open: was ROOMTONE_ENCRYPTION_KEY changed?", id);
            return null;
        }
    }

    void insert(NewInvoice n) {
        StoredPhone phone = storedPhone(n.id(), n.client().phone());
        jdbc.sql(
                        """
                        INSERT INTO invoice (studio_id, id, kind, purpose, status, reference, booking_code, credits_invoice_id,
                                             seq, number, lines, subtotal_cents, tax_cents, total_cents, deposit_cents,
                                             currency, client_id, client_name, client_email, client_phone, client_phone_sealed,
                                             seller_name, seller_address, seller_tax_id, footer, session_start_at,
                                             issued_at, due_at, reason)
                        VALUES (:studio, :id, :kind, :purpose, :status, :reference, :code, :credits, :seq, :number,
                                CAST(:lines AS jsonb), :subtotal, :tax, :total, :deposit, :currency, :client, :clientName,
                                :clientEmail, :clientPhone, :clientPhoneSealed, :seller, :sellerAddress, :sellerTaxId, :footer, :session,
                                :issued, :due, :reason)
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", n.id())
                .param("kind", n.kind().json())
                .param("purpose", n.purpose())
                .param("status", n.status().json())
                .param("reference", n.reference())
                .param("code", n.bookingCode())
                .param("credits", n.creditsInvoiceId())
                .param("seq", n.seq())
                .param("number", n.number())
                .param("lines", json.writeValueAsString(n.lines()))
                .param("subtotal", n.subtotalCents())
                .param("tax", n.taxCents())
                .param("total", Math.addExact(n.subtotalCents(), n.taxCents()))
                .param("deposit", n.depositCents())
                .param("currency", n.currency())
                .param("client", n.client().id())
                .param("clientName", n.client().name())
                .param("clientEmail", n.client().email())
                .param("clientPhone", phone.clear())
                .param("clientPhoneSealed", phone.sealed())
                .param("seller", n.seller().name())
                .param("sellerAddress", n.seller().address())
                .param("sellerTaxId", n.seller().taxId())
                .param("footer", n.seller().footer())
                .param("session", timestamp(n.sessionStartAt()))
                .param("issued", timestamp(n.issuedAt()))
                .param("due", timestamp(n.dueAt()))
                .param("reason", n.reason())
                .update();
    }

    /** Numbers a draft and refreshes what is printed on it from the client and studio of now. */
    void issue(UUID id, long seq, String number, Party client, Seller seller, Instant issuedAt, Instant dueAt) {
        StoredPhone phone = storedPhone(id, client.phone());
        jdbc.sql(
                        """
                        UPDATE invoice SET status = 'issued', seq = :seq, number = :number, client_name = :clientName,
                                           client_email = :clientEmail, client_phone = :clientPhone,
                                           client_phone_sealed = :clientPhoneSealed,
                                           seller_name = :seller, seller_address = :sellerAddress,
                                           seller_tax_id = :sellerTaxId, footer = :footer, issued_at = :issued,
                                           due_at = :due, updated_at = now()
                         WHERE studio_id = :studio AND id = :id AND status = 'draft'
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("seq", seq)
                .param("number", number)
                .param("clientName", client.name())
                .param("clientEmail", client.email())
                .param("clientPhone", phone.clear())
                .param("clientPhoneSealed", phone.sealed())
                .param("seller", seller.name())
                .param("sellerAddress", seller.address())
                .param("sellerTaxId", seller.taxId())
                .param("footer", seller.footer())
                .param("issued", timestamp(issuedAt))
                .param("due", timestamp(dueAt))
                .update();
    }

    /** A document of the current studio whose phone is still kept in clear. */
    record ClearPhone(UUID id, String phone) {}

    /**
     * Up to {@code limit} documents of the current studio with their phone in clear, locked for the
     * rest of the transaction; rows another transaction has locked are skipped (another node is
     * sealing them), and rows sealed meanwhile no longer match.
     */
    List<ClearPhone> clearPhonesForUpdate(int limit) {
        return jdbc.sql(
                        """
                        SELECT id, client_phone FROM invoice
                         WHERE studio_id = :studio AND client_phone IS NOT NULL
                         LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("limit", limit)
                .query((rs, n) -> new ClearPhone(rs.getObject("id", UUID.class), rs.getString("client_phone")))
                .list();
    }

    /**
     * Moves a document's phone from clear to sealed (the one change the trigger allows on an issued
     * document); whether it did: false when it was sealed already.
     */
    boolean sealPhone(ClearPhone row) {
        StoredPhone phone = storedPhone(row.id(), row.phone());
        if (phone.sealed() == null) {
            throw new IllegalStateException("ROOMTONE_ENCRYPTION_KEY is not set");
        }
        return jdbc.sql(
                                """
                                UPDATE invoice SET client_phone = NULL, client_phone_sealed = :sealed
                                 WHERE studio_id = :studio AND id = :id AND client_phone IS NOT NULL
                                """)
                        .param("studio", Tenancy.currentStudioId())
                        .param("id", row.id())
                        .param("sealed", phone.sealed())
                        .update()
                == 1;
    }

    void voidDraft(UUID id, String reason) {
        jdbc.sql(
                        """
                        UPDATE invoice SET status = 'void', reason = :reason, updated_at = now()
                         WHERE studio_id = :studio AND id = :id AND status = 'draft'
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("reason", reason)
                .update();
    }

    void settle(UUID id, Invoice.Status status, long paidCents, long creditedCents) {
        jdbc.sql(
                        """
                        UPDATE invoice SET status = :status, paid_cents = :paid, credited_cents = :credited, updated_at = now()
                         WHERE studio_id = :studio AND id = :id
                           AND (status, paid_cents, credited_cents) IS DISTINCT FROM (:status, :paid, :credited)
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("status", status.json())
                .param("paid", paidCents)
                .param("credited", creditedCents)
                .update();
    }

    /** A moved session: the new start, and the due date of the booking's documents that fall due at it. */
    void sessionMoved(UUID reference, Instant newStart, boolean dueAtSession) {
        jdbc.sql(
                        """
                        UPDATE invoice SET session_start_at = :start,
                                           due_at = CASE WHEN :atSession AND kind = 'invoice' AND due_at IS NOT NULL
                                                         THEN :start ELSE due_at END,
                                           updated_at = now()
                         WHERE studio_id = :studio AND reference = :reference AND status <> 'void'
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .param("start", timestamp(newStart))
                .param("atSession", dueAtSession)
                .update();
    }

    /** The documents of a booking, oldest first, locked for the rest of the transaction. */
    List<Invoice> ofBookingForUpdate(UUID reference, Instant now) {
        return jdbc.sql(SELECT + " WHERE i.studio_id = :studio AND i.reference = :reference"
                        + " ORDER BY i.created_at, i.id FOR UPDATE")
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .param("now", timestamp(now))
                .query(this::map)
                .list();
    }

    List<Invoice> ofBooking(UUID reference, Instant now) {
        return jdbc.sql(SELECT + " WHERE i.studio_id = :studio AND i.reference = :reference"
                        + " ORDER BY i.created_at, i.id")
                .param("studio", Tenancy.currentStudioId())
                .param("reference", reference)
                .param("now", timestamp(now))
                .query(this::map)
                .list();
    }

    Optional<Invoice> find(UUID id, Instant now) {
        return jdbc.sql(SELECT + " WHERE i.studio_id = :studio AND i.id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .param("now", timestamp(now))
                .query(this::map)
                .optional();
    }

    /** A client's issued documents, latest first (drafts and voided drafts are the studio's business). */
    List<Invoice> ofClient(UUID clientId, Instant now) {
        return jdbc.sql(SELECT + " WHERE i.studio_id = :studio AND i.client_id = :client AND i.seq IS NOT NULL"
                        + " ORDER BY i.issued_at DESC, i.id")
                .param("studio", Tenancy.currentStudioId())
                .param("client", clientId)
                .param("now", timestamp(now))
                .query(this::map)
                .list();
    }

    List<Invoice> page(Filter filter, Instant now, int offset, int limit) {
        return where(
                        SELECT + WHERE
                                + " ORDER BY coalesce(i.issued_at, i.created_at) DESC, i.kind, i.seq DESC NULLS LAST, i.id"
                                + " OFFSET :offset LIMIT :limit",
                        filter,
                        now)
                .param("offset", offset)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /** Every document the filter matches, oldest first: what the CSV export writes. */
    List<Invoice> all(Filter filter, Instant now, int limit) {
        return where(
                        SELECT + WHERE
                                + " ORDER BY coalesce(i.issued_at, i.created_at), i.kind, i.seq NULLS LAST, i.id"
                                + " LIMIT :limit",
                        filter,
                        now)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    List<Sums> sums(Filter filter, Instant now) {
        return where(
                        """
                        SELECT count(*) AS n,
                               coalesce(sum(CASE WHEN i.kind = 'credit_note' THEN -i.total_cents ELSE i.total_cents END), 0) AS total,
                               coalesce(sum(i.paid_cents), 0) AS paid,
                               coalesce(sum(i.credited_cents), 0) AS credited,
                               coalesce(sum(CASE WHEN i.kind = 'invoice' AND i.status IN ('issued', 'partially_paid')
                                                 THEN i.total_cents - i.paid_cents - i.credited_cents ELSE 0 END), 0) AS due,
                               i.currency
                          FROM invoice i
                        """
                                + WHERE + " GROUP BY i.currency ORDER BY count(*) DESC, i.currency",
                        filter,
                        now)
                .query((rs, n) -> new Sums(
                        rs.getLong("n"),
                        rs.getLong("total"),
                        rs.getLong("paid"),
                        rs.getLong("credited"),
                        rs.getLong("due"),
                        rs.getString("currency")))
                .list();
    }

    private static final String WHERE =
            """
             WHERE i.studio_id = :studio
               AND (CAST(:statuses AS text[]) IS NULL OR i.status = ANY(CAST(:statuses AS text[])))
               AND (CAST(:kind AS text) IS NULL OR i.kind = :kind)
               AND (CAST(:overdueAt AS timestamptz) IS NULL
                    OR (i.kind = 'invoice' AND i.status IN ('issued', 'partially_paid') AND i.due_at < :overdueAt))
               AND (CAST(:from AS timestamptz) IS NULL OR coalesce(i.issued_at, i.created_at) >= :from)
               AND (CAST(:to AS timestamptz) IS NULL OR coalesce(i.issued_at, i.created_at) < :to)
               AND (CAST(:client AS uuid) IS NULL OR i.client_id = :client)
               AND (CAST(:clientText AS text) IS NULL
                    OR strpos(lower(i.client_name), lower(:clientText)) > 0
                    OR strpos(lower(coalesce(i.client_email, '')), lower(:clientText)) > 0
                    OR strpos(lower(coalesce(i.number, '')), lower(:clientText)) > 0)
            """;

    private JdbcClient.StatementSpec where(String sql, Filter filter, Instant now) {
        return jdbc.sql(sql)
                .param("studio", Tenancy.currentStudioId())
                .param(
                        "statuses",
                        filter.statuses() == null
                                ? null
                                : filter.statuses().stream()
                                        .map(Invoice.Status::json)
                                        .toArray(String[]::new))
                .param("kind", filter.kind() == null ? null : filter.kind().json())
                .param("overdueAt", timestamp(filter.overdueAt()))
                .param("from", timestamp(filter.from()))
                .param("to", timestamp(filter.to()))
                .param("client", filter.clientId())
                .param("clientText", filter.clientText())
                .param("now", timestamp(now));
    }

    private static final String SELECT = "SELECT i.*, (i.kind = 'invoice' AND i.status IN ('issued', 'partially_paid')"
            + " AND i.due_at < CAST(:now AS timestamptz)) AS overdue FROM invoice i";

    private Invoice map(ResultSet rs, int row) throws SQLException {
        Invoice.Kind kind = Invoice.Kind.of(rs.getString("kind"));
        Invoice.Status status = Invoice.Status.of(rs.getString("status"));
        long total = rs.getLong("total_cents");
        long paid = rs.getLong("paid_cents");
        long credited = rs.getLong("credited_cents");
        boolean open = kind == Invoice.Kind.INVOICE && status != Invoice.Status.VOID && status != Invoice.Status.DRAFT;
        return new Invoice(
                rs.getObject("id", UUID.class),
                kind,
                rs.getString("purpose"),
                status,
                rs.getString("number"),
                rs.getObject("reference", UUID.class),
                rs.getString("booking_code"),
                rs.getObject("credits_invoice_id", UUID.class),
                List.of(json.readValue(rs.getString("lines"), Invoice.Line[].class)),
                rs.getLong("subtotal_cents"),
                rs.getLong("tax_cents"),
                total,
                rs.getLong("deposit_cents"),
                paid,
                credited,
                open ? Math.max(0, total - paid - credited) : 0,
                rs.getString("currency"),
                rs.getObject("client_id", UUID.class),
                rs.getString("client_name"),
                rs.getString("client_email"),
                phone(rs),
                rs.getString("seller_name"),
                rs.getString("seller_address"),
                rs.getString("seller_tax_id"),
                rs.getString("footer"),
                rs.getString("reason"),
                instant(rs.getTimestamp("session_start_at")),
                instant(rs.getTimestamp("issued_at")),
                instant(rs.getTimestamp("due_at")),
                rs.getBoolean("overdue"),
                instant(rs.getTimestamp("created_at")));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
