package io.roomtone.notifications;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.Clients;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.invoicing.InvoicePdf;
import io.roomtone.invoicing.Receipts;
import io.roomtone.payments.PaymentEvents.PaymentReceived;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A receipt by e-mail for every payment a booking's client made (at the studio or by card), with
 * the receipt as PDF: what was received and given back, the balance, and the invoice numbers.
 */
@Component
class PaymentMails {

    private final BookingQueries bookings;
    private final Clients clients;
    private final Receipts receipts;
    private final InvoicePdf pdf;
    private final Letters letters;

    PaymentMails(BookingQueries bookings, Clients clients, Receipts receipts, InvoicePdf pdf, Letters letters) {
        this.bookings = bookings;
        this.clients = clients;
        this.receipts = receipts;
        this.pdf = pdf;
        this.letters = letters;
    }

    @ApplicationModuleListener
    void on(PaymentReceived received) {
        Tenancy.runAs(received.studioId(), () -> bookings.ofStudio(received.reference())
                .ifPresent(booking -> receipt(booking, received)));
    }

    private void receipt(Booking booking, PaymentReceived received) {
        clients.find(booking.clientId()).ifPresent(client -> {
            // the receipt exactly as the client would download it themselves
            CurrentUser asClient =
                    new CurrentUser(client.id(), received.studioId(), client.email(), client.name(), Role.CLIENT);
            Receipts.Receipt receipt = receipts.of(booking.id(), asClient);
            Map<String, Object> extra = new HashMap<>();
            extra.put("amount", BookingFacts.money(received.amountCents(), received.currency()));
            extra.put(
                    "balance",
                    receipt.balanceCents() > 0
                            ? BookingFacts.money(receipt.balanceCents(), received.currency())
                            : null);
            extra.put("invoices", String.join(", ", receipt.invoiceNumbers()));
            letters.toClient(
                    "payment.received:" + received.operationId(),
                    "payment-received",
                    booking,
                    extra,
                    List.of(new Message.Attachment(
                            Receipts.fileName(booking), "application/pdf", pdf.render(receipt, Mailroom.LOCALE))));
        });
    }
}
