package io.roomtone.invoicing.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.invoicing.Invoice;
import io.roomtone.invoicing.Invoices;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The invoices of one booking for the booking pages, which belong to the booking module: their
 * templates include {@code invoicing/parts :: links} fed by {@code @invoiceLinks} (a bean call
 * from the template), so neither the booking module's controllers nor its model change. The signed-in
 * viewer decides what shows: the studio's admins every document, a client their issued ones.
 */
@Component("invoiceLinks")
public class InvoiceLinks {

    private final Invoices invoices;

    InvoiceLinks(Invoices invoices) {
        this.invoices = invoices;
    }

    /** Every document of the booking, drafts included, for the studio's admins; none for anyone else. */
    public List<Invoice> forStudio(UUID bookingId) {
        CurrentUser viewer = viewer();
        return viewer != null && viewer.role().isAdmin() ? invoices.ofBooking(bookingId) : List.of();
    }

    /** The viewer's own issued documents of the booking. */
    public List<Invoice> forClient(UUID bookingId) {
        CurrentUser viewer = viewer();
        return viewer == null ? List.of() : invoices.mineOfBooking(bookingId, viewer);
    }

    private static CurrentUser viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
    }
}
