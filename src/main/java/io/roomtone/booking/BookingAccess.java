package io.roomtone.booking;

import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who may see and change a booking. Admins see and change everything; a client their own
 * bookings, and changes them only before they start; staff see the sessions they work.
 */
@Component
class BookingAccess {

    /** A booking locked for a change by {@code caller}, and the instant the change is judged at. */
    record Changing(BookingStore.Snapshot snapshot, CurrentUser caller, Instant now) {

        Booking booking() {
            return snapshot.booking();
        }

        boolean byStudio() {
            return caller.role().isAdmin();
        }
    }

    private final BookingStore store;
    private final StaffMembers staff;
    private final Clock clock;

    BookingAccess(BookingStore store, StaffMembers staff, Clock clock) {
        this.store = store;
        this.staff = staff;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    boolean canSee(Booking booking, CurrentUser viewer) {
        return viewer.role().isAdmin()
                || booking.clientId().equals(viewer.id())
                || (viewer.role() == Role.STAFF
                        && staff.ofUser(viewer.id())
                                .map(m -> booking.staffIds().contains(m.id()))
                                .orElse(false));
    }

    /** The booking, locked, for the studio's own moves (decisions, staff); 404 if there is none. */
    BookingStore.Snapshot lock(UUID id) {
        return store.findForUpdate(id).orElseThrow(() -> RoomtoneException.notFound("booking", id));
    }

    /** The booking, locked, if {@code caller} may change it (its client or an admin); 404 otherwise. */
    Changing lockForChange(UUID id, CurrentUser caller) {
        return changing(lock(id), caller);
    }

    /**
     * The booking, unlocked, if {@code caller} may change it: for showing what a change would do
     * before it is made, judged by the same rules as {@link #lockForChange}.
     */
    Changing readForChange(UUID id, CurrentUser caller) {
        return changing(store.find(id).orElseThrow(() -> RoomtoneException.notFound("booking", id)), caller);
    }

    /** Whether {@code caller} may still change {@code booking} at {@code now} (before the start, unless an admin). */
    static boolean stillChangeable(Booking booking, CurrentUser caller, Instant now) {
        return caller.role().isAdmin() || booking.startAt().isAfter(now);
    }

    private Changing changing(BookingStore.Snapshot snapshot, CurrentUser caller) {
        Booking booking = snapshot.booking();
        UUID id = booking.id();
        Instant now = clock.instant();
        if (!caller.role().isAdmin() && !booking.clientId().equals(caller.id())) {
            if (canSee(booking, caller)) {
                throw new RoomtoneException(
                        ProblemCode.FORBIDDEN, "Only the client or the studio can change this booking.");
            }
            throw RoomtoneException.notFound("booking", id);
        }
        if (!stillChangeable(booking, caller, now)) {
            throw new RoomtoneException(
                    ProblemCode.INVALID_TRANSITION, "The session has already started; ask the studio to change it.");
        }
        return new Changing(snapshot, caller, now);
    }
}
