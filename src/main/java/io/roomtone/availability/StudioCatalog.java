package io.roomtone.availability;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.Service;
import io.roomtone.scheduling.StudioSettings;
import java.util.Optional;
import java.util.UUID;

/**
 * The studio's services and settings as of one {@code catalog_version}, from the snapshot the slot
 * engine works on: a booking reads them once ({@link Availability#catalog()}), builds its basket,
 * is checked ({@link Availability#check}) and priced against the same version, with no further
 * query.
 */
public interface StudioCatalog {

    StudioSettings settings();

    /** The service with {@code id}, active or not; empty when the studio has none. */
    Optional<Service> service(UUID id);

    /** The room with {@code id}, active or not; empty when the studio has none. */
    Optional<Room> room(UUID id);
}
