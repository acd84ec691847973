package io.roomtone.identity;

import io.roomtone.identity.internal.OwnerLock;
import io.roomtone.identity.internal.Tokens;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who run the studio: its owners, admins and staff. Owners and admins see the team;
 * only an owner invites, changes roles and removes access. A studio never loses its last owner:
 * every change that could take one away takes {@link OwnerLock} first and counts after it, so two
 * owners demoting each other at the same moment cannot both succeed.
 */
@Service
public class Team {

    /** A member of the team; {@code canSignIn} is false until they accept their invitation. */
    public record Member(UUID id, String email, String name, Role role, boolean canSignIn) {}

    /**
     * A member just invited; {@code needsPassword} when their account has none yet (the invitation
     * mail then carries a link to choose one, see {@link #issueInvitationLink}).
     */
    public record Invited(Member member, boolean needsPassword) {}

    /**
     * An invitation mail on its way to {@code email}, asked for at {@code sentAt}; its link works until
     * about {@code expiresAt} (the link is issued as the mail is written, moments later).
     */
    public record InvitationMailed(String email, Instant sentAt, Instant expiresAt) {}

    private static final String COLUMNS = "id, email, name, role, password_hash IS NOT NULL AS can_sign_in";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Tokens tokens;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final IdentityProperties properties;
    private final Clock clock;

    Team(
            JdbcClient jdbc,
            Accounts accounts,
            Tokens tokens,
            AuditTrail audit,
            ApplicationEventPublisher events,
            IdentityProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Owners first, then admins, then staff; by name within a role. */
    @Transactional(readOnly = true)
    public List<Member> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE studio_id = ? AND role <> 'client'"
                        + " ORDER BY array_position(ARRAY['owner', 'admin', 'staff'], role), lower(name), id")
                .param(Tenancy.currentStudioId())
                .query(Team::map)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Member> find(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE studio_id = ? AND id = ? AND role <> 'client'")
                .params(Tenancy.currentStudioId(), userId)
                .query(Team::map)
                .optional();
    }

    /**
     * Invites {@code email} as an admin or staff member: a new account without a password, or a
     * client account of the studio promoted; someone already on the team is a conflict. The
     * invitation is a mail ({@link AccountEvents.StaffInvited}): no link secret is issued here, so
     * none travels in an answer or sits in the event publication table; the mail side issues it
     * with {@link #issueInvitationLink} when it writes the mail.
     */
    @Transactional
    public Invited invite(CurrentUser actor, String email, String name, String role) {
        requireOwner(actor);
        Validation validation = new Validation();
        Accounts.checkEmail(validation, email);
        Accounts.checkName(validation, name);
        Role parsed = role(validation, role, List.of(Role.ADMIN, Role.STAFF));
        validation.throwIfInvalid();
        Optional<UserAccount> existing = accounts.findByEmail(email);
        UUID id;
        if (existing.isEmpty()) {
            id = accounts.insert(Accounts.normalizeEmail(email), name.strip(), null, null, parsed)
                    .id();
        } else if (existing.get().role() == Role.CLIENT) {
            id = existing.get().id();
            setRole(id, parsed);
        } else {
            throw RoomtoneException.conflict("This person is already on the team; change their role instead.");
        }
        boolean needsPassword = !accounts.hasPassword(id);
        Member member = find(id).orElseThrow();
        audit.record("team.invited", "user", id, null, member);
        events.publishEvent(new AccountEvents.StaffInvited(
                Tenancy.currentStudioId(), id, member.email(), member.role(), needsPassword, actor.id()));
        return new Invited(member, needsPassword);
    }

    /**
     * Mails a team member whose account has no password yet an invitation link to choose one: the
     * same mail as {@link #invite} sends ({@link AccountEvents.StaffInvited}), for staff
     * administration (the catalog's staff pages and API), which decides who may ask for it. The link
     * secret is issued as the mail is written, so none is returned here. Each mail's link ends the
     * previous one; asking again while the last mail is minutes old is answered by that mail (the
     * mail side keys invitations on a time window), so a dozen clicks do not send a dozen mails.
     * Refused for an account with a password, or one not on the team.
     */
    @Transactional
    public InvitationMailed mailInvitation(UUID userId) {
        Member member = find(userId).orElseThrow(() -> RoomtoneException.notFound("team member", userId));
        if (member.canSignIn()) {
            throw new RoomtoneException(
                    ProblemCode.FORBIDDEN,
                    "The account holder manages their own password; an invitation is only for an account"
                            + " without one.");
        }
        events.publishEvent(new AccountEvents.StaffInvited(
                Tenancy.currentStudioId(), userId, member.email(), member.role(), true, actorId()));
        Instant now = clock.instant();
        return new InvitationMailed(member.email(), now, now.plus(properties.invitationTtl()));
    }

    /**
     * A fresh invitation link secret for a team member of the current studio without a password, for
     * the invitation mail (valid for {@code roomtone.invitation-ttl}; earlier ones stop working, so
     * only the latest mail's link is usable). Refused for an account with a password, or one no
     * longer on the team.
     */
    @Transactional
    public Invitation issueInvitationLink(UUID userId) {
        find(userId).orElseThrow(() -> RoomtoneException.notFound("team member", userId));
        return accounts.issueInvitation(userId);
    }

    /** The site-relative link of an invitation for the mail: the join page with the token. */
    public static String invitationPath(String token) {
        return org.springframework.web.util.UriComponentsBuilder.fromPath("/join")
                .queryParam("token", token)
                .encode()
                .build()
                .toUriString();
    }

    /** Gives a team member another role (owner, admin or staff); the last owner keeps theirs. */
    @Transactional
    public Member changeRole(CurrentUser actor, UUID userId, String role) {
        requireOwner(actor);
        Validation validation = new Validation();
        Role parsed = role(validation, role, List.of(Role.OWNER, Role.ADMIN, Role.STAFF));
        validation.throwIfInvalid();
        OwnerLock.acquire(jdbc, Tenancy.currentStudioId());
        Member before = find(userId).orElseThrow(() -> RoomtoneException.notFound("team member", userId));
        if (before.role() == Role.OWNER && parsed != Role.OWNER) {
            requireAnotherOwner();
        }
        setRole(userId, parsed);
        Member after = find(userId).orElseThrow();
        audit.record("team.role_changed", "user", userId, before, after);
        return after;
    }

    /**
     * Removes a member's access: the account becomes a client's (it may still book), its sessions
     * and invitations end at once. The last owner cannot be removed.
     */
    @Transactional
    public void remove(CurrentUser actor, UUID userId) {
        requireOwner(actor);
        OwnerLock.acquire(jdbc, Tenancy.currentStudioId());
        Member before = find(userId).orElseThrow(() -> RoomtoneException.notFound("team member", userId));
        if (before.role() == Role.OWNER) {
            requireAnotherOwner();
        }
        setRole(userId, Role.CLIENT);
        tokens.revokeAll(Tenancy.currentStudioId(), userId, Tokens.Purpose.SESSION);
        tokens.revokeAll(Tenancy.currentStudioId(), userId, Tokens.Purpose.INVITATION);
        audit.record("team.removed", "user", userId, before, null);
    }

    private void requireAnotherOwner() {
        // counted after OwnerLock: every transaction that can take an owner away waits for the one before
        long owners = jdbc.sql("SELECT count(*) FROM app_user WHERE studio_id = ? AND role = 'owner'")
                .param(Tenancy.currentStudioId())
                .query(Long.class)
                .single();
        if (owners <= 1) {
            throw RoomtoneException.conflict(
                    "The studio's last owner cannot be demoted or removed; make someone else an owner first.");
        }
    }

    private void setRole(UUID userId, Role role) {
        jdbc.sql("UPDATE app_user SET role = ?, updated_at = now() WHERE studio_id = ? AND id = ?")
                .params(role.json(), Tenancy.currentStudioId(), userId)
                .update();
    }

    /** Who is asking, when a signed-in user is (null for the system). */
    private static UUID actorId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user.id() : null;
    }

    private static void requireOwner(CurrentUser actor) {
        if (actor == null || actor.role() != Role.OWNER) {
            throw new RoomtoneException(ProblemCode.FORBIDDEN, "Only an owner of the studio manages its team.");
        }
    }

    private static Role role(Validation validation, String value, List<Role> allowed) {
        String names = String.join(", ", allowed.stream().map(Role::json).toList());
        validation.require(value, "role");
        Role parsed = value == null
                ? null
                : allowed.stream()
                        .filter(r -> r.json().equals(value.strip().toLowerCase(Locale.ROOT)))
                        .findFirst()
                        .orElse(null);
        validation.check(value == null || parsed != null, "role", "must be one of " + names);
        return parsed;
    }

    private static Member map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Member(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("name"),
                Role.fromJson(rs.getString("role")),
                rs.getBoolean("can_sign_in"));
    }
}
