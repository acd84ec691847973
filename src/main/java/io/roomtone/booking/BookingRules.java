package io.roomtone.booking;

import io.roomtone.catalog.Service;
import io.roomtone.identity.Accounts;
import io.roomtone.identity.Role;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may be booked, and the caps on how much: a client of the studio, a service's daily limit,
 * a client's pending requests. A count followed by an insert would let concurrent requests past a
 * cap, so each count runs under a transaction-scoped advisory lock on what it counts (a service's
 * day, a client): the second of two concurrent requests counts after the first has committed or
 * rolled back.
 */
@Component
class BookingRules {

    private final JdbcClient jdbc;
    private final BookingStore store;
    private final Accounts accounts;

    BookingRules(JdbcClient jdbc, BookingStore store, Accounts accounts) {
        this.jdbc = jdbc;
        this.store = store;
        this.accounts = accounts;
    }

    /**
     * The studio books on behalf of its clients only: a booking's client is who is charged, notified
     * and may cancel, so staff and admin accounts are refused rather than silently made clients.
     */
    UUID requireClient(UUID clientId) {
        return accounts.find(clientId)
                .filter(account -> account.role() == Role.CLIENT)
                .map(UserAccount::id)
                .orElseThrow(() -> RoomtoneException.invalid("client_id", "is not a client of this studio"));
    }

    /**
     * A service's {@code max_per_day}, counted on the studio's local day among bookings that hold
     * their slot; {@code moving} is a booking not to count (the one being rescheduled).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void enforceDailyLimit(Service service, Instant start, ZoneId zone, UUID moving) {
        Integer max = service.maxPerDay();
        if (max == null) {
            return;
        }
        LocalDate day = start.atZone(zone).toLocalDate();
        lock("service-day", service.id() + ":" + day);
        long booked = store.startingBetween(
                service.id(),
                day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant(),
                moving);
        if (booked >= max) {
            throw new RoomtoneException(
                    ProblemCode.SLOT_UNAVAILABLE,
                    service.name() + " is fully booked on " + day + " (at most " + max + " a day).");
        }
    }

    /** At most {@code max} unpaid requests of one client awaiting approval at once. */
    @Transactional(propagation = Propagation.MANDATORY)
    void enforcePendingCap(UUID clientId, int max) {
        lockClient(clientId);
        long pending = store.pendingOf(clientId);
        if (pending >= max) {
            throw new RoomtoneException(
                    ProblemCode.CONFLICT,
                    "You already have " + pending + " requests awaiting the studio's answer (at most " + max
                            + "); wait for an answer or cancel one first.");
        }
    }

    /**
     * Serializes what one client does that counts against a cap (holds, pending requests) until the
     * transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockClient(UUID clientId) {
        lock("client", clientId.toString());
    }

    private void lock(String scope, String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", Tenancy.currentStudioId() + ":" + scope + ":" + key)
                .query((rs, row) -> 1)
                .single();
    }
}
