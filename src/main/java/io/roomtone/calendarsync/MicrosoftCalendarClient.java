package io.roomtone.calendarsync;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.models.Attendee;
import com.microsoft.graph.models.AttendeeType;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft 365 calendars through Microsoft Graph's own client ({@code microsoft-graph}), with the
 * staff member's stored token as the bearer (no azure-identity: Roomtone holds the tokens itself).
 * Graph's retry middleware is off — the sync job retries with its own backoff. The OAuth endpoints
 * of Microsoft's identity platform are plain form posts. Creates carry a {@code transactionId}
 * derived from the booking, the staff member and the row's generation, so Graph answers a repeated
 * create with the event it already made.
 */
@Component
class MicrosoftCalendarClient implements CalendarProviderClient {

    static final String SCOPE = "offline_access Calendars.ReadWrite";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CalendarSyncProperties.Microsoft properties;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final OkHttpClient graphHttp;

    MicrosoftCalendarClient(CalendarSyncProperties properties, Clock clock) {
        this.properties = properties.microsoft();
        this.clock = clock;
        this.graphHttp = GraphClientFactory.create(new RequestOption[] {new RetryHandlerOption(null, 0, 0)})
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(20, TimeUnit.SECONDS)
                .build();
    }

    @Override
    public ExternalCalendar provider() {
        return ExternalCalendar.MICROSOFT;
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public String configuration() {
        return "ROOMTONE_MICROSOFT_CLIENT_ID and ROOMTONE_MICROSOFT_CLIENT_SECRET (and ROOMTONE_MICROSOFT_TENANT)";
    }

    @Override
    public String authorizeUrl(String state, String redirectUri) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", properties.clientId());
        query.put("response_type", "code");
        query.put("redirect_uri", redirectUri);
        query.put("response_mode", "query");
        query.put("scope", SCOPE);
        query.put("state", state);
        return properties.endpoint("authorize") + "?" + form(query);
    }

    @Override
    public Tokens exchange(String code, String redirectUri) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        return token(body);
    }

    @Override
    public Tokens refresh(String refreshToken) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken);
        return token(body);
    }

    private Tokens token(Map<String, String> body) {
        body.put("client_id", properties.clientId());
        body.put("client_secret", properties.clientSecret());
        body.put("scope", SCOPE);
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.endpoint("token")))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderFailure(0, "Microsoft's token endpoint did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure(0, "Interrupted while asking Microsoft for a token", e);
        }
        JsonNode answer = parse(response.body());
        String error = answer.path("error").asString("");
        if (response.statusCode() != 200 || !answer.hasNonNull("access_token")) {
            if ("invalid_grant".equals(error)) {
                throw new GrantRevoked("Microsoft refused the grant (invalid_grant): connect the calendar again");
            }
            throw new ProviderFailure(
                    response.statusCode(),
                    "Microsoft's token endpoint answered " + response.statusCode() + " " + error,
                    null);
        }
        long expiresIn = answer.path("expires_in").asLong(3600);
        return new Tokens(
                answer.get("access_token").asString(),
                Optional.ofNullable(answer.get("refresh_token")).map(JsonNode::asString),
                clock.instant().plusSeconds(expiresIn));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The transaction id of one creation: the same for a retry, new when the event is made again. */
    static String transactionId(UUID bookingId, UUID staffId, int generation) {
        return UUID.nameUUIDFromBytes((bookingId + "/" + staffId + "/" + generation).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @Override
    public String create(String accessToken, UUID bookingId, UUID staffId, int generation, EventContent content) {
        Event event = event(content);
        event.setTransactionId(transactionId(bookingId, staffId, generation));
        return call(() -> graph(accessToken).me().events().post(event).getId());
    }

    @Override
    public void update(String accessToken, String eventId, EventContent content) {
        call(() -> graph(accessToken).me().events().byEventId(eventId).patch(event(content)));
    }

    @Override
    public void delete(String accessToken, String eventId) {
        try {
            call(() -> {
                graph(accessToken).me().events().byEventId(eventId).delete();
                return null;
            });
        } catch (ProviderFailure e) {
            if (!e.gone()) {
                throw e;
            }
        }
    }

    private static Event event(EventContent content) {
        Event event = new Event();
        event.setSubject(content.summary());
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Text);
        body.setContent(content.description());
        event.setBody(body);
        event.setStart(time(content.startAt(), content));
        event.setEnd(time(content.endAt(), content));
        content.guestEmail().ifPresent(email -> {
            EmailAddress address = new EmailAddress();
            address.setAddress(email);
            Attendee attendee = new Attendee();
            attendee.setEmailAddress(address);
            attendee.setType(AttendeeType.Optional);
            event.setAttendees(List.of(attendee));
        });
        return event;
    }

    private static DateTimeTimeZone time(java.time.Instant at, EventContent content) {
        DateTimeTimeZone time = new DateTimeTimeZone();
        time.setDateTime(LOCAL.format(at.atZone(content.zone())));
        time.setTimeZone(content.zone().getId()); // Graph takes IANA zone names as well as Windows ones
        return time;
    }

    private GraphServiceClient graph(String accessToken) {
        AccessTokenProvider tokens = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return accessToken;
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return new AllowedHostsValidator(
                        URI.create(properties.apiBase()).getHost());
            }
        };
        GraphServiceClient graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), graphHttp);
        graph.getRequestAdapter().setBaseUrl(CalendarSyncProperties.strip(properties.apiBase()));
        return graph;
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (ApiException e) {
            throw new ProviderFailure(
                    e.getResponseStatusCode(),
                    "Microsoft Graph answered " + e.getResponseStatusCode() + ": " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw new ProviderFailure(0, "Microsoft Graph did not answer: " + io.getMessage(), e);
            }
            throw e;
        }
    }
}
