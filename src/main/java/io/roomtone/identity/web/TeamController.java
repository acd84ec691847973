package io.roomtone.identity.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.identity.Team;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Team (admin)", description = "The studio's owners, admins and staff; the owner manages them")
@RestController
@RequestMapping("/api/admin/team")
class TeamController {

    record MemberView(UUID id, String email, String name, Role role, boolean canSignIn) {
        static MemberView of(Team.Member member) {
            return new MemberView(member.id(), member.email(), member.name(), member.role(), member.canSignIn());
        }
    }

    record NewInvitation(String email, String name, String role) {}

    /** {@code invitation_mailed}: the account has no password and is being mailed a link to choose one. */
    record InvitedView(MemberView member, boolean invitationMailed) {}

    record RoleChange(String role) {}

    private final Team team;

    TeamController(Team team) {
        this.team = team;
    }

    @Operation(summary = "The team: owners, admins and staff", description = "Owners first, then admins, then staff.")
    @GetMapping
    List<MemberView> list() {
        return team.list().stream().map(MemberView::of).toList();
    }

    @Operation(
            summary = "Invite an admin or staff member (owner only)",
            description = "`role` is `admin` or `staff`. A client account of the same e-mail is promoted. An account"
                    + " without a password is mailed an invitation link (`invitation_mailed`), to accept at"
                    + " `POST /api/auth/accept-invitation` or on the page `/join`; the link is never in this"
                    + " answer. Someone already on the team is a 409.")
    @PostMapping("/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    InvitedView invite(@AuthenticationPrincipal CurrentUser actor, @RequestBody NewInvitation body) {
        Team.Invited invited = team.invite(actor, body.email(), body.name(), body.role());
        return new InvitedView(MemberView.of(invited.member()), invited.needsPassword());
    }

    @Operation(
            summary = "Change a member's role (owner only)",
            description = "`role` is `owner`, `admin` or `staff`. Demoting the studio's last owner is a 409.")
    @PatchMapping(
            path = "/{userId}",
            consumes = {"application/merge-patch+json", "application/json"})
    MemberView changeRole(
            @AuthenticationPrincipal CurrentUser actor, @PathVariable UUID userId, @RequestBody RoleChange body) {
        return MemberView.of(team.changeRole(actor, userId, body.role()));
    }

    @Operation(
            summary = "Remove a member's access (owner only)",
            description = "The account becomes a client's and is signed out everywhere. Removing the studio's last"
                    + " owner is a 409.")
    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID userId) {
        team.remove(actor, userId);
    }
}
