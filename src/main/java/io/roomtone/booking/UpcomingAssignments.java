package io.roomtone.booking;

import io.roomtone.catalog.StaffAssignments;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the catalog which upcoming sessions a staff member works, so they are not removed from under them. */
@Component
class UpcomingAssignments implements StaffAssignments {

    private final BookingStore store;
    private final Clock clock;

    UpcomingAssignments(BookingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Assignment> upcomingFor(UUID staffId) {
        // "upcoming" by the application clock, as everywhere else in booking
        return store.upcomingFor(staffId, clock.instant());
    }
}
