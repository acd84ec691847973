package io.roomtone.invoicing;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.identity.Clients;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.UserAccount;
import io.roomtone.payments.PaymentOperation;
import io.roomtone.payments.PaymentOperation.Kind;
import io.roomtone.payments.PaymentOperation.Status;
import io.roomtone.payments.Payments;
import io.roomtone.shared.RoomtoneException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A booking's receipt: the money received for it and given back, with the studio's legal details
 * as they are today and the booking's issued invoices named, for its client and the studio's
 * admins. Only money that actually moved is on it (a card merely authorized, a refund still under
 * way or a declined one are not), so a receipt never confirms a payment that may not happen.
 */
@Service
public class Receipts {

    /**
     * What a receipt shows.
     *
     * @param dueCents the price with its fees
     * @param paidCents received minus given back
     * @param balanceCents what is still to pay (never below zero)
     */
    public record Receipt(
            Booking booking,
            String clientName,
            String clientContact,
            String sellerName,
            String sellerAddress,
            String sellerTaxId,
            String footer,
            List<String> invoiceNumbers,
            List<PaymentOperation> received,
            List<PaymentOperation> refunds,
            long dueCents,
            long paidCents,
            long balanceCents,
            Instant printedAt) {}

    private final BookingQueries bookings;
    private final Payments payments;
    private final Invoices invoices;
    private final InvoiceSettings settings;
    private final Clients clients;
    private final Clock clock;

    Receipts(
            BookingQueries bookings,
            Payments payments,
            Invoices invoices,
            InvoiceSettings settings,
            Clients clients,
            Clock clock) {
        this.bookings = bookings;
        this.payments = payments;
        this.invoices = invoices;
        this.settings = settings;
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * The receipt of {@code bookingId} for {@code viewer}: its client or one of the studio's admins
     * (anyone else, staff included, gets the same 404 as for a booking that does not exist). A
     * booking nothing was received for has no receipt yet (404, saying so).
     */
    @Transactional(readOnly = true)
    public Receipt of(UUID bookingId, CurrentUser viewer) {
        Booking booking = bookings.get(bookingId, viewer);
        if (!viewer.role().isAdmin() && !booking.clientId().equals(viewer.id())) {
            throw RoomtoneException.notFound("booking", bookingId);
        }
        List<PaymentOperation> operations = payments.operationsOf(bookingId);
        List<PaymentOperation> received = operations.stream()
                .filter(op -> op.kind().bringsMoneyIn() && op.status() == Status.SUCCEEDED)
                .toList();
        if (received.isEmpty()) {
            throw RoomtoneException.notFound("receipt (nothing received yet) of booking", bookingId);
        }
        List<PaymentOperation> refunds = operations.stream()
                .filter(op -> op.kind() == Kind.REFUND && op.status() == Status.SUCCEEDED)
                .toList();
        long paid = received.stream().mapToLong(PaymentOperation::amountCents).sum()
                - refunds.stream().mapToLong(PaymentOperation::amountCents).sum();
        long due = booking.totalCents() + booking.feesCents();
        UserAccount client = clients.accounts(List.of(booking.clientId())).get(booking.clientId());
        InvoiceSettings.Current current = settings.current();
        return new Receipt(
                booking,
                client == null ? "—" : client.name(),
                client == null ? null : client.email() != null ? client.email() : client.phone(),
                settings.sellerName(current),
                current.address(),
                current.taxId(),
                current.footer(),
                invoices.ofBooking(bookingId).stream()
                        .filter(i -> i.isIssued() && !i.isCreditNote())
                        .map(Invoice::number)
                        .toList(),
                received,
                refunds,
                due,
                paid,
                Math.max(0, due - paid),
                clock.instant());
    }

    /** The file name of a receipt's download. */
    public static String fileName(Booking booking) {
        return "receipt-" + booking.code().replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf";
    }
}
