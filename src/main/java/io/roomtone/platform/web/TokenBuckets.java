package io.roomtone.platform.web;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets in the {@code rate_limit_bucket} table (Bucket4j), so that every node counts the
 * same requests. Each take is one short transaction that locks the bucket's row ({@code SELECT ...
 * FOR UPDATE}), on the application's pool and outside any request transaction.
 */
@Component
@ConditionalOnBooleanProperty(name = "roomtone.rate-limits.enabled", matchIfMissing = true)
class TokenBuckets {

    private static final Logger log = LoggerFactory.getLogger(TokenBuckets.class);
    private static final int CLEANUP_BATCH = 1_000;
    // a full bucket is no different from an absent one; the margin absorbs clock skew between nodes
    private static final Duration KEEP_WHEN_FULL = Duration.ofMinutes(5);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    TokenBuckets(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_WHEN_FULL))
                .build();
    }

    /** Takes a token from the bucket {@code key}; when it is empty, how long until the next one. */
    Optional<Duration> take(String key, RateLimitProperties.Limit limit) {
        ConsumptionProbe probe = buckets.builder().build(key, limit::bucket).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Gives back a token taken from {@code key} (never beyond the bucket's capacity). */
    void giveBack(String key, RateLimitProperties.Limit limit) {
        buckets.builder().build(key, limit::bucket).addTokens(1);
    }

    /**
     * Deletes buckets that have been full again for a while. Safe on several nodes at once: each
     * batch skips rows another node (or a request) has locked.
     */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT3M")
    void forgetFullBuckets() {
        int removed = 0;
        int batch;
        do {
            batch = buckets.removeExpired(CLEANUP_BATCH);
            removed += batch;
        } while (batch == CLEANUP_BATCH && removed < 100 * CLEANUP_BATCH);
        if (removed > 0) {
            log.debug("Removed {} full rate-limit buckets", removed);
        }
    }
}
