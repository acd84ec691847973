package io.roomtone.catalog;

import java.util.UUID;

/**
 * A room, service or staff member was deleted. Published inside the deleting transaction. Schedule
 * rules, closures and buffers about it need no listener: their foreign keys cascade.
 */
public record CatalogRemoved(Kind kind, UUID id) {

    public enum Kind {
        ROOM,
        SERVICE,
        STAFF
    }
}
