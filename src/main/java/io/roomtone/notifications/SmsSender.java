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
import io.roomtone.shared.SealedSecrets;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * SMS through Twilio's Java library, with a client of its own (no static {@code Twilio.init}: one
 * installation, one account, and tests with several application contexts in one JVM). The phone
 * number comes out of the delivery's sealed recipient, opened only to send. Twilio's 4xx answers
 * for the message itself (an invalid or unreachable number, a number that opted out) are
 * {@link PermanentFailure}s; server errors, timeouts and refused credentials are tried again later.
 */
@Component
class SmsSender implements Sender, DisposableBean {

    private final TwilioProperties twilio;
    private final SealedSecrets secrets;
    private volatile SingleAttempt http;
    private volatile TwilioRestClient client;

    SmsSender(TwilioProperties twilio, SealedSecrets secrets) {
        this.twilio = twilio;
        this.secrets = secrets;
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
    public boolean configured() {
        return twilio.configured() && secrets.available();
    }

    @Override
    public String offReason() {
        if (!twilio.configured()) {
            return "No SMS provider is configured (set ROOMTONE_TWILIO_ACCOUNT_SID, ROOMTONE_TWILIO_AUTH_TOKEN and"
                    + " ROOMTONE_TWILIO_FROM)";
        }
        return "Phone numbers cannot be kept encrypted (set ROOMTONE_ENCRYPTION_KEY)";
    }

    /** The sender's name as the integrations page shows it. */
    String from() {
        return twilio.from();
    }

    @Override
    public void send(Outbox.Claimed message, Studio studio) throws Exception {
        String to = secrets.open(message.recipientSealed(), recipientContext(studio.id()));
        MessageCreator creator = twilio.fromMessagingService()
                ? Message.creator(new PhoneNumber(to), twilio.from(), message.text())
                : Message.creator(new PhoneNumber(to), new PhoneNumber(twilio.from()), message.text());
        try {
            creator.create(client());
        } catch (ApiException e) {
            throw refusal(e);
        }
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

    private TwilioRestClient client() {
        TwilioRestClient made = client;
        if (made == null) {
            synchronized (this) {
                if (client == null) {
                    http = new SingleAttempt(twilio.apiBase());
                    client = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                            .httpClient(http)
                            .build();
                }
                made = client;
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
