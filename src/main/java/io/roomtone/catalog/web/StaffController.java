package io.roomtone.catalog.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.roomtone.catalog.StaffDraft;
import io.roomtone.catalog.StaffEnrollment;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.catalog.internal.IcsFeedAccess;
import io.roomtone.catalog.internal.StaffAccess;
import io.roomtone.identity.Team;
import io.roomtone.shared.MergePatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Staff (admin)", description = "Engineers and other staff, their skills, sign-in and calendar feed")
@RestController
@RequestMapping("/api/admin/staff")
class StaffController {

    /**
     * The invitation mail on its way: when it was asked for and until when (about) its link works. The
     * link itself is only in the mail.
     */
    record InvitationView(Instant invitationSentAt, Instant invitationExpiresAt) {
        static InvitationView of(Team.InvitationMailed invitation) {
            return invitation == null
                    ? new InvitationView(null, null)
                    : new InvitationView(invitation.sentAt(), invitation.expiresAt());
        }
    }

    /** A new staff member, with their invitation mail inline (both null when the account can sign in). */
    record Created(@JsonUnwrapped StaffMember staff, Instant invitationSentAt, Instant invitationExpiresAt) {}

    /** How PUT and PATCH treat each field (see {@link MergePatch}). */
    static final MergePatch.Fields FIELDS = MergePatch.Fields.of()
            .required("email", "name")
            .defaulted("active", true)
            .defaulted("commission_rate_bps", 0)
            .clearable("skills", "hourly_rate_cents", "default_calendar_provider")
            .kept("password");

    private final StaffMembers staff;
    private final StaffAccess access;
    private final JsonMapper json;

    StaffController(StaffMembers staff, StaffAccess access, JsonMapper json) {
        this.staff = staff;
        this.access = access;
        this.json = json;
    }

    @Operation(summary = "All staff, active or not")
    @GetMapping
    List<StaffMember> list() {
        return staff.list(false);
    }

    @Operation(
            summary = "Add a staff member",
            description = "`email` and `name` are required. An existing account with that email is linked."
                    + " Without `password` (and unless the account can already sign in), they are mailed an"
                    + " invitation link to choose one (`invitation_sent_at`; the link works until about"
                    + " `invitation_expires_at`, at `POST /api/auth/accept-invitation` or on `/join`); the link is"
                    + " never in this answer."
                    + " `commission_rate_bps` (0-10000, basis points of the service revenue of their completed"
                    + " sessions: 1250 = 12.5 %) defaults to 0, no commission.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@RequestBody StaffDraft draft) {
        StaffEnrollment enrollment = staff.create(draft);
        InvitationView invitation = InvitationView.of(enrollment.invitation());
        return new Created(enrollment.member(), invitation.invitationSentAt(), invitation.invitationExpiresAt());
    }

    @Operation(summary = "One staff member")
    @GetMapping("/{id}")
    StaffMember get(@PathVariable UUID id) {
        return staff.get(id);
    }

    @Operation(
            summary = "Replace a staff member",
            description = "Every field: `email` and `name` are required; `active` left out becomes true;"
                    + " `skills`, `hourly_rate_cents` and `default_calendar_provider` left out are cleared;"
                    + " `password` (write-only) left out keeps the password. Unknown fields are a 400."
                    + " `commission_rate_bps` left out becomes 0."
                    + " Deactivating someone with upcoming bookings is a 409.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = StaffDraft.class))))
    @PutMapping("/{id}")
    StaffMember replace(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        MergePatch.Update<StaffDraft> update = MergePatch.replace(json, body, StaffDraft.class, FIELDS);
        return staff.update(id, update.draft(), update.cleared());
    }

    @Operation(
            summary = "Change some fields of a staff member",
            description =
                    "JSON merge patch (RFC 7396, `application/merge-patch+json` or `application/json`): a field left out keeps its value, a field sent as `null` is cleared (`skills`, `hourly_rate_cents`, `default_calendar_provider`),"
                            + " `active: null` becomes true, `commission_rate_bps: null` becomes 0; `null` for `email`, `name` or `password` is a 400. Unknown"
                            + " fields are a 400. Deactivating someone with upcoming bookings is a 409.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = StaffDraft.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = StaffDraft.class))
                            }))
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    StaffMember patch(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        MergePatch.Update<StaffDraft> update = MergePatch.patch(json, body, StaffDraft.class, FIELDS);
        return staff.update(id, update.draft(), update.cleared());
    }

    @Operation(
            summary = "Remove a staff member",
            description = "Their account stays. Refused (409 `in_use`) while they have upcoming bookings.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        staff.delete(id);
    }

    @Operation(
            summary = "Mail a sign-in invitation again",
            description = "The invitation mail (as on creation) with a new link; earlier links stop working. Asked"
                    + " again while the last mail is a few minutes old, no second mail is sent: that one answers. The link is never in the answer. 403 for an account that has a password, or an"
                    + " owner's or admin's.")
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
