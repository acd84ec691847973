package io.roomtone.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the events whose listeners failed to them again, on whichever node runs first: Spring
 * Modulith marks a publication failed when its listener threw, and (through the staleness settings
 * in application.yml) when a node took too long or died with it. One node at a time resubmits,
 * under a transaction-scoped advisory lock; every listener is idempotent, so a publication that two
 * nodes nevertheless both deliver does its work once.
 */
@Component
class PublicationResubmission {

    private static final Logger log = LoggerFactory.getLogger(PublicationResubmission.class);
    /** An arbitrary key of the advisory lock, the same on every node. */
    private static final long LOCK = 0x526f6f6d746f6e65L;

    private final FailedEventPublications failed;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration minAge;
    private final Clock clock;

    PublicationResubmission(
            FailedEventPublications failed,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            @Value("${roomtone.events.resubmit-after:PT30S}") Duration minAge,
            Clock clock) {
        this.failed = failed;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.minAge = minAge;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${roomtone.events.resubmit-interval:PT30S}",
            initialDelayString = "${roomtone.events.resubmit-interval:PT30S}")
    void resubmitFailed() {
        transactions.executeWithoutResult(status -> {
            Boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
                    .param(LOCK)
                    .query(Boolean.class)
                    .single();
            if (Boolean.TRUE.equals(mine)) {
                Instant publishedBefore = clock.instant().minus(minAge);
                failed.resubmit(ResubmissionOptions.defaults()
                        .withMinAge(minAge)
                        .withBatchSize(100)
                        // Spring Modulith 2.1.1 reads "STATUS = 'FAILED' OR (...) AND PUBLICATION_DATE < ?",
                        // so failed publications of any age come back: the filter keeps the minimum age
                        .withFilter(
                                publication -> publication.getPublicationDate().isBefore(publishedBefore)));
            } else {
                log.debug("Another node is resubmitting failed event publications");
            }
        });
    }
}
