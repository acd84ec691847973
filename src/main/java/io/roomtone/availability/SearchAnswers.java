package io.roomtone.availability;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers to availability searches, reused while nothing they depend on can have changed: the
 * studio's catalog and occupancy versions (part of the key, so any write anywhere in the studio makes
 * older answers unreachable), the minute the search was made in (lead time and horizon are judged
 * per minute, see {@link StartBounds#forMinute}), and the first expiry of a hold the answer counted.
 *
 * <p>Many clients look at the same few days of a studio; between two bookings their searches are
 * the same computation. Bounded by the number of slots held, so a node's memory use is predictable.
 */
@Component
class SearchAnswers {

    /** What an answer depends on besides the studio's state and the clock. */
    record Question(
            LocalDate first, int days, int minutes, UUID serviceId, UUID roomId, String skill, boolean engineer) {}

    /**
     * An answer's slots and the first moment a hold it counted expires (which frees its range);
     * {@link Instant#MAX} when it counted none.
     */
    record Answer(List<Slot> slots, Instant validUntil) {}

    private record Key(
            UUID studio,
            long catalogVersion,
            long occupancyVersion,
            Question question,
            Instant minute,
            boolean exact) {}

    /** Null when caching is off ({@code roomtone.availability.cached-slots} 0). */
    private final @Nullable Cache<Key, Answer> answers;

    SearchAnswers(@Value("${roomtone.availability.cached-slots}") long cachedSlots) {
        this.answers = cachedSlots <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(cachedSlots)
                        .<Key, Answer>weigher((key, answer) -> answer.slots().size() + 1)
                        // keys name their minute: an entry is useless after it
                        .expireAfterWrite(Duration.ofMinutes(1))
                        .build();
    }

    /**
     * The answer to {@code question} for the studio at {@code versions} as of {@code now}: reused
     * when one was computed in the same minute and still holds, otherwise computed and kept.
     */
    List<Slot> answer(
            UUID studio, StudioVersions.Versions versions, Question question, Instant now, Supplier<Answer> compute) {
        if (answers == null) {
            return compute.get().slots();
        }
        Instant minute = StartBounds.minuteOf(now);
        Key key = new Key(studio, versions.catalog(), versions.occupancy(), question, minute, now.equals(minute));
        Answer cached = answers.getIfPresent(key);
        if (cached != null && now.isBefore(cached.validUntil())) {
            return cached.slots();
        }
        Answer fresh = compute.get();
        answers.put(key, fresh);
        return fresh.slots();
    }
}
