package io.roomtone.invoicing;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.roomtone.identity.Studios;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * An invoice or credit note as a printable PDF: the Thymeleaf template {@code invoicing/pdf.html}
 * (well-formed XHTML, as openhtmltopdf reads it) rendered by openhtmltopdf with its built-in fonts.
 * What it bills (lines, totals, client, seller, number, dates) comes from the document's frozen
 * snapshot, so a PDF made today and one made in a year bill the same; only "paid" and "balance due"
 * are as of printing.
 */
@Service
public class InvoicePdf {

    private final ITemplateEngine templates;
    private final Studios studios;

    InvoicePdf(ITemplateEngine templates, Studios studios) {
        this.templates = templates;
        this.studios = studios;
    }

    /** The PDF of {@code invoice}, texts in {@code locale}, dates in the studio's zone. */
    public byte[] render(Invoice invoice, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("invoice", invoice);
        context.setVariable("fmt", new Format(locale, studios.current().timezone(), invoice.currency()));
        return pdf(templates.process("invoicing/pdf", context));
    }

    /** The PDF of a booking's {@code receipt}: what was received and given back, and what is still due. */
    public byte[] render(Receipts.Receipt receipt, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("receipt", receipt);
        context.setVariable(
                "fmt",
                new Format(
                        locale, studios.current().timezone(), receipt.booking().currency()));
        return pdf(templates.process("invoicing/receipt-pdf", context));
    }

    private static byte[] pdf(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The file name a download gets: the number, or the id of a draft. */
    public static String fileName(Invoice invoice) {
        String name = invoice.number() != null ? invoice.number() : "draft-" + invoice.id();
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf";
    }

    /** Money and dates as the PDF prints them. */
    public static final class Format {
        private final Locale locale;
        private final ZoneId zone;
        private final String currency;

        Format(Locale locale, ZoneId zone, String currency) {
            this.locale = locale;
            this.zone = zone;
            this.currency = currency;
        }

        public String money(long cents) {
            Currency c = Currency.getInstance(currency);
            int digits = Math.max(c.getDefaultFractionDigits(), 0);
            NumberFormat format = NumberFormat.getCurrencyInstance(locale);
            format.setCurrency(c);
            format.setMinimumFractionDigits(digits);
            format.setMaximumFractionDigits(digits);
            return format.format(BigDecimal.valueOf(cents, digits));
        }

        public String date(Instant instant) {
            return instant == null
                    ? ""
                    : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                            .withLocale(locale)
                            .format(instant.atZone(zone));
        }

        /** A moment with its time of day and the zone named (a session, a payment). */
        public String dateTime(Instant instant) {
            return instant == null
                    ? ""
                    : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                                    .withLocale(locale)
                                    .format(instant.atZone(zone))
                            + " (" + zone.getId() + ")";
        }
    }
}
