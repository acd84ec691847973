package io.roomtone.catalog;

import java.util.UUID;

/**
 * A room, service or staff member was deleted. Published inside the deleting transaction, so that
 * modules that keep rules about it (schedules, buffers) drop them in the same transaction.
 */
public record CatalogRemoved(Kind kind, UUID id) {

    public enum Kind {
        ROOM,
        SERVICE,
        STAFF
    }
}
