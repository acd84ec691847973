package io.roomtone.availability;

import io.roomtone.availability.internal.OccupancyAnnouncer;
import io.roomtone.availability.internal.RoomNotice;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.TimeRange;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the owner of the {@link Occupancy} table tells availability when it changes that table, so
 * that searches cached on every node learn of it, and so that the pages watching a room's day (the
 * live streams) are told.
 *
 * <p>The studio's occupancy version is moved <em>after</em> the change commits, by {@link
 * OccupancyAnnouncer} in batches, rather than by a trigger in the same transaction: a counter row
 * moved in every booking's transaction would be locked from the booking's insert until its commit,
 * and with the notification it sends (PostgreSQL serializes the commits of notifying transactions)
 * every booking of every studio would wait for the one before it. A booking never trusts the
 * version (it checks the database's occupancy), so only searches can see a change late: by the time
 * of one batch, as they could already between a commit and its notification. The rooms and times
 * that changed travel in the same batch, for the same reason.
 */
@Service
public class OccupancyChanges {

    private static final ThreadLocal<CompletableFuture<Void>> ANNOUNCED = new ThreadLocal<>();

    /** What one transaction changed: its studios, and the rooms and times it touched. */
    private static final class Pending {
        final Set<UUID> studios = new LinkedHashSet<>();
        final Set<RoomNotice> notices = new LinkedHashSet<>();
    }

    private final OccupancyAnnouncer announcer;

    OccupancyChanges(OccupancyAnnouncer announcer) {
        this.announcer = announcer;
    }

    /**
     * The current studio's occupancy changes in the current transaction: once it commits (never if
     * it rolls back), its version moves and the other nodes are told.
     */
    public void changedInThisTransaction() {
        pending().studios.add(Tenancy.currentStudioId());
    }

    /**
     * As {@link #changedInThisTransaction()}, naming where: the room {@code roomId} over {@code
     * range} (a booking's or hold's blocked range, or a session's when only its status changed).
     * Pages watching that room's days refresh once the transaction commits.
     *
     * @param staffToo whether staff were taken or freed too (other rooms' sessions may change)
     * @param heldUntil when a hold placed here lapses; null for anything but a new hold
     */
    public void roomChanged(UUID roomId, TimeRange range, boolean staffToo, @Nullable Instant heldUntil) {
        UUID studio = Tenancy.currentStudioId();
        RoomNotice notice = new RoomNotice(studio, roomId, range.start(), range.end(), staffToo, heldUntil);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // a statement outside a transaction has committed already: tell at once
            announcer.announce(List.of(studio), List.of(notice));
            return;
        }
        Pending pending = pending();
        pending.studios.add(studio);
        pending.notices.add(notice);
    }

    private Pending pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Occupancy changes only inside a transaction");
        }
        Pending changed = (Pending) TransactionSynchronizationManager.getResource(OccupancyChanges.class);
        if (changed == null) {
            Pending pending = new Pending();
            changed = pending;
            TransactionSynchronizationManager.bindResource(OccupancyChanges.class, pending);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    ANNOUNCED.set(announcer.announce(List.copyOf(pending.studios), List.copyOf(pending.notices)));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(OccupancyChanges.class);
                }
            });
        }
        return changed;
    }

    /**
     * Waits (briefly) until the changes this thread's last transaction committed are announced, so
     * that the caller's next search, on any node that has heard, sees them. Called once the
     * transaction's connection is back in the pool; a no-op when nothing changed.
     */
    public void awaitAnnounced() {
        CompletableFuture<Void> announced = ANNOUNCED.get();
        ANNOUNCED.remove();
        if (announced != null) {
            announcer.await(announced);
        }
    }
}
