package io.roomtone.scheduling;

import io.roomtone.catalog.CatalogRemoved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes the schedule rules, closures and buffers of a room, service or staff member as it is
 * deleted. Synchronous on purpose: it runs inside the catalog's delete transaction, so the rules
 * never outlive their target and a failure here rolls the delete back.
 */
@Component
class TargetCleanup {

    private final ScheduleRules rules;
    private final Closures closures;
    private final BufferRules buffers;

    TargetCleanup(ScheduleRules rules, Closures closures, BufferRules buffers) {
        this.rules = rules;
        this.closures = closures;
        this.buffers = buffers;
    }

    @EventListener
    @Transactional
    void on(CatalogRemoved removed) {
        TargetType.of(removed.kind()).ifPresent(type -> {
            rules.removeTarget(type, removed.id());
            closures.removeTarget(type, removed.id());
        });
        buffers.removeTarget(BufferScope.of(removed.kind()), removed.id());
    }
}
