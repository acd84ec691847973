package io.roomtone.identity;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The studio the current thread works for. Every transaction copies it into the PostgreSQL setting
 * {@code roomtone.studio_id}, on which the row-level security policies filter; a thread without a
 * studio sees no studio-owned rows at all.
 */
public final class Tenancy {

    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    private Tenancy() {}

    public static Optional<UUID> studioId() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The current studio; a programming error when there is none. */
    public static UUID currentStudioId() {
        UUID id = CURRENT.get();
        if (id == null) {
            throw new IllegalStateException("No studio is bound to this thread");
        }
        return id;
    }

    /**
     * Runs {@code work} for {@code studioId}, restoring whatever was bound before. A transaction
     * already running on this thread follows: it works for {@code studioId} meanwhile.
     */
    public static <T> T callAs(UUID studioId, Supplier<T> work) {
        UUID previous = CURRENT.get();
        CURRENT.set(studioId);
        boolean switched = !studioId.equals(previous) && TransactionSynchronizationManager.isActualTransactionActive();
        try {
            if (switched) {
                setInRunningTransaction(studioId);
            }
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
            if (switched) {
                switchBack(previous);
            }
        }
    }

    private static void switchBack(UUID previous) {
        try {
            setInRunningTransaction(previous);
        } catch (RuntimeException e) {
            // a transaction that failed inside the work takes no more statements; it rolls back,
            // and its setting with it: the work's own exception is the one to see
        }
    }

    /**
     * Copies {@code studio} (or none) into the transaction running on this thread, as the
     * transaction manager does when one begins. Without this, work that names its studio after its
     * transaction began — an event listener's transaction opens before the listener reads the
     * studio from its event — would run under the studio of the moment the transaction began.
     */
    private static void setInRunningTransaction(UUID studio) {
        for (Object resource :
                TransactionSynchronizationManager.getResourceMap().values()) {
            if (resource instanceof ConnectionHolder holder && holder.isSynchronizedWithTransaction()) {
                try (PreparedStatement statement =
                        holder.getConnection().prepareStatement("SELECT set_config('roomtone.studio_id', ?, true)")) {
                    statement.setString(1, studio == null ? "" : studio.toString());
                    statement.execute();
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not move the running transaction to studio " + studio, e);
                }
            }
        }
    }

    public static void runAs(UUID studioId, Runnable work) {
        callAs(studioId, () -> {
            work.run();
            return null;
        });
    }

    /** Binds the studio of an HTTP request; the request filter clears it when the request ends. */
    public static void bind(UUID studioId) {
        CURRENT.set(studioId);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
