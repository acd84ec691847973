package io.roomtone.invoicing.web;

import io.roomtone.invoicing.InvoiceSettings;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The studio's legal details for invoices, as a form that posts, redirects and shows what was
 * saved; refused fields are marked next to their input, by the same rules as the API, and nothing
 * is saved.
 */
@Controller
@RequestMapping("/admin/invoices/settings")
class InvoiceSettingsPage {

    static final String[] FIELDS = {
        "legal_name", "address", "tax_id", "footer", "invoice_prefix", "credit_note_prefix", "payment_terms_days"
    };

    private final InvoiceSettings settings;

    InvoiceSettingsPage(InvoiceSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    String show(@RequestParam(required = false) String saved, Model model) {
        InvoiceSettings.Current current = settings.current();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("legal_name", current.legalName());
        values.put("address", current.address());
        values.put("tax_id", current.taxId());
        values.put("footer", current.footer());
        values.put("invoice_prefix", current.invoicePrefix());
        values.put("credit_note_prefix", current.creditNotePrefix());
        values.put("payment_terms_days", Integer.toString(current.paymentTermsDays()));
        model.addAttribute("saved", saved != null);
        return page(values, Map.of(), model);
    }

    @PostMapping
    String save(@RequestParam MultiValueMap<String, String> typed, Model model, HttpServletResponse response) {
        FormInput form = new FormInput(typed);
        Integer terms = form.integer("payment_terms_days");
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                // a blank text clears it; a blank prefix or term goes back to its default
                settings.update(
                        new InvoiceSettings.Draft(
                                form.text("legal_name"),
                                raw(typed, "address"),
                                form.text("tax_id"),
                                raw(typed, "footer"),
                                orDefault(form.text("invoice_prefix"), InvoiceSettings.DEFAULT_INVOICE_PREFIX),
                                orDefault(form.text("credit_note_prefix"), InvoiceSettings.DEFAULT_CREDIT_NOTE_PREFIX),
                                terms == null ? 0 : terms),
                        Set.of("legal_name", "address", "tax_id", "footer").stream()
                                .filter(f -> form.text(f) == null)
                                .collect(java.util.stream.Collectors.toSet()));
                return "redirect:/admin/invoices/settings?saved";
            } catch (RoomtoneException e) {
                if (e.fieldProblems().isEmpty()) {
                    throw e;
                }
                e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            values.put(field, typed.getFirst(field));
        }
        model.addAttribute("saved", false);
        return page(values, problems, model);
    }

    private static String page(Map<String, String> values, Map<String, String> problems, Model model) {
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        return "invoicing/settings";
    }

    /** A multi-line text as typed (line breaks kept), null when blank. */
    private static String raw(MultiValueMap<String, String> typed, String field) {
        String value = typed.getFirst(field);
        return value == null || value.isBlank() ? null : value.strip().replace("\r\n", "\n");
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
