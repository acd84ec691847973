package io.roomtone.notifications;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.booking.PaymentStatus;
import io.roomtone.identity.Clients;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.invoicing.Invoice;
import io.roomtone.invoicing.InvoicePdf;
import io.roomtone.invoicing.Invoices;
import io.roomtone.invoicing.Receipts;
import io.roomtone.payments.PaymentEvents.PaymentDeclined;
import io.roomtone.payments.PaymentEvents.PaymentReceived;
import io.roomtone.shared.PublicAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A receipt by e-mail for every payment a booking's client made (at the studio or by card), with
 * the receipt as PDF (what was received and given back, the balance, and the invoice numbers) and
 * the PDF of each issued invoice it names, exactly as the client downloads them. And a "payment
 * failed" mail when the client's card was declined as they paid, with the way to pay again.
 */
@Component
class PaymentMails {

    private final BookingQueries bookings;
    private final Clients clients;
    private final Receipts receipts;
    private final Invoices invoices;
    private final InvoicePdf pdf;
    private final Letters letters;
    private final PublicAddress publicAddress;

    PaymentMails(
            BookingQueries bookings,
            Clients clients,
            Receipts receipts,
            Invoices invoices,
            InvoicePdf pdf,
            Letters letters,
            PublicAddress publicAddress) {
        this.bookings = bookings;
        this.clients = clients;
        this.receipts = receipts;
        this.invoices = invoices;
        this.pdf = pdf;
        this.letters = letters;
        this.publicAddress = publicAddress;
    }

    @ApplicationModuleListener
    void on(PaymentReceived received) {
        Tenancy.runAs(received.studioId(), () -> bookings.ofStudio(received.reference())
                .ifPresent(booking -> receipt(booking, received)));
    }

    /**
     * The client's card was declined as they paid: one mail per payment (keyed on its operation, so a
     * second decline of the same payment, or a redelivered event, writes nothing new), while the
     * booking stands and still waits for that money. It links to where they pay again: the deposit on
     * the booking's payment page, what is owed on their booking page.
     */
    @ApplicationModuleListener
    void on(PaymentDeclined declined) {
        Tenancy.runAs(declined.studioId(), () -> bookings.ofStudio(declined.reference())
                .filter(booking -> booking.status() == BookingStatus.AWAITING_APPROVAL
                        || booking.status() == BookingStatus.CONFIRMED)
                .filter(booking -> booking.paymentStatus() == PaymentStatus.UNPAID || booking.paymentActionNeeded())
                .ifPresent(booking -> {
                    Map<String, Object> extra = new HashMap<>();
                    extra.put("amount", BookingFacts.money(declined.amountCents(), declined.currency()));
                    extra.put("failure", declined.failure());
                    extra.put(
                            "payUrl",
                            booking.paymentActionNeeded()
                                    ? publicAddress.of("/me/bookings/" + booking.code() + "#pay")
                                    : publicAddress.of("/book/sent/" + booking.id()));
                    letters.toClient("payment.failed:" + declined.operationId(), "payment-failed", booking, extra);
                }));
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
            List<Message.Attachment> files = new ArrayList<>();
            files.add(new Message.Attachment(
                    Receipts.fileName(booking), "application/pdf", pdf.render(receipt, Mailroom.LOCALE)));
            // the invoices the receipt names (issued, not credit notes), as the client's own download
            for (Invoice invoice : invoices.mineOfBooking(booking.id(), asClient)) {
                if (!invoice.isCreditNote()) {
                    files.add(new Message.Attachment(
                            InvoicePdf.fileName(invoice), "application/pdf", pdf.render(invoice, Mailroom.LOCALE)));
                }
            }
            letters.toClient("payment.received:" + received.operationId(), "payment-received", booking, extra, files);
        });
    }
}
