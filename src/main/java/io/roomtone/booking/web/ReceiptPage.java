package io.roomtone.booking.web;

import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.Accounts;
import io.roomtone.identity.CurrentUser;
import java.time.Clock;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A booking's printable receipt, for its client and the studio's admins (anyone else, staff
 * included, gets the same 404 as for a code that does not exist). It shows what the booking knows
 * of payments: the payments received and refunds, and whether it is paid in full or what is due.
 */
@Controller
class ReceiptPage {

    private final BookingQueries queries;
    private final Accounts accounts;
    private final ShownBookings shown;
    private final ShownPayments payments;
    private final Clock clock;

    ReceiptPage(BookingQueries queries, Accounts accounts, ShownBookings shown, ShownPayments payments, Clock clock) {
        this.queries = queries;
        this.accounts = accounts;
        this.shown = shown;
        this.payments = payments;
        this.clock = clock;
    }

    @GetMapping("/receipt/{code}")
    String showReceipt(@PathVariable String code, @AuthenticationPrincipal CurrentUser viewer, Model model) {
        BookingQueries.Detail detail = queries.receiptByCode(code, viewer);
        model.addAttribute("detail", detail);
        model.addAttribute("shown", shown.show(detail.booking()));
        model.addAttribute("money", payments.of(detail.booking()));
        model.addAttribute("client", accounts.find(detail.booking().clientId()).orElse(null));
        model.addAttribute("ownReceipt", detail.booking().clientId().equals(viewer.id()));
        model.addAttribute("printedAt", clock.instant());
        return "me/receipt";
    }
}
