package io.roomtone.identity;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

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

    /** Runs {@code work} for {@code studioId}, restoring whatever was bound before. */
    public static <T> T callAs(UUID studioId, Supplier<T> work) {
        UUID previous = CURRENT.get();
        CURRENT.set(studioId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
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
