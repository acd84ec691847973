package io.roomtone.booking;

import io.roomtone.availability.Availability;
import io.roomtone.availability.SessionRequest;
import io.roomtone.availability.StudioCatalog;
import io.roomtone.availability.Verdict;
import io.roomtone.shared.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one way a session takes its slot, for bookings, holds, reschedules and staff changes alike:
 * the engine checks the session, its range is widened by the buffers the engine chose, and the
 * occupancy table takes it (where the exclusion constraint has the last word).
 */
@Component
class SlotClaims {

    /**
     * A session the engine accepted.
     *
     * @param staffIds the staff it takes (the ones asked for, or the engineer the engine chose)
     * @param blocked the session widened by its buffers: what it keeps others from
     */
    record Claim(UUID roomId, List<UUID> staffIds, Duration bufferBefore, Duration bufferAfter, TimeRange blocked) {}

    private final Availability availability;
    private final OccupancyTable occupancy;

    SlotClaims(Availability availability, OccupancyTable occupancy) {
        this.availability = availability;
        this.occupancy = occupancy;
    }

    /**
     * The studio's services and settings as of now, read once per request: the claim is checked,
     * and the booking priced and governed, against this one version.
     */
    StudioCatalog catalog() {
        return availability.catalog();
    }

    /**
     * The engine's verdict on {@code request} against {@code catalog} (from {@link #catalog()}); a
     * refusal is a 409 {@code slot_unavailable} or a 400.
     */
    Claim check(SessionRequest request, StudioCatalog catalog) {
        Verdict.Bookable bookable = Verdicts.require(availability.check(request, catalog));
        return new Claim(
                request.roomId(),
                bookable.staffIds(),
                bookable.bufferBefore(),
                bookable.bufferAfter(),
                new TimeRange(request.start(), request.end()).widen(bookable.bufferBefore(), bookable.bufferAfter()));
    }

    /** Takes the claim for a new booking; {@code convertedHold} (or null) gives its range up in the same step. */
    void takeForBooking(Claim claim, UUID bookingId, UUID convertedHold) {
        occupancy.take(claim.roomId(), claim.staffIds(), claim.blocked(), bookingId, null, null, convertedHold);
    }

    /** Moves an existing booking's occupancy to the claim: its old range is released in the same step. */
    void retakeForBooking(Claim claim, UUID bookingId) {
        occupancy.take(claim.roomId(), claim.staffIds(), claim.blocked(), bookingId, null, null, bookingId);
    }

    void takeForHold(Claim claim, UUID holdId, Instant expiresAt) {
        occupancy.take(claim.roomId(), claim.staffIds(), claim.blocked(), null, holdId, expiresAt, null);
    }

    /** The booking stops holding its slot. */
    void release(UUID bookingId) {
        occupancy.releaseBooking(bookingId);
    }
}
