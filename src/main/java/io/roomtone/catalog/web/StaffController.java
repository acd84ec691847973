package io.roomtone.catalog.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.roomtone.catalog.StaffDraft;
import io.roomtone.catalog.StaffEnrollment;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.catalog.internal.IcsFeedAccess;
import io.roomtone.catalog.internal.StaffAccess;
import io.roomtone.identity.Invitation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Staff (admin)", description = "Engineers and other staff, their skills, sign-in and calendar feed")
@RestController
@RequestMapping("/api/admin/staff")
class StaffController {

    /** The token to send the staff member, for {@code POST /api/auth/accept-invitation}. */
    record InvitationView(String invitationToken, Instant invitationExpiresAt) {
        static InvitationView of(Invitation invitation) {
            return invitation == null
                    ? new InvitationView(null, null)
                    : new InvitationView(invitation.token(), invitation.expiresAt());
        }
    }

    /** A new staff member, with their invitation inline (both null when the account can sign in). */
    record Created(@JsonUnwrapped StaffMember staff, String invitationToken, Instant invitationExpiresAt) {}

    private final StaffMembers staff;
    private final StaffAccess access;

    StaffController(StaffMembers staff, StaffAccess access) {
        this.staff = staff;
        this.access = access;
    }

    @Operation(summary = "All staff, active or not")
    @GetMapping
    List<StaffMember> list() {
        return staff.list(false);
    }

    @Operation(
            summary = "Add a staff member",
            description = "`email` and `name` are required. An existing account with that email is linked."
                    + " Without `password`, the response carries a one-time `invitation_token`.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@RequestBody StaffDraft draft) {
        StaffEnrollment enrollment = staff.create(draft);
        InvitationView invitation = InvitationView.of(enrollment.invitation());
        return new Created(enrollment.member(), invitation.invitationToken(), invitation.invitationExpiresAt());
    }

    @Operation(summary = "One staff member")
    @GetMapping("/{id}")
    StaffMember get(@PathVariable UUID id) {
        return staff.get(id);
    }

    @Operation(
            summary = "Update a staff member",
            description = "Fields left out keep their values. Deactivating someone with upcoming bookings is a 409.")
    @PutMapping("/{id}")
    StaffMember update(@PathVariable UUID id, @RequestBody StaffDraft draft) {
        return staff.update(id, draft);
    }

    @Operation(
            summary = "Remove a staff member",
            description = "Their account stays. Refused (409 `in_use`) while they have upcoming bookings.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        staff.delete(id);
    }

    @Operation(summary = "A fresh sign-in invitation", description = "Earlier invitations stop working.")
    @PostMapping("/{id}/invitation")
    @ResponseStatus(HttpStatus.CREATED)
    InvitationView invite(@PathVariable UUID id) {
        return InvitationView.of(access.invite(id));
    }

    @Operation(summary = "A new ICS feed token", description = "Shown once; the previous feed URL stops working.")
    @PostMapping("/{id}/ics-token")
    @ResponseStatus(HttpStatus.CREATED)
    IcsFeedAccess rotateIcsToken(@PathVariable UUID id) {
        return access.rotateIcsToken(id);
    }
}
