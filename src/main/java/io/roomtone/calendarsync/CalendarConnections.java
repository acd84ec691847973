package io.roomtone.calendarsync;

import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.SealedSecrets;
import io.roomtone.shared.Secrets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connecting a staff member's own calendar with OAuth's authorization-code flow, and what their page
 * shows of it. The {@code state} sent to the provider is 256 random bits kept only as a digest,
 * bound to the staff member, their account and the provider, usable once (deleted when the callback
 * uses it) and for ten minutes: a forged, replayed, stale or someone else's state is refused (400).
 * The provider is called outside any transaction.
 */
@Service
public class CalendarConnections {

    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private final StaffMembers staff;
    private final ConnectionStore store;
    private final Map<ExternalCalendar, CalendarProviderClient> clients;
    private final SealedSecrets sealed;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CalendarConnections(
            StaffMembers staff,
            ConnectionStore store,
            List<CalendarProviderClient> clients,
            SealedSecrets sealed,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            Clock clock) {
        this.staff = staff;
        this.store = store;
        this.clients =
                clients.stream().collect(Collectors.toMap(CalendarProviderClient::provider, Function.identity()));
        this.sealed = sealed;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.clock = clock;
    }

    /** Why {@code provider} cannot be connected here; empty when it can. */
    public Optional<String> unavailableReason(ExternalCalendar provider) {
        CalendarProviderClient client = clients.get(provider);
        if (!client.configured()) {
            return Optional.of(provider.label() + " is not configured on this installation: its operator sets "
                    + client.configuration() + ".");
        }
        if (!sealed.available()) {
            return Optional.of("Calendar tokens cannot be stored safely yet: the installation's operator sets "
                    + "ROOMTONE_ENCRYPTION_KEY (32 random bytes in base64).");
        }
        return Optional.empty();
    }

    /** The viewer's own staff profile; 404 for anyone without one. */
    public StaffMember me(CurrentUser viewer) {
        return transactions
                .execute(tx -> staff.ofUser(viewer.id()))
                .orElseThrow(() -> RoomtoneException.notFound("staff profile", viewer.id()));
    }

    /** Each provider's connection of a staff member of the current studio. */
    public List<StaffConnection> of(UUID staffId) {
        Map<ExternalCalendar, ConnectionStore.Row> rows = transactions.execute(tx -> store.ofStaff(staffId)).stream()
                .collect(Collectors.toMap(ConnectionStore.Row::provider, Function.identity()));
        List<StaffConnection> shown = new ArrayList<>();
        for (ExternalCalendar provider : ExternalCalendar.values()) {
            Optional<String> unavailable = unavailableReason(provider);
            ConnectionStore.Row row = rows.get(provider);
            if (row == null) {
                shown.add(new StaffConnection(
                        provider,
                        StaffConnection.State.NOT_CONNECTED,
                        unavailable.isEmpty(),
                        unavailable,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
            } else {
                shown.add(new StaffConnection(
                        provider,
                        row.broken() ? StaffConnection.State.BROKEN : StaffConnection.State.CONNECTED,
                        unavailable.isEmpty(),
                        unavailable,
                        Optional.of(row.connectedAt()),
                        row.lastSuccessAt(),
                        row.lastError()));
            }
        }
        return shown;
    }

    /**
     * Starts connecting {@code provider} for the viewer's own staff profile: the URL of the provider's
     * consent page to send them to.
     */
    public String begin(ExternalCalendar provider, CurrentUser viewer, String redirectUri) {
        unavailableReason(provider).ifPresent(reason -> {
            throw new RoomtoneException(ProblemCode.CONFLICT, reason);
        });
        StaffMember me = me(viewer);
        String state = Secrets.newToken();
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("DELETE FROM calendar_oauth_state WHERE expires_at < :now")
                    .param("now", Timestamp.from(now))
                    .update();
            jdbc.sql(
                            """
                            INSERT INTO calendar_oauth_state (studio_id, state_hash, staff_id, user_id, provider, expires_at)
                            VALUES (:studio, :hash, :staff, :user, :provider, :expires)
                            """)
                    .param("studio", Tenancy.currentStudioId())
                    .param("hash", Secrets.sha256(state))
                    .param("staff", me.id())
                    .param("user", viewer.id())
                    .param("provider", provider.json())
                    .param("expires", Timestamp.from(now.plus(STATE_LIFETIME)))
                    .update();
        });
        return clients.get(provider).authorizeUrl(state, redirectUri);
    }

    /**
     * The provider sent the staff member back: uses up the state, exchanges the code for tokens,
     * stores them sealed, and queues their upcoming sessions (and whatever waited for a reconnect).
     *
     * @param error what the provider said instead of a code (the staff member declined, ...)
     */
    public void complete(
            ExternalCalendar provider,
            String state,
            String code,
            String error,
            CurrentUser viewer,
            String redirectUri) {
        StaffMember me = me(viewer);
        if (state == null || state.isBlank() || state.length() > 200) {
            throw RoomtoneException.invalid("state", "is missing: start again from your staff page");
        }
        Instant now = clock.instant();
        Optional<Map<String, Object>> used = transactions.execute(tx -> jdbc
                .sql(
                        "DELETE FROM calendar_oauth_state WHERE state_hash = :hash RETURNING staff_id, user_id, provider, expires_at")
                .param("hash", Secrets.sha256(state))
                .query()
                .listOfRows()
                .stream()
                .findFirst());
        boolean valid = used.isPresent()
                && me.id().equals(used.get().get("staff_id"))
                && viewer.id().equals(used.get().get("user_id"))
                && provider.json().equals(used.get().get("provider"))
                && ((Timestamp) used.get().get("expires_at")).toInstant().isAfter(now);
        if (!valid) {
            throw RoomtoneException.invalid(
                    "state", "is not one this page started, was already used or has expired: start again");
        }
        if (error != null && !error.isBlank()) {
            throw RoomtoneException.invalid(
                    "code", provider.label() + " did not grant access (" + error.strip() + "): nothing was connected");
        }
        if (code == null || code.isBlank() || code.length() > 4096) {
            throw RoomtoneException.invalid("code", "is missing: nothing was connected");
        }
        Tokens tokens;
        try {
            tokens = clients.get(provider).exchange(code, redirectUri);
        } catch (GrantRevoked e) {
            throw RoomtoneException.invalid("code", provider.label() + " refused the code: start again");
        } catch (ProviderFailure e) {
            throw new RoomtoneException(
                    ProblemCode.PROVIDER_UNAVAILABLE, provider.label() + " could not be reached: try again shortly");
        }
        UUID studio = Tenancy.currentStudioId();
        transactions.executeWithoutResult(tx -> {
            store.connect(me.id(), provider, tokens, clock.instant());
            events.publishEvent(new CalendarSyncEvents.Connected(studio, me.id(), provider));
        });
    }

    /**
     * Removes the viewer's connection to {@code provider}: nothing more is sent to it. Events already
     * in that calendar stay (Roomtone can no longer reach it to remove them).
     */
    public boolean disconnect(ExternalCalendar provider, CurrentUser viewer) {
        StaffMember me = me(viewer);
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            jdbc.sql("DELETE FROM calendar_synced_event WHERE staff_id = :staff AND provider = :provider")
                    .param("staff", me.id())
                    .param("provider", provider.json())
                    .update();
            return store.remove(me.id(), provider);
        }));
    }
}
