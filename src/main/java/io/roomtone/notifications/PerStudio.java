package io.roomtone.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a studio stored for itself (its own SMTP server, its own Twilio account), read from the
 * database at most once per {@link #CACHE_FOR} on each node: the dispatcher asks for every message,
 * and a change made on another node reaches this one within that time (as the Stripe keys do).
 */
final class PerStudio<T> {

    /** How long a node keeps a studio's settings before reading them again. */
    static final Duration CACHE_FOR = Duration.ofMinutes(1);

    private record Entry<T>(Optional<T> value, Instant readAt) {}

    private final Map<UUID, Entry<T>> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Function<UUID, Optional<T>> read;

    PerStudio(Clock clock, Function<UUID, Optional<T>> read) {
        this.clock = clock;
        this.read = read;
    }

    Optional<T> get(UUID studio) {
        Instant now = clock.instant();
        Entry<T> entry = entries.get(studio);
        if (entry == null || entry.readAt().plus(CACHE_FOR).isBefore(now)) {
            entry = new Entry<>(read.apply(studio), now);
            entries.put(studio, entry);
        }
        return entry.value();
    }

    /**
     * Reads the studio's settings again on the next use: this node is changing them. Forgotten now
     * and once more after the change commits, so that a read in between does not keep the old ones.
     */
    void forget(UUID studio) {
        entries.remove(studio);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    entries.remove(studio);
                }
            });
        }
    }
}
