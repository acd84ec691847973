package io.roomtone.booking;

import io.roomtone.identity.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What every move of a booking leaves behind, in the transaction of the move: an audit entry and
 * its domain event (stored by Spring Modulith's event publication registry, delivered after
 * commit).
 */
@Component
class BookingJournal {

    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    BookingJournal(AuditTrail audit, ApplicationEventPublisher events) {
        this.audit = audit;
        this.events = events;
    }

    void record(String action, Booking before, Object after, Object event) {
        audit.record(action, "booking", after instanceof Booking b ? b.id() : before.id(), before, after);
        events.publishEvent(event);
    }

    /** An audit entry without an event of its own (it travels with another move's). */
    void note(String action, Booking booking, Object details) {
        audit.record(action, "booking", booking.id(), null, details);
    }
}
