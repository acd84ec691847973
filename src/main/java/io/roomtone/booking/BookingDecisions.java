package io.roomtone.booking;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The studio's decisions on a booking, and the ones time makes: approve or reject a request (or let
 * it expire at its deadline), mark a no-show, complete a session that is over. Each is one
 * {@link BookingMove}, in one transaction with the booking row locked, its audit entry and event.
 */
@Service
public class BookingDecisions {

    /** How many bookings one pass of a timeout job moves per studio; the next pass takes the rest. */
    static final int BATCH = 500;

    private final BookingAccess access;
    private final BookingStore store;
    private final SlotClaims claims;
    private final BookingJournal journal;
    private final BookingMoney money;

    BookingDecisions(
            BookingAccess access, BookingStore store, SlotClaims claims, BookingJournal journal, BookingMoney money) {
        this.access = access;
        this.store = store;
        this.claims = claims;
        this.journal = journal;
        this.money = money;
    }

    /** Confirms a request before its decision deadline (never once the session has started). */
    @Transactional
    public Booking approve(UUID id, String message, CurrentUser decider) {
        new Validation()
                .check(message == null || message.length() <= 2000, "message", "must be at most 2000 characters")
                .throwIfInvalid();
        Booking before = access.lock(id).booking();
        BookingMove.APPROVE.requireFrom(before);
        if (!access.now().isBefore(before.decisionDueAt())) {
            throw new RoomtoneException(
                    ProblemCode.INVALID_TRANSITION,
                    "Booking " + before.code() + " can no longer be approved: its decision deadline passed at "
                            + before.decisionDueAt() + ".");
        }
        store.approve(id, decider.id(), message);
        Booking after = reread(id);
        journal.record(
                "booking.approved",
                before,
                after,
                new BookingEvents.BookingApproved(Tenancy.currentStudioId(), id, after.code(), message));
        return after;
    }

    /** Refuses a request and frees its slot; the reason is required and told to the client. */
    @Transactional
    public Booking reject(UUID id, String reason, CurrentUser decider) {
        new Validation()
                .require(reason, "reason")
                .check(reason == null || reason.length() <= 2000, "reason", "must be at most 2000 characters")
                .throwIfInvalid();
        Booking before = access.lock(id).booking();
        BookingMove.REJECT.requireFrom(before);
        claims.release(id);
        store.reject(id, decider.id(), reason);
        money.returnAll(before, "Request rejected: " + reason, "reject");
        Booking after = reread(id);
        journal.record(
                "booking.rejected",
                before,
                after,
                new BookingEvents.BookingRejected(Tenancy.currentStudioId(), id, after.code(), reason));
        return after;
    }

    /**
     * Marks a confirmed session whose start has passed as a no-show, also after it was completed; it
     * frees what is left of its slot and stays in the client's history.
     */
    @Transactional
    public Booking markNoShow(UUID id) {
        Booking before = access.lock(id).booking();
        BookingMove.MARK_NO_SHOW.requireFrom(before);
        if (before.startAt().isAfter(access.now())) {
            throw new RoomtoneException(
                    ProblemCode.INVALID_TRANSITION,
                    "Booking " + before.code() + " has not started yet; cancel it instead.");
        }
        claims.release(id);
        store.markNoShow(id);
        Booking after = reread(id);
        journal.record(
                "booking.no_show",
                before,
                after,
                new BookingEvents.BookingNoShow(Tenancy.currentStudioId(), id, after.code(), after.clientId()));
        return after;
    }

    /** Requests whose decision deadline has passed expire and free their slots; returns how many. */
    @Transactional
    public int expireOverdue() {
        List<BookingStore.Snapshot> overdue = store.overdueRequestsForUpdate(access.now(), BATCH);
        for (BookingStore.Snapshot snapshot : overdue) {
            Booking before = snapshot.booking();
            claims.release(before.id());
            store.expire(before.id());
            money.returnAll(before, "Request expired without a decision", "expire");
            journal.record(
                    "booking.expired",
                    before,
                    Map.of("status", BookingStatus.EXPIRED.json()),
                    new BookingEvents.BookingExpired(
                            Tenancy.currentStudioId(),
                            before.id(),
                            before.code(),
                            before.clientId(),
                            before.decisionDueAt()));
        }
        return overdue.size();
    }

    /** Confirmed sessions whose end and tear-down have passed are completed and free their room. */
    @Transactional
    public int completeEnded() {
        List<BookingStore.Snapshot> ended = store.endedForUpdate(access.now(), BATCH);
        for (BookingStore.Snapshot snapshot : ended) {
            Booking before = snapshot.booking();
            claims.release(before.id());
            store.complete(before.id());
            journal.record(
                    "booking.completed",
                    before,
                    Map.of("status", BookingStatus.COMPLETED.json()),
                    new BookingEvents.BookingCompleted(Tenancy.currentStudioId(), before.id(), before.code()));
        }
        return ended.size();
    }

    private Booking reread(UUID id) {
        return store.find(id).orElseThrow().booking();
    }
}
