package io.roomtone.availability.internal;

import io.roomtone.identity.Tenancy;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Drops the counters {@link StudioVersions} keeps when this node commits a write, without waiting
 * for its notification: a client who has just booked must not be offered the slot again. Any
 * read-write transaction of the studio counts; writes are rare next to searches.
 */
@Component
class LocalCommits implements TransactionExecutionListener {

    private final StudioVersions versions;

    LocalCommits(StudioVersions versions) {
        this.versions = versions;
    }

    @Override
    public void afterCommit(TransactionExecution transaction, @Nullable Throwable commitFailure) {
        if (!transaction.isReadOnly()) {
            // a request's transactions see one studio (row-level security); jobs may see several
            Tenancy.studioId().ifPresentOrElse(versions::drop, versions::dropAll);
        }
    }
}
