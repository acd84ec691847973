package io.roomtone.identity.internal;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Serializes "create the first owner if there is none" across transactions and nodes, so that two
 * simultaneous first starts or setup submissions cannot both create one.
 */
final class OwnerLock {

    private OwnerLock() {}

    static void acquire(JdbcClient jdbc, UUID studioId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('roomtone.first-owner:' || ?, 0))")
                .param(studioId.toString())
                .query((rs, row) -> 1)
                .single();
    }
}
