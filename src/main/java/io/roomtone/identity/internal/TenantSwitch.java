package io.roomtone.identity.internal;

import io.roomtone.identity.Tenancy;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the running transaction to another studio and back. Only for the rare work that spans
 * studios in one transaction, such as creating a studio together with its owner.
 */
@Component
class TenantSwitch {

    @Transactional(propagation = Propagation.MANDATORY)
    public <T> T callAs(UUID studioId, Supplier<T> work) {
        // Tenancy moves the running transaction to the studio and back
        return Tenancy.callAs(studioId, work);
    }
}
