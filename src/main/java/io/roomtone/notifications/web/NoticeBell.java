package io.roomtone.notifications.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.notifications.Notices;
import org.springframework.stereotype.Component;

/** What the layout's bell asks, as {@code @noticeBell}: the signed-in person's unread notices. */
@Component("noticeBell")
public class NoticeBell {

    private final Notices notices;

    NoticeBell(Notices notices) {
        this.notices = notices;
    }

    /** Whether {@code viewer} gets notices at all (the studio's people, not its clients). */
    public boolean rings(CurrentUser viewer) {
        return viewer != null && viewer.role() != null && viewer.role() != Role.CLIENT && viewer.studioId() != null;
    }

    public long unread(CurrentUser viewer) {
        return rings(viewer) ? notices.unread(viewer) : 0;
    }
}
