package io.roomtone.calendarsync;

import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeRequestUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeTokenRequest;
import com.google.api.client.googleapis.auth.oauth2.GoogleRefreshTokenRequest;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Google Calendar through Google's own client library ({@code google-api-services-calendar}, its
 * OAuth helpers for the code exchange and refresh). Events go to the staff member's primary calendar
 * with an id Roomtone chooses (base32hex: the booking's and the staff member's ids in hex), so a
 * create retried after an unknown outcome finds the first one (409) instead of making a second.
 */
@Component
class GoogleCalendarClient implements CalendarProviderClient {

    static final String SCOPE = "https://www.googleapis.com/auth/calendar.events";
    private static final String CALENDAR = "primary";
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 20_000;

    private final CalendarSyncProperties.Google properties;
    private final HttpTransport transport = new NetHttpTransport();
    private final JsonFactory json = GsonFactory.getDefaultInstance();
    private final Clock clock;

    GoogleCalendarClient(CalendarSyncProperties properties, Clock clock) {
        this.properties = properties.google();
        this.clock = clock;
    }

    @Override
    public ExternalCalendar provider() {
        return ExternalCalendar.GOOGLE;
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public String configuration() {
        return "ROOMTONE_GOOGLE_CLIENT_ID and ROOMTONE_GOOGLE_CLIENT_SECRET";
    }

    @Override
    public String authorizeUrl(String state, String redirectUri) {
        return new GoogleAuthorizationCodeRequestUrl(
                        properties.authorizeUrl(), properties.clientId(), redirectUri, List.of(SCOPE))
                .setAccessType("offline") // a refresh token, so sessions sync while the staff member is away
                .set("prompt", "consent") // a refresh token again when someone reconnects
                .setState(state)
                .build();
    }

    @Override
    public Tokens exchange(String code, String redirectUri) {
        try {
            return tokens(new GoogleAuthorizationCodeTokenRequest(
                            transport,
                            json,
                            properties.tokenUrl(),
                            properties.clientId(),
                            properties.clientSecret(),
                            code,
                            redirectUri)
                    .execute());
        } catch (TokenResponseException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new ProviderFailure(0, "Google's token endpoint did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public Tokens refresh(String refreshToken) {
        try {
            return tokens(new GoogleRefreshTokenRequest(
                            transport, json, refreshToken, properties.clientId(), properties.clientSecret())
                    .setTokenServerUrl(new GenericUrl(properties.tokenUrl()))
                    .execute());
        } catch (TokenResponseException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new ProviderFailure(0, "Google's token endpoint did not answer: " + e.getMessage(), e);
        }
    }

    private RuntimeException refused(TokenResponseException e) {
        String error = e.getDetails() == null ? null : e.getDetails().getError();
        if ("invalid_grant".equals(error)) {
            return new GrantRevoked("Google refused the grant (invalid_grant): connect the calendar again");
        }
        return new ProviderFailure(
                e.getStatusCode(), "Google's token endpoint answered " + e.getStatusCode() + " " + error, e);
    }

    private Tokens tokens(TokenResponse response) {
        long expiresIn = response.getExpiresInSeconds() == null ? 3600 : response.getExpiresInSeconds();
        return new Tokens(
                response.getAccessToken(),
                Optional.ofNullable(response.getRefreshToken()),
                clock.instant().plusSeconds(expiresIn));
    }

    /** The event id Google keeps for one booking in one staff member's calendar (base32hex). */
    static String eventId(UUID bookingId, UUID staffId) {
        return ("rt" + bookingId + staffId).replace("-", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public String create(String accessToken, UUID bookingId, UUID staffId, int generation, EventContent content) {
        String id = eventId(bookingId, staffId);
        try {
            return call(() -> calendar(accessToken)
                    .events()
                    .insert(CALENDAR, event(content).setId(id))
                    .setSendUpdates("none")
                    .execute()
                    .getId());
        } catch (ProviderFailure e) {
            if (!e.conflict()) {
                throw e;
            }
            // made by an attempt whose answer was lost, or deleted earlier (Google keeps the id of a
            // cancelled event): bring it to what it should be
            update(accessToken, id, content);
            return id;
        }
    }

    @Override
    public void update(String accessToken, String eventId, EventContent content) {
        call(() -> calendar(accessToken)
                .events()
                .update(CALENDAR, eventId, event(content).setStatus("confirmed"))
                .setSendUpdates("none")
                .execute());
    }

    @Override
    public void delete(String accessToken, String eventId) {
        try {
            call(() -> calendar(accessToken)
                    .events()
                    .delete(CALENDAR, eventId)
                    .setSendUpdates("none")
                    .execute());
        } catch (ProviderFailure e) {
            if (!e.gone()) {
                throw e;
            }
        }
    }

    private Event event(EventContent content) {
        Event event = new Event()
                .setSummary(content.summary())
                .setDescription(content.description())
                .setStart(time(content.startAt(), content))
                .setEnd(time(content.endAt(), content));
        content.guestEmail()
                .ifPresent(email -> event.setAttendees(
                        List.of(new EventAttendee().setEmail(email).setOptional(true))));
        return event;
    }

    private static EventDateTime time(Instant at, EventContent content) {
        return new EventDateTime()
                .setDateTime(new DateTime(at.toEpochMilli()))
                .setTimeZone(content.zone().getId());
    }

    private Calendar calendar(String accessToken) {
        return new Calendar.Builder(transport, json, request -> {
                    request.getHeaders().setAuthorization("Bearer " + accessToken);
                    request.setConnectTimeout(CONNECT_TIMEOUT_MS);
                    request.setReadTimeout(READ_TIMEOUT_MS);
                })
                .setRootUrl(properties.apiBase().endsWith("/") ? properties.apiBase() : properties.apiBase() + "/")
                .setApplicationName("Roomtone")
                .build();
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (GoogleJsonResponseException e) {
            String message = e.getDetails() == null
                    ? e.getStatusMessage()
                    : e.getDetails().getMessage();
            throw new ProviderFailure(e.getStatusCode(), "Google answered " + e.getStatusCode() + ": " + message, e);
        } catch (com.google.api.client.http.HttpResponseException e) {
            throw new ProviderFailure(e.getStatusCode(), "Google answered " + e.getStatusCode(), e);
        } catch (IOException e) {
            throw new ProviderFailure(0, "Google did not answer: " + e.getMessage(), e);
        }
    }
}
