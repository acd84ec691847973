package io.roomtone.scheduling.web;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.scheduling.TargetType;
import io.roomtone.shared.RoomtoneException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Whose hours the schedule page shows: the studio, one of its rooms or one of its staff members,
 * named as {@code ?target=room&id=…}. The page's chooser sends both in one select value
 * ({@code target=room:…}), so that it works as a plain GET form.
 */
record ScheduleTarget(TargetType type, UUID id, String name) {

    static final ScheduleTarget STUDIO = new ScheduleTarget(TargetType.STUDIO, null, null);

    /** The chooser's value: {@code studio}, {@code room:<id>} or {@code staff:<id>}. */
    public String key() {
        return id == null ? type.json() : type.json() + ":" + id;
    }

    /** The page of this target, with {@code done} saying what just happened (or null). */
    public String url(String done) {
        UriComponentsBuilder url =
                UriComponentsBuilder.fromPath("/admin/schedule").queryParam("target", type.json());
        if (id != null) {
            url.queryParam("id", id);
        }
        if (done != null) {
            url.queryParam("done", done);
        }
        return url.build().toUriString();
    }

    public boolean isStudio() {
        return type == TargetType.STUDIO;
    }

    /** Reads and resolves targets against this studio's rooms and staff. */
    @Component
    static class Resolver {

        /** One option of the chooser. */
        record Option(String key, String label, String group) {}

        private final Rooms rooms;
        private final StaffMembers staff;

        Resolver(Rooms rooms, StaffMembers staff) {
            this.rooms = rooms;
            this.staff = staff;
        }

        /**
         * The target named by the query: nothing is the studio; an unknown kind or a malformed id is a
         * 400, an id that is not one of this studio's rooms or staff members a 404.
         */
        ScheduleTarget resolve(String target, String id) {
            String kind = target == null ? null : target.strip();
            String given = id == null || id.isBlank() ? null : id.strip();
            if (kind != null && kind.contains(":")) {
                given = kind.substring(kind.indexOf(':') + 1);
                kind = kind.substring(0, kind.indexOf(':'));
            }
            TargetType type = TargetType.parse(kind, "target");
            if (type == null || type == TargetType.STUDIO) {
                return STUDIO;
            }
            if (given == null) {
                throw RoomtoneException.invalid("id", "is required: which " + type.json() + "?");
            }
            UUID uuid = uuid(given, "id");
            return switch (type) {
                case ROOM ->
                    rooms.find(uuid)
                            .map(r -> new ScheduleTarget(type, r.id(), r.name()))
                            .orElseThrow(() -> RoomtoneException.notFound("room", uuid));
                case STAFF ->
                    staff.find(uuid)
                            .map(s -> new ScheduleTarget(type, s.id(), s.name()))
                            .orElseThrow(() -> RoomtoneException.notFound("staff member", uuid));
                case STUDIO -> STUDIO;
            };
        }

        /** The target a stored rule or closure belongs to (its room or staff member may be gone: then the studio). */
        ScheduleTarget of(TargetType type, UUID id) {
            try {
                return resolve(type.json(), id == null ? null : id.toString());
            } catch (RoomtoneException e) {
                return STUDIO;
            }
        }

        /** The target named by a form's hidden fields, or the studio when they name none that exists. */
        ScheduleTarget orStudio(String target, String id) {
            try {
                return resolve(target, id);
            } catch (RoomtoneException e) {
                return STUDIO;
            }
        }

        List<Option> options() {
            List<Option> options = new ArrayList<>();
            options.add(new Option("studio", null, "studio"));
            for (Room room : rooms.list(false)) {
                options.add(new Option("room:" + room.id(), room.name(), "room"));
            }
            for (StaffMember member : staff.list(false)) {
                options.add(new Option("staff:" + member.id(), member.name(), "staff"));
            }
            return options;
        }
    }

    static UUID uuid(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw RoomtoneException.invalid(field, "must be an id (a UUID)");
        }
    }
}
