package io.roomtone.invoicing.web;

import io.roomtone.invoicing.InvoiceSettings;
import io.roomtone.shared.MergePatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Invoice settings (admin)", description = "The studio's legal details printed on its invoices")
@RestController
@RequestMapping("/api/admin/invoice-settings")
class InvoiceSettingsController {

    static final String TERMS = "`legal_name` (at most 200 characters; the studio's name is printed when it is "
            + "empty), `address` (1000, several lines), `tax_id` (100), `footer` (2000, several lines): printed on "
            + "every invoice and credit note issued from now on (issued ones keep what they printed). "
            + "`invoice_prefix` (default `INV-`) and `credit_note_prefix` (default `CN-`): at most 20 letters, "
            + "digits or `/ _ . -`, not equal; numbers continue their sequence. `payment_terms_days` 0-365 "
            + "(default 0: an invoice falls due at its session; otherwise this many days after issue).";

    static final MergePatch.Fields FIELDS = MergePatch.Fields.of()
            .clearable("legal_name", "address", "tax_id", "footer")
            .defaulted("invoice_prefix", InvoiceSettings.DEFAULT_INVOICE_PREFIX)
            .defaulted("credit_note_prefix", InvoiceSettings.DEFAULT_CREDIT_NOTE_PREFIX)
            .defaulted("payment_terms_days", 0);

    private final InvoiceSettings settings;
    private final JsonMapper json;

    InvoiceSettingsController(InvoiceSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Operation(summary = "The studio's invoice settings")
    @GetMapping
    InvoiceSettings.Current get() {
        return settings.current();
    }

    @Operation(
            summary = "Change some of the studio's invoice settings",
            description = "JSON merge patch (RFC 7396): a field left out keeps its value, `null` clears a text or "
                    + "puts a prefix or the terms back to their default. Unknown fields are a 400.\n\n" + TERMS,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = InvoiceSettings.Draft.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = InvoiceSettings.Draft.class))
                            }))
    @PatchMapping(consumes = {"application/merge-patch+json", "application/json"})
    InvoiceSettings.Current patch(@RequestBody Map<String, Object> body) {
        MergePatch.Update<InvoiceSettings.Draft> update =
                MergePatch.patch(json, body, InvoiceSettings.Draft.class, FIELDS);
        return settings.update(update.draft(), update.cleared());
    }
}
