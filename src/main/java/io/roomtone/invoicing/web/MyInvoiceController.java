package io.roomtone.invoicing.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.invoicing.Invoice;
import io.roomtone.invoicing.InvoicePdf;
import io.roomtone.invoicing.Invoices;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "My invoices", description = "The signed-in client's own invoices and credit notes")
@RestController
class MyInvoiceController {

    private final Invoices invoices;
    private final InvoicePdf pdf;

    MyInvoiceController(Invoices invoices, InvoicePdf pdf) {
        this.invoices = invoices;
        this.pdf = pdf;
    }

    @Operation(summary = "My invoices and credit notes", description = "Issued ones only, latest first.")
    @GetMapping("/api/me/invoices")
    List<Invoice> mine(@AuthenticationPrincipal CurrentUser user) {
        return invoices.mine(user);
    }

    @Operation(
            summary = "One of my invoices or credit notes",
            description = "Anyone else's document is a 404, as is one that does not exist.")
    @GetMapping("/api/me/invoices/{id}")
    Invoice one(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return invoices.mine(id, user);
    }

    @Operation(
            summary = "One of my invoices or credit notes as PDF",
            description = "Anyone else's document is a 404, as is one that does not exist.")
    @ApiResponse(
            responseCode = "200",
            description = "The PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @GetMapping(value = "/api/me/invoices/{id}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return AdminInvoiceController.pdfOf(invoices.mine(id, user), pdf);
    }
}
