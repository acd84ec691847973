package io.roomtone.availability;

import io.roomtone.availability.internal.SessionChecks;
import io.roomtone.availability.internal.SlotSearches;
import io.roomtone.availability.internal.WorkingTimesReader;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The studio's availability: what other modules ask. It combines the cached catalog (rooms,
 * services, staff, rules, closures, buffers, settings) with the current {@link Occupancy} and asks
 * the pure slot engine ({@code availability.engine}); the caches live in {@code availability.internal}.
 */
@Service
public class Availability {

    private final SlotSearches searches;
    private final SessionChecks checks;
    private final WorkingTimesReader workingTimes;

    Availability(SlotSearches searches, SessionChecks checks, WorkingTimesReader workingTimes) {
        this.searches = searches;
        this.checks = checks;
        this.workingTimes = workingTimes;
    }

    /**
     * One page of the free slots of {@code query}: at most {@code roomtone.availability.slots-per-answer}
     * of them, with a cursor for the rest. Runs without a transaction: a repeated question is
     * answered from memory while the answer is still exact. Bad input is a {@code validation_failed}
     * naming the field; too many uncached searches from one anonymous address a {@code rate_limited}.
     */
    public SlotPage search(SlotQuery query) {
        return searches.search(query);
    }

    /**
     * The studio's services and settings as the database has them now (one query when the snapshot
     * is already in memory): what a booking's basket, check and price are all read from.
     */
    @Transactional(readOnly = true)
    public StudioCatalog catalog() {
        return checks.catalog();
    }

    /**
     * Whether {@code request} can be booked against {@code catalog}, which this module handed out in
     * the same transaction (opening hours, lead time, horizon, tags, skills, overlaps).
     */
    @Transactional(readOnly = true)
    public Verdict check(SessionRequest request, StudioCatalog catalog) {
        return checks.check(request, catalog);
    }

    /**
     * When each room and active staff member is open and closed from {@code from} until {@code to}, by the
     * same rules a search and a check apply, from {@code catalog} (handed out by {@link #catalog()}):
     * what the studio's board shades.
     */
    public WorkingTimes workingTimes(StudioCatalog catalog, Instant from, Instant to) {
        return workingTimes.read(catalog, from, to);
    }
}
