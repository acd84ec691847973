package io.roomtone.catalog.internal;

import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Accounts;
import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Team;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Secrets;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff members get from the studio to get in: sign-in invitations (by mail) and calendar feed
 * tokens. Only the studio's staff administration pages hand them out, so this is not part of the
 * catalog's API.
 */
@Service
public class StaffAccess {

    private final JdbcClient jdbc;
    private final StaffMembers staff;
    private final Accounts accounts;
    private final Team team;
    private final AuditTrail audit;

    StaffAccess(JdbcClient jdbc, StaffMembers staff, Accounts accounts, Team team, AuditTrail audit) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.accounts = accounts;
        this.team = team;
        this.audit = audit;
    }

    /**
     * Mails the staff member an invitation to set their password with, the team's invitation mail
     * ({@link Team#mailInvitation}): its link replaces any earlier one, and asking again while the last
     * mail is minutes old is answered by that mail. Refused for an owner or admin, and for any account
     * that already has a password, since accepting it replaces the account's password.
     */
    @Transactional
    public Team.InvitationMailed invite(UUID staffId) {
        StaffMember member = staff.get(staffId);
        StaffAccountRules.requireManageable(accounts.find(member.userId()).orElseThrow(), "password");
        StaffAccountRules.requirePasswordless(member.canSignIn());
        Team.InvitationMailed invitation = team.mailInvitation(member.userId());
        audit.record("staff.invited", "staff", staffId, null, null);
        return invitation;
    }

    /**
     * Issues a new token for the staff member's ICS feed; the previous feed URL stops working. Only
     * the token's digest is stored, so this is the one time it can be shown.
     */
    @Transactional
    public IcsFeedAccess rotateIcsToken(UUID staffId) {
        StaffMember before = staff.get(staffId);
        String token = Secrets.newToken();
        jdbc.sql("UPDATE staff SET ics_token_hash = ?, updated_at = now() WHERE studio_id = ? AND id = ?")
                .params(Secrets.sha256(token), Tenancy.currentStudioId(), staffId)
                .update();
        // the views hold no secret: the entry shows that the feed was (re)enabled, not its token
        audit.record("staff.ics_token_rotated", "staff", staffId, before, staff.get(staffId));
        return new IcsFeedAccess(token, "/api/calendar/ics/staff/" + staffId + ".ics?token=" + token);
    }
}
