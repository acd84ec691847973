package io.roomtone.catalog;

import static io.roomtone.catalog.internal.StaffAccountRules.requireManageable;
import static io.roomtone.catalog.internal.StaffAccountRules.requirePasswordless;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.AuditTrail;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Team;
import io.roomtone.identity.Tenancy;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.Patch;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff of the current studio. A staff member is a profile on top of a user account: name,
 * email and password live on the account (through {@link Accounts}), skills and rates here.
 */
@Service
public class StaffMembers {

    /** The highest commission rate: all of the service revenue, in basis points. */
    public static final int MAX_COMMISSION_BPS = 10_000;

    // Name, email and whether the account has a password are read from identity's table in the same
    // query, so that a list is one round trip; they are only ever written through Accounts.
    private static final String SELECT =
            """
            SELECT s.id, s.user_id, u.email, u.name, s.skills, s.hourly_rate_cents, s.default_calendar_provider,
                   s.active, u.password_hash IS NOT NULL AS can_sign_in, s.ics_token_hash IS NOT NULL AS ics_feed_enabled,
                   s.commission_rate_bps
              FROM staff s
              JOIN app_user u ON u.studio_id = s.studio_id AND u.id = s.user_id
             WHERE s.studio_id = :studio
            """;

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Team team;
    private final Studios studios;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final List<StaffAssignments> assignments;

    StaffMembers(
            JdbcClient jdbc,
            Accounts accounts,
            Team team,
            Studios studios,
            AuditTrail audit,
            ApplicationEventPublisher events,
            List<StaffAssignments> assignments) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.team = team;
        this.studios = studios;
        this.audit = audit;
        this.events = events;
        this.assignments = assignments;
    }

    /** All staff by name; {@code activeOnly} for those who can be assigned to new bookings. */
    @Transactional(readOnly = true)
    public List<StaffMember> list(boolean activeOnly) {
        return jdbc.sql(SELECT + " AND (s.active OR NOT :activeOnly) ORDER BY lower(u.name), u.email")
                .param("studio", Tenancy.currentStudioId())
                .param("activeOnly", activeOnly)
                .query(mapper())
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<StaffMember> find(UUID id) {
        return jdbc.sql(SELECT + " AND s.id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(mapper())
                .optional();
    }

    /** The staff profile of the account {@code userId}, if that account works for the studio. */
    @Transactional(readOnly = true)
    public Optional<StaffMember> ofUser(UUID userId) {
        return jdbc.sql(SELECT + " AND s.user_id = :user")
                .param("studio", Tenancy.currentStudioId())
                .param("user", userId)
                .query(mapper())
                .optional();
    }

    /** The staff member {@code id}; a 404 problem when the current studio has none. */
    @Transactional(readOnly = true)
    public StaffMember get(UUID id) {
        return find(id).orElseThrow(() -> RoomtoneException.notFound("staff member", id));
    }

    /**
     * Adds a staff member, linking the existing account of their email if there is one (a client
     * becomes staff; an owner or admin keeps their role). A password is accepted only for an account
     * that has none yet; without one, and unless the account can already sign in, they are mailed an
     * invitation ({@link Team#mailInvitation}, the team's own invitation mail) and the result says so.
     */
    @Transactional
    public StaffEnrollment create(StaffDraft draft) {
        check(draft, true);
        UserAccount account = accounts.findOrCreateStaffAccount(draft.email(), draft.name());
        boolean alreadyStaff = jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM staff WHERE studio_id = :studio AND user_id = :user)")
                .param("studio", Tenancy.currentStudioId())
                .param("user", account.id())
                .query(Boolean.class)
                .single();
        if (alreadyStaff) {
            throw RoomtoneException.conflict(account.email() + " is already a staff member.");
        }
        if (draft.password() != null) {
            requireManageable(account, "password");
            requirePasswordless(accounts.hasPassword(account.id()));
        }
        UUID id = jdbc.sql(
                        """
                        INSERT INTO staff (studio_id, user_id, skills, hourly_rate_cents, default_calendar_provider, active,
                                           commission_rate_bps)
                        VALUES (:studio, :user, :skills, :rate, :provider, coalesce(:active, true), coalesce(:commission, 0))
                        RETURNING id
                        """)
                .param("studio", Tenancy.currentStudioId())
                .param("user", account.id())
                .param("skills", Rows.textArray(Rows.orEmpty(Labels.tags(draft.skills()))))
                .param("rate", draft.hourlyRateCents())
                .param("provider", json(draft.defaultCalendarProvider()))
                .param("active", draft.active())
                .param("commission", draft.commissionRateBps())
                .query(UUID.class)
                .single();
        if (draft.password() != null) {
            accounts.setPassword(account.id(), draft.password(), "password");
        }
        StaffMember member = get(id);
        audit.record("staff.created", "staff", id, null, member);
        Team.InvitationMailed invitation = member.canSignIn() ? null : team.mailInvitation(account.id());
        return new StaffEnrollment(member, invitation);
    }

    /** Changes the fields present in {@code draft}; deactivating someone with upcoming sessions is refused. */
    @Transactional
    public StaffMember update(UUID id, StaffDraft draft) {
        return update(id, draft, Set.of());
    }

    /**
     * Changes the fields present in {@code draft} and clears those named in {@code cleared} (JSON
     * names: {@code skills}, {@code hourly_rate_cents}, {@code default_calendar_provider}).
     */
    @Transactional
    public StaffMember update(UUID id, StaffDraft draft, Set<String> cleared) {
        // locked, so that concurrent partial updates each start from the other's result
        jdbc.sql("SELECT id FROM staff WHERE studio_id = :studio AND id = :id FOR UPDATE")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> RoomtoneException.notFound("staff member", id));
        StaffMember before = get(id);
        check(draft, false);
        if (Boolean.FALSE.equals(draft.active()) && before.active()) {
            refuseIfAssigned(before);
        }
        boolean emailChanges =
                draft.email() != null && !normalized(draft.email()).equals(before.email());
        if (emailChanges || draft.password() != null) {
            requireManageable(accounts.find(before.userId()).orElseThrow(), emailChanges ? "email" : "password");
        }
        if (draft.password() != null) {
            requirePasswordless(before.canSignIn());
        }
        if (draft.email() != null || draft.name() != null) {
            accounts.updateProfile(before.userId(), draft.email(), draft.name());
        }
        if (draft.password() != null) {
            accounts.setPassword(before.userId(), draft.password(), "password");
        }
        jdbc.sql(
                        """
                        UPDATE staff
                           SET skills = :skills, hourly_rate_cents = :rate, default_calendar_provider = :provider,
                               active = :active, commission_rate_bps = :commission, updated_at = now()
                         WHERE studio_id = :studio AND id = :id
                        """)
                .param(
                        "skills",
                        Rows.textArray(Rows.orEmpty(
                                Labels.tags(Patch.resolve(draft.skills(), before.skills(), cleared, "skills")))))
                .param(
                        "rate",
                        Patch.resolve(draft.hourlyRateCents(), before.hourlyRateCents(), cleared, "hourly_rate_cents"))
                .param(
                        "provider",
                        json(Patch.resolve(
                                draft.defaultCalendarProvider(),
                                before.defaultCalendarProvider(),
                                cleared,
                                "default_calendar_provider")))
                .param("active", Patch.resolve(draft.active(), before.active(), cleared, "active"))
                .param(
                        "commission",
                        Patch.resolve(
                                draft.commissionRateBps(), before.commissionRateBps(), cleared, "commission_rate_bps"))
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .update();
        StaffMember after = get(id);
        audit.record("staff.updated", "staff", id, before, after);
        return after;
    }

    /**
     * Removes the staff profile; their account stays as a client account, since they may also book.
     * Refused while they are assigned to upcoming bookings.
     */
    @Transactional
    public void delete(UUID id) {
        StaffMember before = get(id);
        refuseIfAssigned(before);
        events.publishEvent(new CatalogRemoved(CatalogRemoved.Kind.STAFF, id));
        jdbc.sql("DELETE FROM staff WHERE studio_id = :studio AND id = :id")
                .param("studio", Tenancy.currentStudioId())
                .param("id", id)
                .update();
        accounts.leaveStaff(before.userId());
        audit.record("staff.deleted", "staff", id, before, null);
    }

    private void refuseIfAssigned(StaffMember member) {
        List<StaffAssignments.Assignment> upcoming = assignments.stream()
                .flatMap(port -> port.upcomingFor(member.id()).stream())
                .sorted(Comparator.comparing(StaffAssignments.Assignment::startAt))
                .toList();
        if (!upcoming.isEmpty()) {
            String codes =
                    upcoming.stream().map(StaffAssignments.Assignment::code).collect(Collectors.joining(", "));
            throw new RoomtoneException(
                    ProblemCode.IN_USE,
                    member.name() + " is assigned to " + upcoming.size() + " upcoming bookings: " + codes,
                    List.of(),
                    Map.of("bookings", upcoming));
        }
    }

    private static void check(StaffDraft draft, boolean creating) {
        Validation validation = new Validation();
        if (creating) {
            validation.require(draft.email(), "email").require(draft.name(), "name");
        }
        validation.check(draft.email() == null || !draft.email().isBlank(), "email", "must not be blank");
        validation.check(draft.name() == null || !draft.name().isBlank(), "name", "must not be blank");
        Labels.checkList(validation, draft.skills(), "skills");
        validation.check(
                draft.hourlyRateCents() == null || draft.hourlyRateCents() >= 0,
                "hourly_rate_cents",
                "must be 0 or more");
        validation.check(
                draft.commissionRateBps() == null
                        || (draft.commissionRateBps() >= 0 && draft.commissionRateBps() <= MAX_COMMISSION_BPS),
                "commission_rate_bps",
                "must be between 0 and " + MAX_COMMISSION_BPS + " (basis points: 1250 = 12.5 %)");
        validation.throwIfInvalid();
    }

    private static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String json(CalendarProvider provider) {
        return provider == null ? null : provider.json();
    }

    private RowMapper<StaffMember> mapper() {
        String currency = studios.current().currency();
        return (ResultSet rs, int row) -> map(rs, currency);
    }

    private static StaffMember map(ResultSet rs, String currency) throws SQLException {
        return new StaffMember(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("email"),
                rs.getString("name"),
                Rows.strings(rs, "skills"),
                Rows.whole(rs, "hourly_rate_cents"),
                currency,
                CalendarProvider.fromColumn(rs.getString("default_calendar_provider")),
                rs.getBoolean("active"),
                rs.getBoolean("can_sign_in"),
                rs.getBoolean("ics_feed_enabled"),
                rs.getInt("commission_rate_bps"));
    }
}
