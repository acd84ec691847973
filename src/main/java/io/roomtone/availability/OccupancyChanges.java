package io.roomtone.availability;

import io.roomtone.availability.internal.OccupancyAnnouncer;
import io.roomtone.identity.Tenancy;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the owner of the {@link Occupancy} table tells availability when it changes that table, so
 * that searches cached on every node learn of it.
 *
 * <p>The studio's occupancy version is moved <em>after</em> the change commits, by {@link
 * OccupancyAnnouncer} in batches, rather than by a trigger in the same transaction: a counter row
 * moved in every booking's transaction would be locked from the booking's insert until its commit,
 * and with the notification it sends (PostgreSQL serializes the commits of notifying transactions)
 * every booking of every studio would wait for the one before it. A booking never trusts the
 * version (it checks the database's occupancy), so only searches can see a change late: by the time
 * of one batch, as they could already between a commit and its notification.
 */
@Service
public class OccupancyChanges {

    private static final ThreadLocal<CompletableFuture<Void>> ANNOUNCED = new ThreadLocal<>();

    private final OccupancyAnnouncer announcer;

    OccupancyChanges(OccupancyAnnouncer announcer) {
        this.announcer = announcer;
    }

    /**
     * The current studio's occupancy changes in the current transaction: once it commits (never if
     * it rolls back), its version moves and the other nodes are told.
     */
    public void changedInThisTransaction() {
        UUID studio = Tenancy.currentStudioId();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Occupancy changes only inside a transaction");
        }
        @SuppressWarnings("unchecked")
        Set<UUID> changed = (Set<UUID>) TransactionSynchronizationManager.getResource(OccupancyChanges.class);
        if (changed == null) {
            Set<UUID> studios = new HashSet<>();
            changed = studios;
            TransactionSynchronizationManager.bindResource(OccupancyChanges.class, studios);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    ANNOUNCED.set(CompletableFuture.allOf(
                            studios.stream().map(announcer::announce).toArray(CompletableFuture[]::new)));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(OccupancyChanges.class);
                }
            });
        }
        changed.add(studio);
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
