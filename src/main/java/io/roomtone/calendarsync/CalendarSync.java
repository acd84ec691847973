package io.roomtone.calendarsync;

import io.roomtone.booking.Booking;
import io.roomtone.booking.BookingQueries;
import io.roomtone.booking.BookingStatus;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps staff calendars following bookings, in two halves. {@link #follow} (in the transaction of a
 * booking event's listener) writes down what each connected calendar should hold for the booking —
 * an event while it is confirmed, none otherwise — and {@link #runDue} (the job, outside any
 * transaction) carries that out: claims due rows, calls the providers after the claim committed,
 * and records each outcome, backing off exponentially after a failure.
 */
@Service
class CalendarSync {

    private static final Logger log = LoggerFactory.getLogger(CalendarSync.class);

    /** Sessions a calendar keeps: confirmed, and those that stay in it once over. */
    private static final Set<BookingStatus> IN_CALENDARS =
            Set.of(BookingStatus.CONFIRMED, BookingStatus.COMPLETED, BookingStatus.NO_SHOW);

    static final int BATCH = 20;
    /** How long a claim holds a row: longer than any attempt (two calls and a refresh, with timeouts). */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** After this many failed attempts in a row (about a day with the default backoff) it stops trying. */
    static final int MAX_ATTEMPTS = 30;

    private final BookingQueries bookings;
    private final SyncedEvents rows;
    private final ConnectionStore connections;
    private final EventContents contents;
    private final Map<ExternalCalendar, CalendarProviderClient> clients;
    private final CalendarSyncProperties.Sync properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CalendarSync(
            BookingQueries bookings,
            SyncedEvents rows,
            ConnectionStore connections,
            EventContents contents,
            List<CalendarProviderClient> clients,
            CalendarSyncProperties properties,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            Clock clock) {
        this.bookings = bookings;
        this.rows = rows;
        this.connections = connections;
        this.contents = contents;
        this.clients =
                clients.stream().collect(Collectors.toMap(CalendarProviderClient::provider, Function.identity()));
        this.properties = properties.calendarSync();
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.clock = clock;
    }

    /**
     * Writes down what the calendars of the booking's staff (and of staff it no longer has) should
     * hold for it now. Idempotent, and independent of the order events arrive in: it looks at the
     * booking as it is, not at the event.
     */
    void follow(UUID bookingId) {
        Optional<Booking> found = bookings.ofStudio(bookingId);
        if (found.isEmpty()) {
            return;
        }
        Booking booking = found.get();
        boolean present = IN_CALENDARS.contains(booking.status());
        String fingerprint = fingerprint(booking);
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        for (ConnectionStore.Row connection : connections.ofStaff(booking.staffIds())) {
            rows.desire(booking.id(), connection.staffId(), connection.provider(), present, fingerprint, now);
            seen.add(connection.staffId() + "/" + connection.provider());
        }
        for (SyncedEvents.Row row : rows.ofBooking(booking.id())) {
            if (!seen.contains(row.staffId() + "/" + row.provider())) {
                // staff no longer on the booking: their event goes
                rows.desire(booking.id(), row.staffId(), row.provider(), false, fingerprint, now);
            }
        }
    }

    /** What, when changed, changes the event: its times, its room, its code, whether the client is invited. */
    private String fingerprint(Booking booking) {
        return Secrets.sha256(booking.code() + "|" + booking.roomId() + "|" + booking.startAt() + "|" + booking.endAt()
                        + "|" + contents.invitesClients())
                .substring(0, 32);
    }

    /**
     * A staff member (re)connected a calendar: their upcoming sessions (the next 62 days) are
     * written down for it, and whatever waited for the reconnection is due now.
     */
    void connected(UUID staffId, ExternalCalendar provider) {
        Instant now = clock.instant();
        for (Booking booking : bookings.assignments(staffId, now, now.plus(BookingQueries.MAX_ASSIGNMENT_SPAN))) {
            follow(booking.id());
        }
        rows.dueAgain(staffId, provider, now);
    }

    /**
     * Carries out the current studio's due work; returns how many attempts were made. Call it
     * outside a transaction: providers are called after the claims committed.
     */
    int runDue() {
        Instant now = clock.instant();
        List<SyncedEvents.Claimed> claimed = transactions.execute(tx -> rows.claimDue(now, now.plus(LEASE), BATCH));
        for (SyncedEvents.Claimed claim : claimed) {
            attempt(claim);
        }
        return claimed.size();
    }

    private void attempt(SyncedEvents.Claimed claimed) {
        SyncedEvents.Row row = claimed.row();
        CalendarProviderClient client = clients.get(row.provider());
        try {
            Optional<EventContent> content =
                    row.present() ? transactions.execute(tx -> contents.of(row.bookingId())) : Optional.empty();
            Optional<String> externalId = withToken(row, token -> carryOut(client, token, row, content));
            transactions.executeWithoutResult(tx -> {
                rows.succeeded(claimed, externalId, clock.instant());
                connections.recordSuccess(row.staffId(), row.provider(), clock.instant());
            });
        } catch (GrantRevoked e) {
            UUID studio = Tenancy.currentStudioId();
            transactions.executeWithoutResult(tx -> {
                rows.waitForReconnect(claimed, e.getMessage(), clock.instant());
                if (connections.markBroken(row.staffId(), row.provider(), e.getMessage(), clock.instant())) {
                    events.publishEvent(new CalendarSyncEvents.ConnectionBroken(
                            studio, row.staffId(), row.provider(), e.getMessage()));
                }
            });
            log.warn("Calendar {} of staff {} is broken: {}", row.provider().json(), row.staffId(), e.getMessage());
        } catch (RuntimeException e) {
            // a provider's error or silence, a token that does not open, anything else: retried later
            Instant now = clock.instant();
            int attempts = row.attempts(); // counted by the claim
            Instant retryAt = attempts >= MAX_ATTEMPTS
                    ? null
                    : now.plus(SyncedEvents.backoff(properties.retryBase(), properties.retryMax(), attempts));
            transactions.executeWithoutResult(tx -> {
                rows.failed(claimed, message(e), retryAt, now);
                connections.recordError(row.staffId(), row.provider(), message(e), now);
            });
            log.info(
                    "Calendar sync of booking {} to {} failed (attempt {}): {}",
                    row.bookingId(),
                    row.provider().json(),
                    attempts,
                    e.getMessage());
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Creates, updates or deletes the event; the provider's event id afterwards (empty once deleted). */
    private Optional<String> carryOut(
            CalendarProviderClient client, String token, SyncedEvents.Row row, Optional<EventContent> content) {
        if (content.isPresent()) {
            if (row.externalId().isPresent()) {
                try {
                    client.update(token, row.externalId().get(), content.get());
                    return row.externalId();
                } catch (ProviderFailure e) {
                    if (!e.gone()) {
                        throw e;
                    }
                    // removed from the calendar by hand: made again below
                }
            }
            return Optional.of(client.create(token, row.bookingId(), row.staffId(), row.revision(), content.get()));
        }
        Optional<String> existing = row.externalId();
        if (existing.isEmpty() && client.provider() == ExternalCalendar.GOOGLE) {
            // a create whose answer was lost may have made it under the id Roomtone chose
            existing = Optional.of(GoogleCalendarClient.eventId(row.bookingId(), row.staffId()));
        }
        if (existing.isPresent()) {
            client.delete(token, existing.get());
        }
        return Optional.empty();
    }

    /**
     * Runs {@code call} with a valid access token: refreshed first when it expired (or is about to),
     * and once more when the provider refuses it anyway (401).
     */
    private <T> T withToken(SyncedEvents.Row row, Function<String, T> call) {
        CalendarProviderClient client = clients.get(row.provider());
        ConnectionStore.Grant grant = transactions
                .execute(tx -> connections.grant(row.staffId(), row.provider()))
                .orElseThrow(() -> new GrantRevoked("The calendar was disconnected"));
        String token = grant.accessToken();
        boolean refreshed = false;
        if (grant.expiresAt().isBefore(clock.instant().plusSeconds(60))) {
            token = refresh(client, grant);
            refreshed = true;
        }
        try {
            return call.apply(token);
        } catch (ProviderFailure e) {
            if (!e.unauthorized() || refreshed) {
                throw e;
            }
            return call.apply(refresh(client, grant));
        }
    }

    private String refresh(CalendarProviderClient client, ConnectionStore.Grant grant) {
        String refreshToken = grant.refreshToken()
                .orElseThrow(() -> new GrantRevoked("The provider gave no refresh token: connect the calendar again"));
        Tokens fresh = client.refresh(refreshToken);
        transactions.executeWithoutResult(tx -> connections.refreshed(grant.staffId(), grant.provider(), fresh));
        return fresh.accessToken();
    }
}
