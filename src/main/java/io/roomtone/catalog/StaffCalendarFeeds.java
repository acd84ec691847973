package io.roomtone.catalog;

import io.roomtone.catalog.internal.StaffAccess;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Secrets;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tokens of staff members' calendar feeds, for the calendar module that serves the feeds: a
 * check of a token, and a new one for a staff member who asks for their own link. Only digests are
 * stored ({@code staff.ics_token_hash}), so a new token replaces the old one and the old link stops
 * working at once.
 */
@Service
public class StaffCalendarFeeds {

    private final JdbcClient jdbc;
    private final StaffAccess access;

    StaffCalendarFeeds(JdbcClient jdbc, StaffAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    /** Whether {@code token} is the current feed token of staff member {@code staffId}. */
    @Transactional(readOnly = true)
    public boolean opens(UUID staffId, String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return false;
        }
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM staff WHERE studio_id = ? AND id = ? AND ics_token_hash = ?)")
                .params(Tenancy.currentStudioId(), staffId, Secrets.sha256(token))
                .query(Boolean.class)
                .single();
    }

    /**
     * A new feed token for staff member {@code staffId} (the previous link stops working), as the
     * path of its feed with the token in it: shown once, never stored in the clear.
     */
    @Transactional
    public String rotate(UUID staffId) {
        return access.rotateIcsToken(staffId).icsUrl();
    }
}
