package io.roomtone.catalog.web;

import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * What the studio desk's navigation ({@code admin/nav.html}) asks of the catalog, as {@code
 * @deskNav}: an owner or admin who also works sessions (has a staff profile) gets a link to their
 * own page, {@code /staff}, which the layout offers only to the staff role.
 */
@Component("deskNav")
public class DeskNavigation {

    private final StaffMembers staff;

    DeskNavigation(StaffMembers staff) {
        this.staff = staff;
    }

    /** Whether {@code viewer} is an owner or admin with a staff profile in this studio. */
    public boolean showsOwnSessions(CurrentUser viewer) {
        return viewer != null
                && viewer.role() != null
                && viewer.role().isAdmin()
                && staff.ofUser(viewer.id()).isPresent();
    }
}
