package io.roomtone.availability.internal;

import io.roomtone.availability.StudioCatalog;
import io.roomtone.availability.WorkingTimes;
import io.roomtone.catalog.StaffMember;
import io.roomtone.scheduling.TargetType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link io.roomtone.availability.Availability#workingTimes}: from the catalog snapshot, no query. */
@Component
public class WorkingTimesReader {

    public WorkingTimes read(StudioCatalog studioCatalog, Instant from, Instant to) {
        if (!(studioCatalog instanceof CatalogSnapshot catalog)) {
            throw new IllegalArgumentException("Working times are read only from a catalog this module handed out");
        }
        io.roomtone.availability.engine.WorkingTimes.Calculator calculator =
                io.roomtone.availability.engine.WorkingTimes.within(
                        catalog.hoursOf(TargetType.STUDIO, null),
                        catalog.closuresOf(TargetType.STUDIO, null),
                        from,
                        to);
        Map<UUID, WorkingTimes.Times> rooms = new HashMap<>();
        for (UUID room : catalog.rooms().keySet()) {
            var times =
                    calculator.room(catalog.hoursOf(TargetType.ROOM, room), catalog.closuresOf(TargetType.ROOM, room));
            rooms.put(room, new WorkingTimes.Times(times.open(), times.closed()));
        }
        Map<UUID, WorkingTimes.Times> staff = new HashMap<>();
        for (StaffMember member : catalog.activeStaff()) {
            var times = calculator.staff(
                    catalog.hoursOf(TargetType.STAFF, member.id()), catalog.closuresOf(TargetType.STAFF, member.id()));
            staff.put(member.id(), new WorkingTimes.Times(times.open(), times.closed()));
        }
        return new WorkingTimes(Map.copyOf(rooms), Map.copyOf(staff));
    }
}
