package io.roomtone.availability.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.roomtone.availability.Slot;
import io.roomtone.availability.engine.StartBounds;
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
 * older answers unreachable) and the clock, through the instant until which each answer is exact
 * (a hold it counted expires, or lead time or horizon starts to cut the searched dates: see {@link
 * StartBounds#answerValidUntil}).
 *
 * <p>Many clients look at the same few days of a studio; between two bookings their searches are
 * the same computation. Bounded by the number of slots held, so a node's memory use is predictable.
 */
@Component
class SearchAnswers {

    /** What an answer depends on besides the studio's state and the clock. */
    record Question(
            LocalDate first, int days, int minutes, UUID serviceId, UUID roomId, String skill, boolean engineer) {}

    /** An answer's slots, exact for every instant from when it was computed until {@code validUntil}. */
    record Answer(List<Slot> slots, Instant validUntil) {

        /** Answers are shared by every request that asks the same question: never changed. */
        Answer {
            slots = List.copyOf(slots);
        }
    }

    private record Key(UUID studio, long catalogVersion, long occupancyVersion, Question question) {}

    private record Kept(Answer answer, Instant computedAt) {}

    /** Null when caching is off ({@code roomtone.availability.cached-slots} 0). */
    private final @Nullable Cache<Key, Kept> answers;

    SearchAnswers(@Value("${roomtone.availability.cached-slots}") long cachedSlots) {
        this.answers = cachedSlots <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(cachedSlots)
                        .<Key, Kept>weigher((key, kept) -> kept.answer().slots().size() + 1)
                        // what a write made unreachable goes soon, not only when space runs out
                        .expireAfterWrite(Duration.ofMinutes(10))
                        .build();
    }

    /**
     * The answer to {@code question} for the studio at {@code versions} as of {@code now}: reused
     * while it is exact, otherwise computed and kept.
     */
    List<Slot> answer(
            UUID studio, StudioVersions.Versions versions, Question question, Instant now, Supplier<Answer> compute) {
        if (answers == null) {
            return compute.get().slots();
        }
        Key key = new Key(studio, versions.catalog(), versions.occupancy(), question);
        Kept kept = answers.getIfPresent(key);
        if (kept != null
                && !now.isBefore(kept.computedAt())
                && now.isBefore(kept.answer().validUntil())) {
            return kept.answer().slots();
        }
        Answer fresh = compute.get();
        answers.put(key, new Kept(fresh, now));
        return fresh.slots();
    }
}
