package io.roomtone.notifications;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.roomtone.identity.Studio;
import io.roomtone.shared.PublicAddress;
import io.roomtone.shared.SealedSecrets;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * SMS through Twilio's Java library: through the studio's own account when it stored one
 * ({@link StudioSmsAccount}), else through the installation's ({@code ROOMTONE_TWILIO_*}). Clients
 * are made here (no static {@code Twilio.init}: several accounts, and tests with several application
 * contexts in one JVM), all on one HTTP client. The phone
 * number comes out of the delivery's sealed recipient, opened only to send. Twilio's 4xx answers
 * for the message itself (an invalid or unreachable number, a number that opted out) are
 * {@link PermanentFailure}s; server errors, timeouts and refused credentials are tried again later.
 * With a public address configured ({@code ROOMTONE_PUBLIC_URL}), each text asks Twilio to report
 * its fate to {@link TwilioWebhooks#STATUS_PATH}; the message SID it answers is kept to match them.
 */
@Component
class SmsSender implements Sender, DisposableBean {

    /**
     * The account one studio's texts go out through.
     *
     * @param own whether it is the studio's own (else the installation's)
     * @param problem why it cannot send (the studio's token does not open); null when it can
     */
    record Route(String accountSid, String authToken, String sender, boolean own, String problem) {

        boolean fromMessagingService() {
            return sender.startsWith("MG");
        }

        /** Where it goes, as the integrations page says it. */
        String description() {
            return (own ? "the studio's own Twilio account " + accountSid : "the installation's Twilio account")
                    + ", from " + sender;
        }

        @Override
        public String toString() {
            return "Route[" + accountSid + ", " + sender + ", own=" + own + "]"; // never the token
        }
    }

    private record Client(Route route, TwilioRestClient client) {}

    /** What the delivery log keeps of a message SID (the column's check); anything else is not kept. */
    private static final Pattern MESSAGE_SID = Pattern.compile("[A-Za-z0-9]{1,64}");

    private final TwilioProperties twilio;
    private final SealedSecrets secrets;
    private final StudioSmsAccount accounts;
    private final PublicAddress address;
    private final Map<UUID, Client> clients = new ConcurrentHashMap<>();
    private volatile SingleAttempt http;

    SmsSender(TwilioProperties twilio, SealedSecrets secrets, StudioSmsAccount accounts, PublicAddress address) {
        this.twilio = twilio;
        this.secrets = secrets;
        this.accounts = accounts;
        this.address = address;
    }

    /** What a delivery's sealed phone number is bound to: its studio. */
    static String recipientContext(UUID studioId) {
        return "delivery.recipient/" + studioId;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean configured(UUID studio) {
        return secrets.available() && route(studio).isPresent();
    }

    @Override
    public String offReason() {
        // a studio stores an account of its own only with the key, so without the installation's
        // account the missing provider is what to tell first
        if (!twilio.configured()) {
            return "No SMS provider is configured (set ROOMTONE_TWILIO_ACCOUNT_SID, ROOMTONE_TWILIO_AUTH_TOKEN and"
                    + " ROOMTONE_TWILIO_FROM, or store the studio's own Twilio account on the integrations page)";
        }
        return "Phone numbers cannot be kept encrypted (set ROOMTONE_ENCRYPTION_KEY)";
    }

    /** Through which account the studio's texts go: its own, else the installation's, else none. */
    Optional<Route> route(UUID studio) {
        Optional<StudioSmsAccount.Account> own = accounts.account(studio);
        if (own.isPresent()) {
            StudioSmsAccount.Account account = own.get();
            return Optional.of(
                    new Route(account.accountSid(), account.authToken(), account.sender(), true, account.problem()));
        }
        return twilio.configured()
                ? Optional.of(new Route(twilio.accountSid(), twilio.authToken(), twilio.from(), false, null))
                : Optional.empty();
    }

    @Override
    public String send(Outbox.Claimed message, Studio studio) throws Exception {
        Route route = route(studio.id()).orElseThrow(() -> new IOException(offReason()));
        if (route.problem() != null) {
            throw new IOException(route.problem());
        }
        String to = secrets.open(message.recipientSealed(), recipientContext(studio.id()));
        MessageCreator creator = route.fromMessagingService()
                ? Message.creator(new PhoneNumber(to), route.sender(), message.text())
                : Message.creator(new PhoneNumber(to), new PhoneNumber(route.sender()), message.text());
        // only with a configured address: the address of a request (or localhost) is no place
        // Twilio can reach, and a callback it cannot deliver only fills the account's debugger
        if (address.configured()) {
            creator.setStatusCallback(URI.create(address.of(TwilioWebhooks.statusPath(studio.id()))));
        }
        Message sent;
        try {
            sent = creator.create(client(studio.id(), route));
        } catch (ApiException e) {
            throw refusal(e);
        }
        String sid = sent == null ? null : sent.getSid();
        return sid != null && MESSAGE_SID.matcher(sid).matches() ? sid : null;
    }

    /** Twilio's answer as the delivery log shows it, permanent when sending again cannot help. */
    static Exception refusal(ApiException e) {
        Integer status = e.getStatusCode();
        StringBuilder text = new StringBuilder("Twilio ");
        if (status == null) {
            Throwable cause = e.getCause();
            text.append("could not be reached: ")
                    .append(cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage());
            return new IOException(text.toString());
        }
        text.append("answered ").append(status);
        if (e.getCode() != null) {
            text.append(" (error ").append(e.getCode()).append(")");
        }
        text.append(": ").append(e.getMessage());
        if (e.getMoreInfo() != null) {
            text.append(" See ").append(e.getMoreInfo());
        }
        // 401/403: the account's credentials, 408/429: timing; fixed on Twilio's side, the message is fine
        boolean permanent =
                status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429;
        return permanent ? new PermanentFailure(text.toString()) : new IOException(text.toString());
    }

    /** The studio's client, made again when its account changed; every client shares one HTTP client. */
    private TwilioRestClient client(UUID studio, Route route) {
        Client made = clients.get(studio);
        if (made == null || !made.route().equals(route)) {
            made = new Client(
                    route,
                    new TwilioRestClient.Builder(route.accountSid(), route.authToken())
                            .httpClient(http())
                            .build());
            clients.put(studio, made);
        }
        return made.client();
    }

    private SingleAttempt http() {
        SingleAttempt made = http;
        if (made == null) {
            synchronized (this) {
                if (http == null) {
                    http = new SingleAttempt(twilio.apiBase());
                }
                made = http;
            }
        }
        return made;
    }

    @Override
    public void destroy() throws IOException {
        if (http != null) {
            http.close();
        }
    }

    /**
     * Twilio's HTTP client, one request per attempt: the outbox retries with its own backoff, so the
     * library's quick retries would only multiply requests. With {@code apiBase} every request goes
     * there instead of Twilio's hosts (same path, query, form and credentials).
     */
    static final class SingleAttempt extends NetworkHttpClient {

        private final URI apiBase;

        SingleAttempt(URI apiBase) {
            this.apiBase = apiBase;
        }

        @Override
        public Response reliableRequest(Request request) {
            return makeRequest(request);
        }

        @Override
        public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
            return makeRequest(request);
        }

        @Override
        public Response makeRequest(Request request) {
            return super.makeRequest(apiBase == null ? request : redirected(request));
        }

        private Request redirected(Request request) {
            String base = apiBase.toString().replaceAll("/+$", "");
            Request copy = new Request(
                    request.getMethod(), base + URI.create(request.getUrl()).getRawPath());
            request.getQueryParams().forEach((name, values) -> values.forEach(v -> copy.addQueryParam(name, v)));
            request.getPostParams().forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
            request.getHeaderParams().forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
            if (request.getAuthStrategy() != null) {
                copy.setAuth(request.getAuthStrategy());
            } else if (request.getUsername() != null) {
                copy.setAuth(request.getUsername(), request.getPassword());
            }
            if (request.getContentType() != null) {
                copy.setContentType(request.getContentType());
            }
            if (request.getBody() != null) {
                copy.setBody(request.getBody());
            }
            copy.setUserAgentExtensions(request.getUserAgentExtensions());
            return copy;
        }

        void close() throws IOException {
            client.close();
        }
    }
}
