package io.roomtone.identity.internal;

import io.roomtone.identity.Tenancy;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the running transaction to another studio and back. Only for the rare work that spans
 * studios in one transaction, such as creating a studio together with its owner.
 */
@Component
class TenantSwitch {

    private final JdbcClient jdbc;

    TenantSwitch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <T> T callAs(UUID studioId, Supplier<T> work) {
        String previous = Tenancy.studioId().map(UUID::toString).orElse("");
        set(studioId.toString());
        try {
            return Tenancy.callAs(studioId, work);
        } finally {
            set(previous);
        }
    }

    private void set(String studioId) {
        jdbc.sql("SELECT set_config('roomtone.studio_id', ?, true)")
                .param(studioId)
                .query((rs, row) -> 1)
                .single();
    }
}
