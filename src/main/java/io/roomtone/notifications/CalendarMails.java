package io.roomtone.notifications;

import io.roomtone.calendarsync.CalendarSyncEvents.ConnectionBroken;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Tenancy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A staff member's calendar that stopped accepting their sessions (a revoked or expired grant): the
 * staff member is asked to connect it again, the studio's owners and admins are told, and all of
 * them get an in-app notice. Keyed on the staff member, the provider and the hour.
 */
@Component
class CalendarMails {

    private final StaffMembers staff;
    private final Letters letters;
    private final Clock clock;

    CalendarMails(StaffMembers staff, Letters letters, Clock clock) {
        this.staff = staff;
        this.letters = letters;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ConnectionBroken broken) {
        Tenancy.runAs(broken.studioId(), () -> staff.find(broken.staffId()).ifPresent(member -> told(member, broken)));
    }

    private void told(StaffMember member, ConnectionBroken broken) {
        String key = "calendar.broken:" + member.id() + ":" + broken.provider().json() + ":"
                + clock.instant().getEpochSecond() / 3600;
        Map<String, Object> facts =
                Map.of("provider", broken.provider().label(), "staffName", member.name(), "reason", broken.reason());
        letters.toPerson(key, "staff-calendar-broken", member.email(), facts, "/staff/calendars");
        letters.toDesk(key, "studio-sync-failed", facts, "/admin/calendars");
        List<UUID> extra = new ArrayList<>();
        if (member.userId() != null) {
            extra.add(member.userId());
        }
        letters.noticeOf(
                key,
                "calendar.sync-failed",
                "notice.sync-failed",
                member.name(),
                broken.reason(),
                "/staff/calendars",
                extra);
    }
}
