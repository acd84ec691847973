package io.roomtone.invoicing;

import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Texts;
import io.roomtone.shared.Validation;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The studio's legal details as printed on its invoices and credit notes, and how their numbers
 * look. A studio that never set them prints its name and numbers {@code INV-000001},
 * {@code CN-000001}.
 */
@Service
public class InvoiceSettings {

    public static final String DEFAULT_INVOICE_PREFIX = "INV-";
    public static final String DEFAULT_CREDIT_NOTE_PREFIX = "CN-";

    /**
     * The settings in force.
     *
     * @param legalName the name printed as the seller (the studio's name when not set)
     * @param paymentTermsDays 0: an invoice falls due at its session; otherwise this many days after
     *     issue
     */
    public record Current(
            String legalName,
            String address,
            String taxId,
            String footer,
            String invoicePrefix,
            String creditNotePrefix,
            int paymentTermsDays) {}

    /** A change: null fields are kept (see {@link io.roomtone.shared.MergePatch}). */
    public record Draft(
            String legalName,
            String address,
            String taxId,
            String footer,
            String invoicePrefix,
            String creditNotePrefix,
            Integer paymentTermsDays) {}

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9/_.-]{0,20}");

    private final JdbcClient jdbc;
    private final Studios studios;

    InvoiceSettings(JdbcClient jdbc, Studios studios) {
        this.jdbc = jdbc;
        this.studios = studios;
    }

    @Transactional(readOnly = true)
    public Current current() {
        Current stored = jdbc.sql(
                        """
                        SELECT legal_name, address, tax_id, footer, invoice_prefix, credit_note_prefix, payment_terms_days
                          FROM invoice_settings WHERE studio_id = :studio
                        """)
                .param("studio", Tenancy.currentStudioId())
                .query((rs, n) -> new Current(
                        rs.getString("legal_name"),
                        rs.getString("address"),
                        rs.getString("tax_id"),
                        rs.getString("footer"),
                        rs.getString("invoice_prefix"),
                        rs.getString("credit_note_prefix"),
                        rs.getInt("payment_terms_days")))
                .optional()
                .orElse(new Current(null, null, null, null, DEFAULT_INVOICE_PREFIX, DEFAULT_CREDIT_NOTE_PREFIX, 0));
        return stored;
    }

    /** The name printed as the seller: the legal name, else the studio's name. */
    @Transactional(readOnly = true)
    public String sellerName(Current settings) {
        return settings.legalName() != null
                ? settings.legalName()
                : studios.current().name();
    }

    /**
     * Applies a change: {@code draft}'s non-null fields replace, {@code cleared} fields are emptied.
     * Refuses (400, naming each field) texts that are too long or hold control characters, prefixes
     * other than letters, digits and {@code / _ . -}, and two equal prefixes.
     */
    @Transactional
    public Current update(Draft draft, Set<String> cleared) {
        Current now = current();
        Current next = new Current(
                pick(draft.legalName(), now.legalName(), cleared.contains("legal_name")),
                pick(draft.address(), now.address(), cleared.contains("address")),
                pick(draft.taxId(), now.taxId(), cleared.contains("tax_id")),
                pick(draft.footer(), now.footer(), cleared.contains("footer")),
                draft.invoicePrefix() != null ? draft.invoicePrefix() : now.invoicePrefix(),
                draft.creditNotePrefix() != null ? draft.creditNotePrefix() : now.creditNotePrefix(),
                draft.paymentTermsDays() != null ? draft.paymentTermsDays() : now.paymentTermsDays());
        new Validation()
                .check(length(next.legalName(), 200), "legal_name", "must be at most 200 characters")
                .check(!Texts.hasControlOrBidi(next.legalName()), "legal_name", "must not contain control characters")
                .check(length(next.address(), 1000), "address", "must be at most 1000 characters")
                .check(!multilineControl(next.address()), "address", "must not contain control characters")
                .check(length(next.taxId(), 100), "tax_id", "must be at most 100 characters")
                .check(!Texts.hasControlOrBidi(next.taxId()), "tax_id", "must not contain control characters")
                .check(length(next.footer(), 2000), "footer", "must be at most 2000 characters")
                .check(!multilineControl(next.footer()), "footer", "must not contain control characters")
                .check(
                        PREFIX.matcher(next.invoicePrefix()).matches(),
                        "invoice_prefix",
                        "must be at most 20 letters, digits or / _ . -")
                .check(
                        PREFIX.matcher(next.creditNotePrefix()).matches(),
                        "credit_note_prefix",
                        "must be at most 20 letters, digits or / _ . -")
                .check(
                        !next.invoicePrefix().equals(next.creditNotePrefix()),
                        "credit_note_prefix",
                        "must differ from invoice_prefix")
                .check(
                        next.paymentTermsDays() >= 0 && next.paymentTermsDays() <= 365,
                        "payment_terms_days",
                        "must be between 0 and 365")
                .throwIfInvalid();
        jdbc.sql(
                        """
                        INSERT INTO invoice_settings (studio_id, legal_name, address, tax_id, footer, invoice_prefix,
                                                      credit_note_prefix, payment_terms_days, updated_at)
                        VALUES (:studio, :legalName, :address, :taxId, :footer, :invoicePrefix, :creditNotePrefix, :terms, now())
                        ON CONFLICT (studio_id) DO UPDATE SET legal_name = EXCLUDED.legal_name, address = EXCLUDED.address,
                            tax_id = EXCLUDED.tax_id, footer = EXCLUDED.footer, invoice_prefix = EXCLUDED.invoice_prefix,
                            credit_note_prefix = EXCLUDED.credit_note_prefix,
                            payment_terms_days = EXCLUDED.payment_terms_days, updated_at = now()
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("legalName", next.legalName())
                .param("address", next.address())
                .param("taxId", next.taxId())
                .param("footer", next.footer())
                .param("invoicePrefix", next.invoicePrefix())
                .param("creditNotePrefix", next.creditNotePrefix())
                .param("terms", next.paymentTermsDays())
                .update();
        return next;
    }

    private static String pick(String sent, String stored, boolean cleared) {
        if (cleared) {
            return null;
        }
        if (sent == null) {
            return stored;
        }
        String stripped = sent.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static boolean length(String text, int max) {
        return text == null || text.length() <= max;
    }

    /** Control characters other than line breaks (an address and a footer have several lines). */
    private static boolean multilineControl(String text) {
        return text != null && Texts.hasControlOrBidi(text.replace("\r\n", "").replace("\n", ""));
    }
}
