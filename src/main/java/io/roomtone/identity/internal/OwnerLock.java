package io.roomtone.identity.internal;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Serializes every change of a studio's owners across transactions and nodes ("create the first owner
 * if there is none", demoting or removing one but never the last), so that two
 * simultaneous first starts or setup submissions cannot both create one.
 */
public final class OwnerLock {

    private OwnerLock() {}

    public static void acquire(JdbcClient jdbc, UUID studioId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('roomtone.first-owner:' || ?, 0))")
                .param(studioId.toString())
                .query((rs, row) -> 1)
                .single();
    }
}
