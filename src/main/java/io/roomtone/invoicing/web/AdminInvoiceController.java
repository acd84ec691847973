package io.roomtone.invoicing.web;

import io.roomtone.invoicing.Invoice;
import io.roomtone.invoicing.InvoicePdf;
import io.roomtone.invoicing.Invoices;
import io.roomtone.shared.Csv;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@Tag(name = "Invoices (admin)", description = "The studio's invoices and credit notes, their PDFs and a CSV export")
@RestController
class AdminInvoiceController {

    static final int DEFAULT_PAGE = 50;

    /** One page of documents with the totals over every match. */
    record InvoicePage(List<Invoice> items, long totalCount, int offset, int limit, List<Invoices.Totals> totals) {}

    private static final String FILTERS = "`status`: `paid`, `unpaid` (issued, nothing paid), `partial`, `overdue` "
            + "(issued or partially paid and past its `due_at`), `void` (voided drafts, and invoices settled by credit "
            + "notes alone), `draft`, `credit_note`. `from`/`to`: issued (drafts: created) in `[from, to)`. "
            + "`client_id`: one client's; `client`: part of the client's name or e-mail, or of the number.";

    private final Invoices invoices;
    private final InvoicePdf pdf;

    AdminInvoiceController(Invoices invoices, InvoicePdf pdf) {
        this.invoices = invoices;
        this.pdf = pdf;
    }

    @Operation(
            summary = "Invoices and credit notes",
            description = FILTERS + " Latest first: `limit` (1-200, default 50) from `offset` (default 0). "
                    + "`total_count` (also the `X-Total-Count` header) counts the matches on all pages and `totals` "
                    + "sums them per currency (credit notes count against `total_cents`); a `Link` header names the "
                    + "next page while there is one.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of documents",
            headers = {
                @Header(
                        name = "X-Total-Count",
                        description = "How many documents match on all pages",
                        schema = @Schema(type = "integer")),
                @Header(
                        name = "Link",
                        description = "While there is a next page: `<url>; rel=\"next\"`",
                        schema = @Schema(type = "string"))
            })
    @GetMapping("/api/admin/invoices")
    ResponseEntity<InvoicePage> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(name = "client_id", required = false) UUID clientId,
            @RequestParam(required = false) String client,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        int start = offset == null ? 0 : offset;
        int size = limit == null ? DEFAULT_PAGE : limit;
        Invoices.Page page = invoices.page(search(status, from, to, clientId, client), start, size);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Total-Count", Long.toString(page.total()));
        if (page.hasNext()) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("offset", start + page.items().size())
                    .replaceQueryParam("limit", size)
                    .build()
                    .toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(new InvoicePage(page.items(), page.total(), start, size, page.totals()));
    }

    @Operation(
            summary = "Invoices and credit notes as CSV",
            description = FILTERS + " Every match (at most 50,000), oldest first; amounts in major units. Cells a "
                    + "spreadsheet would run as formulas are prefixed with an apostrophe.")
    @ApiResponse(
            responseCode = "200",
            description = "RFC 4180 CSV with a header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @GetMapping(value = "/api/admin/invoices.csv", produces = "text/csv")
    ResponseEntity<byte[]> csv(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(name = "client_id", required = false) UUID clientId,
            @RequestParam(required = false) String client) {
        List<Invoice> rows = invoices.export(search(status, from, to, clientId, client));
        StringBuilder csv = new StringBuilder();
        csv.append(Csv.row(List.of(
                "number",
                "kind",
                "status",
                "issued_at",
                "due_at",
                "booking_code",
                "client_name",
                "client_email",
                "subtotal",
                "tax",
                "total",
                "paid",
                "credited",
                "due",
                "currency",
                "overdue",
                "credits_invoice")));
        for (Invoice i : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(i.number());
            cells.add(i.kind().json());
            cells.add(i.status().json());
            cells.add(i.issuedAt() == null ? null : i.issuedAt().toString());
            cells.add(i.dueAt() == null ? null : i.dueAt().toString());
            cells.add(i.bookingCode());
            cells.add(i.clientName());
            cells.add(i.clientEmail());
            cells.add(amount(i.subtotalCents(), i.currency()));
            cells.add(amount(i.taxCents(), i.currency()));
            cells.add(amount(i.totalCents(), i.currency()));
            cells.add(amount(i.paidCents(), i.currency()));
            cells.add(amount(i.creditedCents(), i.currency()));
            cells.add(amount(i.dueCents(), i.currency()));
            cells.add(i.currency());
            cells.add(Boolean.toString(i.overdue()));
            cells.add(
                    i.creditsInvoiceId() == null
                            ? null
                            : rows.stream()
                                    .filter(r -> r.id().equals(i.creditsInvoiceId()))
                                    .map(Invoice::number)
                                    .findFirst()
                                    .orElse(i.creditsInvoiceId().toString()));
            csv.append(Csv.row(cells));
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("invoices.csv")
                                .build()
                                .toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Operation(summary = "One invoice or credit note")
    @GetMapping("/api/admin/invoices/{id}")
    Invoice get(@PathVariable UUID id) {
        return invoices.get(id);
    }

    @Operation(
            summary = "An invoice or credit note as PDF",
            description = "A draft prints as a draft, without a number.")
    @ApiResponse(
            responseCode = "200",
            description = "The PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @GetMapping(value = "/api/admin/invoices/{id}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable UUID id) {
        return pdfOf(invoices.get(id), pdf);
    }

    static ResponseEntity<byte[]> pdfOf(Invoice invoice, InvoicePdf pdf) {
        return download(InvoicePdf.fileName(invoice), pdf.render(invoice, LocaleContextHolder.getLocale()));
    }

    /** A PDF the browser saves as {@code fileName}. */
    static ResponseEntity<byte[]> download(String fileName, byte[] pdf) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName)
                                .build()
                                .toString())
                .body(pdf);
    }

    static Invoices.Search search(String status, Instant from, Instant to, UUID clientId, String client) {
        return new Invoices.Search(
                status == null || status.isBlank() ? null : Invoices.Filter.parse(status), from, to, clientId, client);
    }

    /** Cents in major units, as a plain decimal ({@code 1234} USD: {@code 12.34}). */
    static String amount(long cents, String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(cents, digits).toPlainString();
    }
}
