package io.roomtone.invoicing.web;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.CurrentUser;
import io.roomtone.invoicing.Invoice;
import io.roomtone.invoicing.InvoicePdf;
import io.roomtone.invoicing.Invoices;
import io.roomtone.invoicing.Receipts;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Booking", description = "Quotes, holds and bookings for clients")
@RestController
class BookingInvoiceController {

    private final BookingQueries bookings;
    private final Invoices invoices;
    private final InvoicePdf pdf;
    private final Receipts receipts;

    BookingInvoiceController(BookingQueries bookings, Invoices invoices, InvoicePdf pdf, Receipts receipts) {
        this.bookings = bookings;
        this.invoices = invoices;
        this.pdf = pdf;
        this.receipts = receipts;
    }

    @Operation(
            summary = "A booking's invoice",
            description = "The session's own invoice (a draft while the booking awaits approval): number, status, "
                    + "lines, totals, `paid_cents`, `due_cents`. For the booking's client and the studio's admins; "
                    + "a 404 for anyone else. Fee invoices and credit notes are in `GET /api/me/invoices`.")
    @GetMapping("/api/bookings/{id}/invoice")
    Invoice invoice(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return invoiceOf(id, user);
    }

    @Operation(summary = "A booking's invoice as PDF", description = "Who may: as `GET /api/bookings/{id}/invoice`.")
    @ApiResponse(
            responseCode = "200",
            description = "The PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @GetMapping(value = "/api/bookings/{id}/invoice.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> invoicePdf(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return AdminInvoiceController.pdfOf(invoiceOf(id, user), pdf);
    }

    @Operation(
            summary = "A booking's receipt as PDF",
            description = "The money received for the booking and given back (only what actually moved: no "
                    + "authorizations, no refunds still under way), what it costs with its fees and the balance. "
                    + "For the booking's client and the studio's admins; a 404 for anyone else, and a 404 while "
                    + "nothing was received.")
    @ApiResponse(
            responseCode = "200",
            description = "The PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @GetMapping(value = "/api/bookings/{id}/receipt.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> receiptPdf(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        Receipts.Receipt receipt = receipts.of(id, user);
        return AdminInvoiceController.download(
                Receipts.fileName(receipt.booking()), pdf.render(receipt, LocaleContextHolder.getLocale()));
    }

    private Invoice invoiceOf(UUID bookingId, CurrentUser user) {
        Booking booking = bookings.get(bookingId, user);
        // staff see the sessions they work, not what the client pays
        if (!user.role().isAdmin() && !booking.clientId().equals(user.id())) {
            throw RoomtoneException.notFound("booking", bookingId);
        }
        return invoices.ofBooking(bookingId).stream()
                .filter(i -> "booking".equals(i.purpose()))
                .findFirst()
                .orElseThrow(() -> RoomtoneException.notFound("invoice of booking", bookingId));
    }
}
