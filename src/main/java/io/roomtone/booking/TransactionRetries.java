package io.roomtone.booking;

import io.roomtone.availability.OccupancyChanges;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a change that takes slots in a transaction of its own, and runs it again when PostgreSQL
 * aborted it for a deadlock ({@code 40P01}) or a serialization failure ({@code 40001}): neither
 * says the slot is taken, only that two transactions met. The next attempt sees what the other
 * committed and either succeeds or meets the real conflict ({@code 23P01}, a 409). Attempts are
 * spaced with jitter so that the two do not meet again in step.
 */
@Component
class TransactionRetries {

    private static final Logger log = LoggerFactory.getLogger(TransactionRetries.class);
    static final int MAX_RETRIES = 4;

    private final TransactionTemplate transactions;
    private final RetryTemplate retries;
    private final OccupancyChanges occupancy;

    TransactionRetries(PlatformTransactionManager transactionManager, OccupancyChanges occupancy) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.occupancy = occupancy;
        this.retries = new RetryTemplate(RetryPolicy.builder()
                .includes(ConcurrencyFailureException.class)
                .maxRetries(MAX_RETRIES)
                .delay(Duration.ofMillis(10))
                .jitter(Duration.ofMillis(10))
                .multiplier(2)
                .maxDelay(Duration.ofMillis(200))
                .build());
    }

    /**
     * {@code work} in a new transaction, retried as above. Inside a transaction that is already open
     * it just runs: only whoever opened it can start it again.
     */
    <T> T inTransaction(String name, Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        try {
            T result = retries.execute(new Retryable<T>() {
                @Override
                public T execute() {
                    return transactions.execute(status -> work.get());
                }

                @Override
                public String getName() {
                    return name;
                }
            });
            // the slot it took or freed shows in the caller's next search here, and on other nodes once they hear
            occupancy.awaitAnnounced();
            return result;
        } catch (RetryException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException failure && !(failure instanceof ConcurrencyFailureException)) {
                throw failure;
            }
            log.warn("{} still met concurrent transactions after {} retries", name, MAX_RETRIES);
            throw new RoomtoneException(
                    ProblemCode.CONFLICT, "The studio's calendar is busy right now; please try again.");
        }
    }
}
