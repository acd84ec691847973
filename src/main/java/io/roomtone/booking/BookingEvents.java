package io.roomtone.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The domain events of bookings, published with Spring Modulith's event publication registry in the
 * transaction of the change: listeners (notifications, calendars, payments) run after commit and
 * are retried until they succeed.
 */
public final class BookingEvents {

    private BookingEvents() {}

    /**
     * A client (or an admin on their behalf) asked for a session; it holds its slot from now on.
     *
     * @param price the price snapshot the booking was made at (its invoice is drafted from it in the
     *     same transaction, without reading the booking back)
     */
    public record BookingRequested(
            UUID studioId,
            UUID bookingId,
            String code,
            UUID clientId,
            UUID roomId,
            List<UUID> staffIds,
            Instant startAt,
            Instant endAt,
            BookingStatus status,
            Price price) {

        public long totalCents() {
            return price.totalCents();
        }

        public String currency() {
            return price.currency();
        }
    }

    public record BookingApproved(UUID studioId, UUID bookingId, String code, String message) {}

    public record BookingRejected(UUID studioId, UUID bookingId, String code, String reason) {}

    public record BookingCanceled(
            UUID studioId, UUID bookingId, String code, String reason, int refundPercent, long refundCents) {}

    public record BookingRescheduled(
            UUID studioId,
            UUID bookingId,
            String code,
            Instant previousStartAt,
            Instant previousEndAt,
            Instant startAt,
            Instant endAt,
            long feeCents,
            BookingStatus status) {}

    /**
     * The studio gave money back on a booking outside a cancellation (a goodwill or partial refund);
     * the refund itself is in payments, the credit it gives the client in invoicing.
     */
    public record BookingRefunded(
            UUID studioId, UUID bookingId, String code, long amountCents, String currency, String reason) {}

    /**
     * An automatic charge of the booking's balance (with the card saved at booking) was declined or
     * needs the client's authentication: the client is asked to pay {@code owedCents} on the
     * booking's page (the side-effects issue notifies them), or the studio records the payment.
     */
    public record PaymentActionNeeded(
            UUID studioId,
            UUID bookingId,
            String code,
            UUID clientId,
            long owedCents,
            String currency,
            String failure,
            Instant startAt) {}

    public record BookingCompleted(UUID studioId, UUID bookingId, String code) {}

    /** A request was not decided before its deadline; its slot is free again. */
    public record BookingExpired(UUID studioId, UUID bookingId, String code, UUID clientId, Instant decisionDueAt) {}

    /** The client did not come to a confirmed session. */
    public record BookingNoShow(UUID studioId, UUID bookingId, String code, UUID clientId) {}

    /** Other staff were put on a session; {@code previousStaffIds} were on it before. */
    public record StaffAssigned(
            UUID studioId, UUID bookingId, String code, List<UUID> staffIds, List<UUID> previousStaffIds) {}

    public record HoldPlaced(
            UUID studioId, UUID holdId, UUID userId, UUID roomId, Instant startAt, Instant endAt, Instant expiresAt) {}
}
